import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"@convkit/data/node","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/data/node/index.md","filePath":"api/data/node/index.md"}');
const _sfc_main = { name: "api/data/node/index.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / @convkit/data/node</p><h1 id="convkit-data-node" tabindex="-1">@convkit/data/node <a class="header-anchor" href="#convkit-data-node" aria-label="Permalink to &quot;@convkit/data/node&quot;">​</a></h1><h2 id="interfaces" tabindex="-1">Interfaces <a class="header-anchor" href="#interfaces" aria-label="Permalink to &quot;Interfaces&quot;">​</a></h2><ul><li><a href="./interfaces/DataDirOptions.html">DataDirOptions</a></li><li><a href="./interfaces/ResolvedDataDir.html">ResolvedDataDir</a></li></ul><h2 id="variables" tabindex="-1">Variables <a class="header-anchor" href="#variables" aria-label="Permalink to &quot;Variables&quot;">​</a></h2><ul><li><a href="./variables/DATA_DIR_ENV.html">DATA_DIR_ENV</a></li></ul><h2 id="functions" tabindex="-1">Functions <a class="header-anchor" href="#functions" aria-label="Permalink to &quot;Functions&quot;">​</a></h2><ul><li><a href="./functions/loadCifar10.html">loadCifar10</a></li><li><a href="./functions/loadFashionMnist.html">loadFashionMnist</a></li><li><a href="./functions/loadIdx.html">loadIdx</a></li><li><a href="./functions/loadMnist.html">loadMnist</a></li><li><a href="./functions/resolveDataDir.html">resolveDataDir</a></li></ul></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/data/node/index.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const index = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  index as default
};
