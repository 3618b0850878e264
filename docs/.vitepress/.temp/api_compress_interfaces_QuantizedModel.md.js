import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: QuantizedModel","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/compress/interfaces/QuantizedModel.md","filePath":"api/compress/interfaces/QuantizedModel.md"}');
const _sfc_main = { name: "api/compress/interfaces/QuantizedModel.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/compress</a> / QuantizedModel</p><h1 id="interface-quantizedmodel" tabindex="-1">Interface: QuantizedModel <a class="header-anchor" href="#interface-quantizedmodel" aria-label="Permalink to &quot;Interface: QuantizedModel&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/quantize.ts#L316" target="_blank" rel="noreferrer">packages/compress/src/quantize.ts:316</a></p><p>A post-training-quantized model.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-int8scales"></a> <code>int8Scales</code></td><td><code>Record</code>&lt;<code>string</code>, <code>Float32Array</code>&gt;</td><td>Per kernel weight name: the scales, as <code>encodeCompressed</code>&#39;s <code>int8Scales</code> takes them.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/quantize.ts#L321" target="_blank" rel="noreferrer">packages/compress/src/quantize.ts:321</a></td></tr><tr><td><a id="property-model"></a> <code>model</code></td><td><a href="./../../layers/classes/LayersModel.html"><code>LayersModel</code></a></td><td>A new model whose kernels hold <code>q × scale</code> and whose layer outputs are rounded to int8 levels.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/quantize.ts#L318" target="_blank" rel="noreferrer">packages/compress/src/quantize.ts:318</a></td></tr><tr><td><a id="property-spec"></a> <code>spec</code></td><td><a href="./QuantizationSpec.html"><code>QuantizationSpec</code></a></td><td>-</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/quantize.ts#L319" target="_blank" rel="noreferrer">packages/compress/src/quantize.ts:319</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/compress/interfaces/QuantizedModel.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const QuantizedModel = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  QuantizedModel as default
};
