import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: TrainValidation<D>","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/data/interfaces/TrainValidation.md","filePath":"api/data/interfaces/TrainValidation.md"}');
const _sfc_main = { name: "api/data/interfaces/TrainValidation.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/data</a> / TrainValidation</p><h1 id="interface-trainvalidation-d" tabindex="-1">Interface: TrainValidation&lt;D&gt; <a class="header-anchor" href="#interface-trainvalidation-d" aria-label="Permalink to &quot;Interface: TrainValidation\\&lt;D\\&gt;&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/data/src/splits/train-validation-split.ts#L16" target="_blank" rel="noreferrer">packages/data/src/splits/train-validation-split.ts:16</a></p><p>A train part and a validation part of one dataset.</p><h2 id="type-parameters" tabindex="-1">Type Parameters <a class="header-anchor" href="#type-parameters" aria-label="Permalink to &quot;Type Parameters&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Type Parameter</th></tr></thead><tbody><tr><td><a id="type-parameter-d"></a> <code>D</code></td></tr></tbody></table><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-train"></a> <code>train</code></td><td><code>D</code></td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/splits/train-validation-split.ts#L17" target="_blank" rel="noreferrer">packages/data/src/splits/train-validation-split.ts:17</a></td></tr><tr><td><a id="property-validation"></a> <code>validation</code></td><td><code>D</code></td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/splits/train-validation-split.ts#L18" target="_blank" rel="noreferrer">packages/data/src/splits/train-validation-split.ts:18</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/data/interfaces/TrainValidation.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const TrainValidation = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  TrainValidation as default
};
