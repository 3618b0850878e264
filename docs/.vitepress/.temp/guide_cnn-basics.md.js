import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"CNN basics","description":"","frontmatter":{},"headers":[],"relativePath":"guide/cnn-basics.md","filePath":"guide/cnn-basics.md"}');
const _sfc_main = { name: "guide/cnn-basics.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><h1 id="cnn-basics" tabindex="-1">CNN basics <a class="header-anchor" href="#cnn-basics" aria-label="Permalink to &quot;CNN basics&quot;">​</a></h1><p>This guide is being written: convolution, padding and stride, pooling, activations, dropout, batch normalisation, dense heads and summary().</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("guide/cnn-basics.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const cnnBasics = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  cnnBasics as default
};
