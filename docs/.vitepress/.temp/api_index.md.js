import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"convkit API","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/index.md","filePath":"api/index.md"}');
const _sfc_main = { name: "api/index.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><h1 id="convkit-api" tabindex="-1">convkit API <a class="header-anchor" href="#convkit-api" aria-label="Permalink to &quot;convkit API&quot;">​</a></h1><h2 id="modules" tabindex="-1">Modules <a class="header-anchor" href="#modules" aria-label="Permalink to &quot;Modules&quot;">​</a></h2><ul><li><a href="./backend-wasm/">@convkit/backend-wasm</a></li><li><a href="./cli/">@convkit/cli</a></li><li><a href="./compress/">@convkit/compress</a></li><li><a href="./core/">@convkit/core</a></li><li><a href="./data/">@convkit/data</a></li><li><a href="./data/mnist/">@convkit/data/mnist</a></li><li><a href="./data/node/">@convkit/data/node</a></li><li><a href="./layers/">@convkit/layers</a></li><li><a href="./optim/">@convkit/optim</a></li></ul></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/index.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const index = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  index as default
};
