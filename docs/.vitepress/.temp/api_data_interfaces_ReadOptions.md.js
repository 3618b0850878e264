import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: ReadOptions","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/data/interfaces/ReadOptions.md","filePath":"api/data/interfaces/ReadOptions.md"}');
const _sfc_main = { name: "api/data/interfaces/ReadOptions.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/data</a> / ReadOptions</p><h1 id="interface-readoptions" tabindex="-1">Interface: ReadOptions <a class="header-anchor" href="#interface-readoptions" aria-label="Permalink to &quot;Interface: ReadOptions&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/data/src/readers/bytes.ts#L13" target="_blank" rel="noreferrer">packages/data/src/readers/bytes.ts:13</a></p><p>Options every reader accepts.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-maxbytes"></a> <code>maxBytes?</code></td><td><code>number</code></td><td>Largest decompressed size accepted, in bytes (a positive integer; default 1 GiB): a header that asks for more is rejected before anything that size is allocated, and gzip decompression stops as soon as its output passes it.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/readers/bytes.ts#L21" target="_blank" rel="noreferrer">packages/data/src/readers/bytes.ts:21</a></td></tr><tr><td><a id="property-name"></a> <code>name?</code></td><td><code>string</code></td><td>File name (or URL) used in error messages.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/readers/bytes.ts#L15" target="_blank" rel="noreferrer">packages/data/src/readers/bytes.ts:15</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/data/interfaces/ReadOptions.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const ReadOptions = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  ReadOptions as default
};
