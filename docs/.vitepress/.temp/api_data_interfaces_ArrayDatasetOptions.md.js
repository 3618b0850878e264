import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: ArrayDatasetOptions<T>","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/data/interfaces/ArrayDatasetOptions.md","filePath":"api/data/interfaces/ArrayDatasetOptions.md"}');
const _sfc_main = { name: "api/data/interfaces/ArrayDatasetOptions.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/data</a> / ArrayDatasetOptions</p><h1 id="interface-arraydatasetoptions-t" tabindex="-1">Interface: ArrayDatasetOptions&lt;T&gt; <a class="header-anchor" href="#interface-arraydatasetoptions-t" aria-label="Permalink to &quot;Interface: ArrayDatasetOptions\\&lt;T\\&gt;&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/data/src/dataset.ts#L248" target="_blank" rel="noreferrer">packages/data/src/dataset.ts:248</a></p><p>Options of <code>Dataset.fromArray</code>.</p><h2 id="type-parameters" tabindex="-1">Type Parameters <a class="header-anchor" href="#type-parameters" aria-label="Permalink to &quot;Type Parameters&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Type Parameter</th></tr></thead><tbody><tr><td><a id="type-parameter-t"></a> <code>T</code></td></tr></tbody></table><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-labelof"></a> <code>labelOf?</code></td><td>(<code>item</code>) =&gt; <code>number</code></td><td>Class label of an element, used by stratified splits. Defaults to the element&#39;s numeric <code>label</code> field.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/dataset.ts#L250" target="_blank" rel="noreferrer">packages/data/src/dataset.ts:250</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/data/interfaces/ArrayDatasetOptions.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const ArrayDatasetOptions = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  ArrayDatasetOptions as default
};
