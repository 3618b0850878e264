import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: GeneratorOptions","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/data/interfaces/GeneratorOptions.md","filePath":"api/data/interfaces/GeneratorOptions.md"}');
const _sfc_main = { name: "api/data/interfaces/GeneratorOptions.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/data</a> / GeneratorOptions</p><h1 id="interface-generatoroptions" tabindex="-1">Interface: GeneratorOptions <a class="header-anchor" href="#interface-generatoroptions" aria-label="Permalink to &quot;Interface: GeneratorOptions&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/data/src/dataset.ts#L32" target="_blank" rel="noreferrer">packages/data/src/dataset.ts:32</a></p><p>Options of <code>Dataset.fromGenerator</code>.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-size"></a> <code>size?</code></td><td><code>number</code></td><td>Number of elements one pass yields, when known.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/dataset.ts#L34" target="_blank" rel="noreferrer">packages/data/src/dataset.ts:34</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/data/interfaces/GeneratorOptions.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const GeneratorOptions = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  GeneratorOptions as default
};
