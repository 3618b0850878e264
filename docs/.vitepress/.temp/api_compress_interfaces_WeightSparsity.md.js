import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: WeightSparsity","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/compress/interfaces/WeightSparsity.md","filePath":"api/compress/interfaces/WeightSparsity.md"}');
const _sfc_main = { name: "api/compress/interfaces/WeightSparsity.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/compress</a> / WeightSparsity</p><h1 id="interface-weightsparsity" tabindex="-1">Interface: WeightSparsity <a class="header-anchor" href="#interface-weightsparsity" aria-label="Permalink to &quot;Interface: WeightSparsity&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/pruning.ts#L187" target="_blank" rel="noreferrer">packages/compress/src/pruning.ts:187</a></p><p>Sparsity of one pruned kernel.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-size"></a> <code>size</code></td><td><code>number</code></td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/pruning.ts#L189" target="_blank" rel="noreferrer">packages/compress/src/pruning.ts:189</a></td></tr><tr><td><a id="property-sparsity"></a> <code>sparsity</code></td><td><code>number</code></td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/pruning.ts#L191" target="_blank" rel="noreferrer">packages/compress/src/pruning.ts:191</a></td></tr><tr><td><a id="property-weight"></a> <code>weight</code></td><td><code>string</code></td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/pruning.ts#L188" target="_blank" rel="noreferrer">packages/compress/src/pruning.ts:188</a></td></tr><tr><td><a id="property-zeros"></a> <code>zeros</code></td><td><code>number</code></td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/pruning.ts#L190" target="_blank" rel="noreferrer">packages/compress/src/pruning.ts:190</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/compress/interfaces/WeightSparsity.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const WeightSparsity = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  WeightSparsity as default
};
