import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: WeightSpec","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/layers/interfaces/WeightSpec.md","filePath":"api/layers/interfaces/WeightSpec.md"}');
const _sfc_main = { name: "api/layers/interfaces/WeightSpec.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/layers</a> / WeightSpec</p><h1 id="interface-weightspec" tabindex="-1">Interface: WeightSpec <a class="header-anchor" href="#interface-weightspec" aria-label="Permalink to &quot;Interface: WeightSpec&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/engine/layer.ts#L66" target="_blank" rel="noreferrer">packages/layers/src/engine/layer.ts:66</a></p><p>A weight <code>build</code> would create: its short name (<code>kernel</code>) and shape.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-name"></a> <code>name</code></td><td><code>string</code></td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/engine/layer.ts#L67" target="_blank" rel="noreferrer">packages/layers/src/engine/layer.ts:67</a></td></tr><tr><td><a id="property-shape"></a> <code>shape</code></td><td><code>number</code>[]</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/engine/layer.ts#L68" target="_blank" rel="noreferrer">packages/layers/src/engine/layer.ts:68</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/layers/interfaces/WeightSpec.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const WeightSpec = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  WeightSpec as default
};
