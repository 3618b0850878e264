import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: QuantizationSpec","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/compress/interfaces/QuantizationSpec.md","filePath":"api/compress/interfaces/QuantizationSpec.md"}');
const _sfc_main = { name: "api/compress/interfaces/QuantizationSpec.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/compress</a> / QuantizationSpec</p><h1 id="interface-quantizationspec" tabindex="-1">Interface: QuantizationSpec <a class="header-anchor" href="#interface-quantizationspec" aria-label="Permalink to &quot;Interface: QuantizationSpec&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/quantize.ts#L300" target="_blank" rel="noreferrer">packages/compress/src/quantize.ts:300</a></p><p>What makes a model int8: per-kernel scales and per-layer activation parameters. Plain JSON-able data.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-activations"></a> <code>activations</code></td><td><code>Record</code>&lt;<code>string</code>, <a href="./ActivationQuantParams.html"><code>ActivationQuantParams</code></a>&gt;</td><td>Per layer name: its output&#39;s int8 parameters.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/quantize.ts#L304" target="_blank" rel="noreferrer">packages/compress/src/quantize.ts:304</a></td></tr><tr><td><a id="property-weights"></a> <code>weights</code></td><td><code>Record</code>&lt;<code>string</code>, { <code>axis</code>: <code>number</code>; <code>scales</code>: <code>number</code>[]; }&gt;</td><td>Per kernel weight name: the channel axis and its scales.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/quantize.ts#L302" target="_blank" rel="noreferrer">packages/compress/src/quantize.ts:302</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/compress/interfaces/QuantizationSpec.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const QuantizationSpec = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  QuantizationSpec as default
};
