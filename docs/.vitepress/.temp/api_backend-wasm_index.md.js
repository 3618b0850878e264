import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"@convkit/backend-wasm","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/backend-wasm/index.md","filePath":"api/backend-wasm/index.md"}');
const _sfc_main = { name: "api/backend-wasm/index.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../">convkit API</a> / @convkit/backend-wasm</p><h1 id="convkit-backend-wasm" tabindex="-1">@convkit/backend-wasm <a class="header-anchor" href="#convkit-backend-wasm" aria-label="Permalink to &quot;@convkit/backend-wasm&quot;">​</a></h1><h2 id="variables" tabindex="-1">Variables <a class="header-anchor" href="#variables" aria-label="Permalink to &quot;Variables&quot;">​</a></h2><ul><li><a href="./variables/convkitKernelConfigs.html">convkitKernelConfigs</a></li><li><a href="./variables/wasmBackendProvider.html">wasmBackendProvider</a></li></ul><h2 id="functions" tabindex="-1">Functions <a class="header-anchor" href="#functions" aria-label="Permalink to &quot;Functions&quot;">​</a></h2><ul><li><a href="./functions/convkitKernelNames.html">convkitKernelNames</a></li><li><a href="./functions/getThreadsCount.html">getThreadsCount</a></li><li><a href="./functions/replacedTfjsWasmKernel.html">replacedTfjsWasmKernel</a></li><li><a href="./functions/setConvkitKernelsEnabled.html">setConvkitKernelsEnabled</a></li><li><a href="./functions/setThreadsCount.html">setThreadsCount</a></li></ul></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/backend-wasm/index.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const index = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  index as default
};
