import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: BatchOptions","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/data/interfaces/BatchOptions.md","filePath":"api/data/interfaces/BatchOptions.md"}');
const _sfc_main = { name: "api/data/interfaces/BatchOptions.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/data</a> / BatchOptions</p><h1 id="interface-batchoptions" tabindex="-1">Interface: BatchOptions <a class="header-anchor" href="#interface-batchoptions" aria-label="Permalink to &quot;Interface: BatchOptions&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/data/src/dataset.ts#L26" target="_blank" rel="noreferrer">packages/data/src/dataset.ts:26</a></p><p>Options of <code>Dataset.batch</code>.</p><h2 id="extends" tabindex="-1">Extends <a class="header-anchor" href="#extends" aria-label="Permalink to &quot;Extends&quot;">​</a></h2><ul><li><a href="./CollateOptions.html"><code>CollateOptions</code></a></li></ul><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Inherited from</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-dropremainder"></a> <code>dropRemainder?</code></td><td><code>boolean</code></td><td>Drop a last batch that is smaller than <code>size</code> (default <code>false</code>).</td><td>-</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/dataset.ts#L28" target="_blank" rel="noreferrer">packages/data/src/dataset.ts:28</a></td></tr><tr><td><a id="property-onehot"></a> <code>oneHot?</code></td><td><code>number</code></td><td>Emit one-hot float32 targets <code>[b, numClasses]</code> instead of int32 labels <code>[b]</code>. Ignored when the samples carry their own <code>target</code> vectors.</td><td><a href="./CollateOptions.html"><code>CollateOptions</code></a>.<a href="./CollateOptions.html#property-onehot"><code>oneHot</code></a></td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/collate.ts#L24" target="_blank" rel="noreferrer">packages/data/src/collate.ts:24</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/data/interfaces/BatchOptions.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const BatchOptions = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  BatchOptions as default
};
