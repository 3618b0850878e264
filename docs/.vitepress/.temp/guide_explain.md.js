import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Explaining predictions","description":"","frontmatter":{},"headers":[],"relativePath":"guide/explain.md","filePath":"guide/explain.md"}');
const _sfc_main = { name: "guide/explain.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><h1 id="explaining-predictions" tabindex="-1">Explaining predictions <a class="header-anchor" href="#explaining-predictions" aria-label="Permalink to &quot;Explaining predictions&quot;">​</a></h1><p>This guide is being written: saliency maps, integrated gradients and Grad-CAM.</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("guide/explain.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const explain = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  explain as default
};
