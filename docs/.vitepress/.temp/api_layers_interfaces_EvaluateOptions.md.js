import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: EvaluateOptions","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/layers/interfaces/EvaluateOptions.md","filePath":"api/layers/interfaces/EvaluateOptions.md"}');
const _sfc_main = { name: "api/layers/interfaces/EvaluateOptions.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/layers</a> / EvaluateOptions</p><h1 id="interface-evaluateoptions" tabindex="-1">Interface: EvaluateOptions <a class="header-anchor" href="#interface-evaluateoptions" aria-label="Permalink to &quot;Interface: EvaluateOptions&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/layers-model.ts#L51" target="_blank" rel="noreferrer">packages/layers/src/models/layers-model.ts:51</a></p><p>Options of <code>evaluate</code> and <code>predict</code>.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-batchsize"></a> <code>batchSize?</code></td><td><code>number</code></td><td>Default 32.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/layers-model.ts#L53" target="_blank" rel="noreferrer">packages/layers/src/models/layers-model.ts:53</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/layers/interfaces/EvaluateOptions.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const EvaluateOptions = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  EvaluateOptions as default
};
