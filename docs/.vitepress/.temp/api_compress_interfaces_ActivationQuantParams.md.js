import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: ActivationQuantParams","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/compress/interfaces/ActivationQuantParams.md","filePath":"api/compress/interfaces/ActivationQuantParams.md"}');
const _sfc_main = { name: "api/compress/interfaces/ActivationQuantParams.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/compress</a> / ActivationQuantParams</p><h1 id="interface-activationquantparams" tabindex="-1">Interface: ActivationQuantParams <a class="header-anchor" href="#interface-activationquantparams" aria-label="Permalink to &quot;Interface: ActivationQuantParams&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/quantize.ts#L93" target="_blank" rel="noreferrer">packages/compress/src/quantize.ts:93</a></p><p>Asymmetric per-tensor int8 parameters of an activation: <code>x ≈ (q − zeroPoint) × scale</code>, q in [−128, 127].</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-max"></a> <code>max</code></td><td><code>number</code></td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/quantize.ts#L95" target="_blank" rel="noreferrer">packages/compress/src/quantize.ts:95</a></td></tr><tr><td><a id="property-min"></a> <code>min</code></td><td><code>number</code></td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/quantize.ts#L94" target="_blank" rel="noreferrer">packages/compress/src/quantize.ts:94</a></td></tr><tr><td><a id="property-scale"></a> <code>scale</code></td><td><code>number</code></td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/quantize.ts#L96" target="_blank" rel="noreferrer">packages/compress/src/quantize.ts:96</a></td></tr><tr><td><a id="property-zeropoint"></a> <code>zeroPoint</code></td><td><code>number</code></td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/quantize.ts#L97" target="_blank" rel="noreferrer">packages/compress/src/quantize.ts:97</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/compress/interfaces/ActivationQuantParams.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const ActivationQuantParams = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  ActivationQuantParams as default
};
