import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Coming from TensorFlow.js or Keras","description":"","frontmatter":{},"headers":[],"relativePath":"guide/from-tfjs-keras.md","filePath":"guide/from-tfjs-keras.md"}');
const _sfc_main = { name: "guide/from-tfjs-keras.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><h1 id="coming-from-tensorflow-js-or-keras" tabindex="-1">Coming from TensorFlow.js or Keras <a class="header-anchor" href="#coming-from-tensorflow-js-or-keras" aria-label="Permalink to &quot;Coming from TensorFlow.js or Keras&quot;">​</a></h1><p>This guide is being written: the same model in tfjs Layers, Keras and convkit, and what differs.</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("guide/from-tfjs-keras.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const fromTfjsKeras = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  fromTfjsKeras as default
};
