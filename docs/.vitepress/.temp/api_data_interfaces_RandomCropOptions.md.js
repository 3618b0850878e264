import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: RandomCropOptions","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/data/interfaces/RandomCropOptions.md","filePath":"api/data/interfaces/RandomCropOptions.md"}');
const _sfc_main = { name: "api/data/interfaces/RandomCropOptions.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/data</a> / RandomCropOptions</p><h1 id="interface-randomcropoptions" tabindex="-1">Interface: RandomCropOptions <a class="header-anchor" href="#interface-randomcropoptions" aria-label="Permalink to &quot;Interface: RandomCropOptions&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/data/src/transforms/crop.ts#L17" target="_blank" rel="noreferrer">packages/data/src/transforms/crop.ts:17</a></p><p>Options of <code>randomCrop</code>.</p><h2 id="extends" tabindex="-1">Extends <a class="header-anchor" href="#extends" aria-label="Permalink to &quot;Extends&quot;">​</a></h2><ul><li><a href="./RandomTransformOptions.html"><code>RandomTransformOptions</code></a></li></ul><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Inherited from</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-padding"></a> <code>padding</code></td><td><code>number</code></td><td>Pixels of padding on each side (the largest possible shift).</td><td>-</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/transforms/crop.ts#L19" target="_blank" rel="noreferrer">packages/data/src/transforms/crop.ts:19</a></td></tr><tr><td><a id="property-padmode"></a> <code>padMode?</code></td><td><a href="./../type-aliases/PadMode.html"><code>PadMode</code></a></td><td><code>&#39;zeros&#39;</code> (default) or <code>&#39;reflect&#39;</code> (mirror the image at its border, without repeating the edge pixel).</td><td>-</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/transforms/crop.ts#L21" target="_blank" rel="noreferrer">packages/data/src/transforms/crop.ts:21</a></td></tr><tr><td><a id="property-seed"></a> <code>seed?</code></td><td><code>number</code></td><td>Seed of the transform&#39;s own generator: the sequence of random choices is reproducible and changes from epoch to epoch. Without a seed, draws come from the global generator (see <code>setSeed</code> in <code>@convkit/core</code>).</td><td><a href="./RandomTransformOptions.html"><code>RandomTransformOptions</code></a>.<a href="./RandomTransformOptions.html#property-seed"><code>seed</code></a></td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/transforms/transform.ts#L16" target="_blank" rel="noreferrer">packages/data/src/transforms/transform.ts:16</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/data/interfaces/RandomCropOptions.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const RandomCropOptions = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  RandomCropOptions as default
};
