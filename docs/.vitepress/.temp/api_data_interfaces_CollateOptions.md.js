import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: CollateOptions","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/data/interfaces/CollateOptions.md","filePath":"api/data/interfaces/CollateOptions.md"}');
const _sfc_main = { name: "api/data/interfaces/CollateOptions.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/data</a> / CollateOptions</p><h1 id="interface-collateoptions" tabindex="-1">Interface: CollateOptions <a class="header-anchor" href="#interface-collateoptions" aria-label="Permalink to &quot;Interface: CollateOptions&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/data/src/collate.ts#L19" target="_blank" rel="noreferrer">packages/data/src/collate.ts:19</a></p><p>Options for turning image samples into a batch.</p><h2 id="extended-by" tabindex="-1">Extended by <a class="header-anchor" href="#extended-by" aria-label="Permalink to &quot;Extended by&quot;">​</a></h2><ul><li><a href="./BatchOptions.html"><code>BatchOptions</code></a></li></ul><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-onehot"></a> <code>oneHot?</code></td><td><code>number</code></td><td>Emit one-hot float32 targets <code>[b, numClasses]</code> instead of int32 labels <code>[b]</code>. Ignored when the samples carry their own <code>target</code> vectors.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/collate.ts#L24" target="_blank" rel="noreferrer">packages/data/src/collate.ts:24</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/data/interfaces/CollateOptions.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const CollateOptions = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  CollateOptions as default
};
