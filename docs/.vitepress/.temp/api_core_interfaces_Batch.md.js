import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: Batch","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/core/interfaces/Batch.md","filePath":"api/core/interfaces/Batch.md"}');
const _sfc_main = { name: "api/core/interfaces/Batch.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/core</a> / Batch</p><h1 id="interface-batch" tabindex="-1">Interface: Batch <a class="header-anchor" href="#interface-batch" aria-label="Permalink to &quot;Interface: Batch&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/core/src/batch.ts#L9" target="_blank" rel="noreferrer">packages/core/src/batch.ts:9</a></p><p>One mini-batch: inputs and targets with the same leading (batch) dimension.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-xs"></a> <code>xs</code></td><td><code>Tensor</code></td><td><a href="https://github.com/convkit/convkit/blob/main/packages/core/src/batch.ts#L10" target="_blank" rel="noreferrer">packages/core/src/batch.ts:10</a></td></tr><tr><td><a id="property-ys"></a> <code>ys</code></td><td><code>Tensor</code></td><td><a href="https://github.com/convkit/convkit/blob/main/packages/core/src/batch.ts#L11" target="_blank" rel="noreferrer">packages/core/src/batch.ts:11</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/core/interfaces/Batch.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const Batch = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  Batch as default
};
