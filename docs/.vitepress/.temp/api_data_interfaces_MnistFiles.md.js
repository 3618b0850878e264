import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: MnistFiles","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/data/interfaces/MnistFiles.md","filePath":"api/data/interfaces/MnistFiles.md"}');
const _sfc_main = { name: "api/data/interfaces/MnistFiles.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/data</a> / MnistFiles</p><h1 id="interface-mnistfiles" tabindex="-1">Interface: MnistFiles <a class="header-anchor" href="#interface-mnistfiles" aria-label="Permalink to &quot;Interface: MnistFiles&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/data/src/readers/mnist.ts#L8" target="_blank" rel="noreferrer">packages/data/src/readers/mnist.ts:8</a></p><p>The four files of MNIST or Fashion-MNIST (raw or gzipped bytes).</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-testimages"></a> <code>testImages</code></td><td><a href="./../type-aliases/BytesLike.html"><code>BytesLike</code></a></td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/readers/mnist.ts#L11" target="_blank" rel="noreferrer">packages/data/src/readers/mnist.ts:11</a></td></tr><tr><td><a id="property-testlabels"></a> <code>testLabels</code></td><td><a href="./../type-aliases/BytesLike.html"><code>BytesLike</code></a></td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/readers/mnist.ts#L12" target="_blank" rel="noreferrer">packages/data/src/readers/mnist.ts:12</a></td></tr><tr><td><a id="property-trainimages"></a> <code>trainImages</code></td><td><a href="./../type-aliases/BytesLike.html"><code>BytesLike</code></a></td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/readers/mnist.ts#L9" target="_blank" rel="noreferrer">packages/data/src/readers/mnist.ts:9</a></td></tr><tr><td><a id="property-trainlabels"></a> <code>trainLabels</code></td><td><a href="./../type-aliases/BytesLike.html"><code>BytesLike</code></a></td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/readers/mnist.ts#L10" target="_blank" rel="noreferrer">packages/data/src/readers/mnist.ts:10</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/data/interfaces/MnistFiles.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const MnistFiles = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  MnistFiles as default
};
