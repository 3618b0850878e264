import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: ModelLimits","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/layers/interfaces/ModelLimits.md","filePath":"api/layers/interfaces/ModelLimits.md"}');
const _sfc_main = { name: "api/layers/interfaces/ModelLimits.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/layers</a> / ModelLimits</p><h1 id="interface-modellimits" tabindex="-1">Interface: ModelLimits <a class="header-anchor" href="#interface-modellimits" aria-label="Permalink to &quot;Interface: ModelLimits&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/topology-plan.ts#L27" target="_blank" rel="noreferrer">packages/layers/src/models/topology-plan.ts:27</a></p><p>Size limits applied when a model is rebuilt from a config (loading, <code>modelFromConfig</code>).</p><h2 id="extended-by" tabindex="-1">Extended by <a class="header-anchor" href="#extended-by" aria-label="Permalink to &quot;Extended by&quot;">​</a></h2><ul><li><a href="./../../compress/interfaces/DecodeCompressedOptions.html"><code>DecodeCompressedOptions</code></a></li><li><a href="./PlanOptions.html"><code>PlanOptions</code></a></li><li><a href="./LoadOptions.html"><code>LoadOptions</code></a></li></ul><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-maxactivationelements"></a> <code>maxActivationElements?</code></td><td><code>number</code></td><td>Largest number of values one layer may output for one sample (the input included), e.g. 2^28 refuses an input shape of <code>[1e5, 1e5, 3]</code>. Default <code>DEFAULT_MAX_ACTIVATION_ELEMENTS</code> (2^28).</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/topology-plan.ts#L39" target="_blank" rel="noreferrer">packages/layers/src/models/topology-plan.ts:39</a></td></tr><tr><td><a id="property-maxparams"></a> <code>maxParams?</code></td><td><code>number</code></td><td>Largest number of parameters (weight elements, trainable or not) the model may have; checked from the config before anything is allocated. Default <code>DEFAULT_MAX_PARAMS</code> (100 M). Raise it for a model you trust.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/topology-plan.ts#L33" target="_blank" rel="noreferrer">packages/layers/src/models/topology-plan.ts:33</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/layers/interfaces/ModelLimits.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const ModelLimits = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  ModelLimits as default
};
