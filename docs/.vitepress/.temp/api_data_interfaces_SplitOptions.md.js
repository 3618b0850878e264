import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: SplitOptions","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/data/interfaces/SplitOptions.md","filePath":"api/data/interfaces/SplitOptions.md"}');
const _sfc_main = { name: "api/data/interfaces/SplitOptions.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/data</a> / SplitOptions</p><h1 id="interface-splitoptions" tabindex="-1">Interface: SplitOptions <a class="header-anchor" href="#interface-splitoptions" aria-label="Permalink to &quot;Interface: SplitOptions&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/data/src/splits/train-validation-split.ts#L8" target="_blank" rel="noreferrer">packages/data/src/splits/train-validation-split.ts:8</a></p><p>Options of <code>trainValidationSplit</code>.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-seed"></a> <code>seed?</code></td><td><code>number</code></td><td>Seed of the random assignment (default: the global generator).</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/splits/train-validation-split.ts#L12" target="_blank" rel="noreferrer">packages/data/src/splits/train-validation-split.ts:12</a></td></tr><tr><td><a id="property-stratify"></a> <code>stratify?</code></td><td><code>boolean</code></td><td>Keep each class&#39;s share the same in both parts (default <code>false</code>).</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/splits/train-validation-split.ts#L10" target="_blank" rel="noreferrer">packages/data/src/splits/train-validation-split.ts:10</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/data/interfaces/SplitOptions.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const SplitOptions = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  SplitOptions as default
};
