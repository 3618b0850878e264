import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: IdxArray","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/data/interfaces/IdxArray.md","filePath":"api/data/interfaces/IdxArray.md"}');
const _sfc_main = { name: "api/data/interfaces/IdxArray.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/data</a> / IdxArray</p><h1 id="interface-idxarray" tabindex="-1">Interface: IdxArray <a class="header-anchor" href="#interface-idxarray" aria-label="Permalink to &quot;Interface: IdxArray&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/data/src/readers/idx.ts#L14" target="_blank" rel="noreferrer">packages/data/src/readers/idx.ts:14</a></p><p>A decoded IDX file.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-data"></a> <code>data</code></td><td>| <code>Float32Array</code>&lt;<code>ArrayBufferLike</code>&gt; | <code>Int16Array</code>&lt;<code>ArrayBufferLike</code>&gt; | <code>Uint8Array</code>&lt;<code>ArrayBufferLike</code>&gt; | <code>Int8Array</code>&lt;<code>ArrayBufferLike</code>&gt; | <code>Int32Array</code>&lt;<code>ArrayBufferLike</code>&gt; | <code>Float64Array</code>&lt;<code>ArrayBufferLike</code>&gt;</td><td>Values in row-major order, in native byte order.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/readers/idx.ts#L20" target="_blank" rel="noreferrer">packages/data/src/readers/idx.ts:20</a></td></tr><tr><td><a id="property-dims"></a> <code>dims</code></td><td><code>number</code>[]</td><td>Dimensions from the header, e.g. <code>[60000, 28, 28]</code>.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/readers/idx.ts#L18" target="_blank" rel="noreferrer">packages/data/src/readers/idx.ts:18</a></td></tr><tr><td><a id="property-dtype"></a> <code>dtype</code></td><td><a href="./../type-aliases/IdxDtype.html"><code>IdxDtype</code></a></td><td>Element type from the magic&#39;s type code.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/readers/idx.ts#L16" target="_blank" rel="noreferrer">packages/data/src/readers/idx.ts:16</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/data/interfaces/IdxArray.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const IdxArray = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  IdxArray as default
};
