import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: ImageSample","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/data/interfaces/ImageSample.md","filePath":"api/data/interfaces/ImageSample.md"}');
const _sfc_main = { name: "api/data/interfaces/ImageSample.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/data</a> / ImageSample</p><h1 id="interface-imagesample" tabindex="-1">Interface: ImageSample <a class="header-anchor" href="#interface-imagesample" aria-label="Permalink to &quot;Interface: ImageSample&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/data/src/image-sample.ts#L11" target="_blank" rel="noreferrer">packages/data/src/image-sample.ts:11</a></p><p>One labelled image. <code>image</code> holds <code>height * width * channels</code> floats in HWC order. Samples read from an <code>ImageDataset</code> are views into its shared buffer: treat them as read-only (every transform in this package returns a new array).</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Modifier</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-image"></a> <code>image</code></td><td><code>readonly</code></td><td><code>Float32Array</code></td><td>Pixels, HWC order, length <code>shape[0] * shape[1] * shape[2]</code>.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/image-sample.ts#L13" target="_blank" rel="noreferrer">packages/data/src/image-sample.ts:13</a></td></tr><tr><td><a id="property-label"></a> <code>label</code></td><td><code>readonly</code></td><td><code>number</code></td><td>Class index (0-based).</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/image-sample.ts#L17" target="_blank" rel="noreferrer">packages/data/src/image-sample.ts:17</a></td></tr><tr><td><a id="property-shape"></a> <code>shape</code></td><td><code>readonly</code></td><td><a href="./../type-aliases/ImageShape.html"><code>ImageShape</code></a></td><td><code>[height, width, channels]</code>.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/image-sample.ts#L15" target="_blank" rel="noreferrer">packages/data/src/image-sample.ts:15</a></td></tr><tr><td><a id="property-target"></a> <code>target?</code></td><td><code>readonly</code></td><td><code>Float32Array</code>&lt;<code>ArrayBufferLike</code>&gt;</td><td>Optional dense target (e.g. one-hot); when every sample of a batch has one, it becomes the batch&#39;s <code>ys</code>.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/image-sample.ts#L19" target="_blank" rel="noreferrer">packages/data/src/image-sample.ts:19</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/data/interfaces/ImageSample.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const ImageSample = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  ImageSample as default
};
