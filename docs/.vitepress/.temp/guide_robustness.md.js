import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Robustness","description":"","frontmatter":{},"headers":[],"relativePath":"guide/robustness.md","filePath":"guide/robustness.md"}');
const _sfc_main = { name: "guide/robustness.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><h1 id="robustness" tabindex="-1">Robustness <a class="header-anchor" href="#robustness" aria-label="Permalink to &quot;Robustness&quot;">​</a></h1><p>This guide is being written: adversarial attacks and adversarial training.</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("guide/robustness.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const robustness = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  robustness as default
};
