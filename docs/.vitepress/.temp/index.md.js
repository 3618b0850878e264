import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse(`{"title":"","description":"","frontmatter":{"layout":"home","hero":{"name":"convkit","text":"Convolutional networks in TypeScript","tagline":"Train, compress and ship CNNs in Node and in the browser — no Python, no native binary.","actions":[{"theme":"brand","text":"Get started","link":"/guide/getting-started"},{"theme":"alt","text":"Why convkit","link":"/guide/"},{"theme":"alt","text":"API reference","link":"/api/"},{"theme":"alt","text":"Train one in your browser","link":"/demo/","target":"_self"}]},"features":[{"title":"Layers and models","details":"Conv2D, depthwise and separable convolutions, pooling, batch norm, dropout, Dense; Sequential and functional models with compile, fit, evaluate, predict and summary().","link":"/guide/cnn-basics"},{"title":"Fast on WebAssembly","details":"A WebAssembly SIMD backend with convkit's own training kernels, on worker threads in Node and in cross-origin-isolated pages.","link":"/guide/performance"},{"title":"Data pipelines","details":"Lazy datasets (map, shuffle, batch, prefetch), MNIST, Fashion-MNIST and CIFAR-10 readers, augmentation, splits and k-fold.","link":"/guide/data"},{"title":"Compression","details":"Magnitude and structured pruning, int8 quantization (PTQ and QAT), float16, distillation, clustering, a compact file format and a before/after report.","link":"/guide/compression"},{"title":"A command line","details":"convkit train, evaluate, summary, compress and quickstart, from the terminal.","link":"/guide/cli"},{"title":"Examples that run","details":"The code on these pages runs in CI; the blocks with a Run button also run here, in your browser.","link":"/guide/#a-first-network"}]},"headers":[],"relativePath":"index.md","filePath":"index.md"}`);
const _sfc_main = { name: "index.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("index.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const index = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  index as default
};
