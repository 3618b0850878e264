import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: CompressedByteRange","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/compress/interfaces/CompressedByteRange.md","filePath":"api/compress/interfaces/CompressedByteRange.md"}');
const _sfc_main = { name: "api/compress/interfaces/CompressedByteRange.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/compress</a> / CompressedByteRange</p><h1 id="interface-compressedbyterange" tabindex="-1">Interface: CompressedByteRange <a class="header-anchor" href="#interface-compressedbyterange" aria-label="Permalink to &quot;Interface: CompressedByteRange&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/format/types.ts#L28" target="_blank" rel="noreferrer">packages/compress/src/format/types.ts:28</a></p><p>A byte range of the payload.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-bytelength"></a> <code>byteLength</code></td><td><code>number</code></td><td>-</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/format/types.ts#L31" target="_blank" rel="noreferrer">packages/compress/src/format/types.ts:31</a></td></tr><tr><td><a id="property-offset"></a> <code>offset</code></td><td><code>number</code></td><td>Offset from the first payload byte.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/format/types.ts#L30" target="_blank" rel="noreferrer">packages/compress/src/format/types.ts:30</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/compress/interfaces/CompressedByteRange.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const CompressedByteRange = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  CompressedByteRange as default
};
