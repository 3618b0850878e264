import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: IdxImages","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/data/interfaces/IdxImages.md","filePath":"api/data/interfaces/IdxImages.md"}');
const _sfc_main = { name: "api/data/interfaces/IdxImages.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/data</a> / IdxImages</p><h1 id="interface-idximages" tabindex="-1">Interface: IdxImages <a class="header-anchor" href="#interface-idximages" aria-label="Permalink to &quot;Interface: IdxImages&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/data/src/readers/idx-images.ts#L18" target="_blank" rel="noreferrer">packages/data/src/readers/idx-images.ts:18</a></p><p>Decoded IDX images: <code>count</code> greyscale images of <code>rows × cols</code> bytes.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-cols"></a> <code>cols</code></td><td><code>number</code></td><td>-</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/readers/idx-images.ts#L21" target="_blank" rel="noreferrer">packages/data/src/readers/idx-images.ts:21</a></td></tr><tr><td><a id="property-count"></a> <code>count</code></td><td><code>number</code></td><td>-</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/readers/idx-images.ts#L19" target="_blank" rel="noreferrer">packages/data/src/readers/idx-images.ts:19</a></td></tr><tr><td><a id="property-pixels"></a> <code>pixels</code></td><td><code>Uint8Array</code></td><td><code>count * rows * cols</code> bytes, row-major per image.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/readers/idx-images.ts#L23" target="_blank" rel="noreferrer">packages/data/src/readers/idx-images.ts:23</a></td></tr><tr><td><a id="property-rows"></a> <code>rows</code></td><td><code>number</code></td><td>-</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/readers/idx-images.ts#L20" target="_blank" rel="noreferrer">packages/data/src/readers/idx-images.ts:20</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/data/interfaces/IdxImages.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const IdxImages = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  IdxImages as default
};
