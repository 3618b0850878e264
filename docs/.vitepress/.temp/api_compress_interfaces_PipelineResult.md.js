import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: PipelineResult","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/compress/interfaces/PipelineResult.md","filePath":"api/compress/interfaces/PipelineResult.md"}');
const _sfc_main = { name: "api/compress/interfaces/PipelineResult.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/compress</a> / PipelineResult</p><h1 id="interface-pipelineresult" tabindex="-1">Interface: PipelineResult <a class="header-anchor" href="#interface-pipelineresult" aria-label="Permalink to &quot;Interface: PipelineResult&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/pipeline.ts#L53" target="_blank" rel="noreferrer">packages/compress/src/pipeline.ts:53</a></p><p>What <code>compressModel</code> returns.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-encodeoptions"></a> <code>encodeOptions</code></td><td><a href="./EncodeCompressedOptions.html"><code>EncodeCompressedOptions</code></a></td><td>How to store the final model with <code>saveCompressed</code> / <code>encodeCompressed</code>.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/pipeline.ts#L59" target="_blank" rel="noreferrer">packages/compress/src/pipeline.ts:59</a></td></tr><tr><td><a id="property-model"></a> <code>model</code></td><td><a href="./../../layers/classes/LayersModel.html"><code>LayersModel</code></a></td><td>The final compressed model (the caller disposes it).</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/pipeline.ts#L57" target="_blank" rel="noreferrer">packages/compress/src/pipeline.ts:57</a></td></tr><tr><td><a id="property-rows"></a> <code>rows</code></td><td><a href="./ReportRow.html"><code>ReportRow</code></a>[]</td><td>One row per step, the original model first.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/pipeline.ts#L55" target="_blank" rel="noreferrer">packages/compress/src/pipeline.ts:55</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/compress/interfaces/PipelineResult.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const PipelineResult = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  PipelineResult as default
};
