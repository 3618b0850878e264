import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: VarianceScalingConfig","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/layers/interfaces/VarianceScalingConfig.md","filePath":"api/layers/interfaces/VarianceScalingConfig.md"}');
const _sfc_main = { name: "api/layers/interfaces/VarianceScalingConfig.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/layers</a> / VarianceScalingConfig</p><h1 id="interface-variancescalingconfig" tabindex="-1">Interface: VarianceScalingConfig <a class="header-anchor" href="#interface-variancescalingconfig" aria-label="Permalink to &quot;Interface: VarianceScalingConfig&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/initializers.ts#L161" target="_blank" rel="noreferrer">packages/layers/src/initializers.ts:161</a></p><p>Options of <code>VarianceScaling</code>.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-distribution"></a> <code>distribution?</code></td><td><code>&quot;truncatedNormal&quot;</code> | <code>&quot;normal&quot;</code> | <code>&quot;uniform&quot;</code></td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/initializers.ts#L164" target="_blank" rel="noreferrer">packages/layers/src/initializers.ts:164</a></td></tr><tr><td><a id="property-mode"></a> <code>mode?</code></td><td><code>&quot;fanIn&quot;</code> | <code>&quot;fanOut&quot;</code> | <code>&quot;fanAvg&quot;</code></td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/initializers.ts#L163" target="_blank" rel="noreferrer">packages/layers/src/initializers.ts:163</a></td></tr><tr><td><a id="property-scale"></a> <code>scale?</code></td><td><code>number</code></td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/initializers.ts#L162" target="_blank" rel="noreferrer">packages/layers/src/initializers.ts:162</a></td></tr><tr><td><a id="property-seed"></a> <code>seed?</code></td><td><code>number</code></td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/initializers.ts#L165" target="_blank" rel="noreferrer">packages/layers/src/initializers.ts:165</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/layers/interfaces/VarianceScalingConfig.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const VarianceScalingConfig = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  VarianceScalingConfig as default
};
