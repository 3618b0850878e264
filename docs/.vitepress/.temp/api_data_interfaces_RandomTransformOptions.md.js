import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: RandomTransformOptions","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/data/interfaces/RandomTransformOptions.md","filePath":"api/data/interfaces/RandomTransformOptions.md"}');
const _sfc_main = { name: "api/data/interfaces/RandomTransformOptions.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/data</a> / RandomTransformOptions</p><h1 id="interface-randomtransformoptions" tabindex="-1">Interface: RandomTransformOptions <a class="header-anchor" href="#interface-randomtransformoptions" aria-label="Permalink to &quot;Interface: RandomTransformOptions&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/data/src/transforms/transform.ts#L10" target="_blank" rel="noreferrer">packages/data/src/transforms/transform.ts:10</a></p><p>Options shared by random transforms.</p><h2 id="extended-by" tabindex="-1">Extended by <a class="header-anchor" href="#extended-by" aria-label="Permalink to &quot;Extended by&quot;">​</a></h2><ul><li><a href="./RandomCropOptions.html"><code>RandomCropOptions</code></a></li><li><a href="./RandomFlipOptions.html"><code>RandomFlipOptions</code></a></li><li><a href="./RandomShiftOptions.html"><code>RandomShiftOptions</code></a></li></ul><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-seed"></a> <code>seed?</code></td><td><code>number</code></td><td>Seed of the transform&#39;s own generator: the sequence of random choices is reproducible and changes from epoch to epoch. Without a seed, draws come from the global generator (see <code>setSeed</code> in <code>@convkit/core</code>).</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/transforms/transform.ts#L16" target="_blank" rel="noreferrer">packages/data/src/transforms/transform.ts:16</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/data/interfaces/RandomTransformOptions.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const RandomTransformOptions = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  RandomTransformOptions as default
};
