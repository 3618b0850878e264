import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: RandomFlipOptions","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/data/interfaces/RandomFlipOptions.md","filePath":"api/data/interfaces/RandomFlipOptions.md"}');
const _sfc_main = { name: "api/data/interfaces/RandomFlipOptions.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/data</a> / RandomFlipOptions</p><h1 id="interface-randomflipoptions" tabindex="-1">Interface: RandomFlipOptions <a class="header-anchor" href="#interface-randomflipoptions" aria-label="Permalink to &quot;Interface: RandomFlipOptions&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/data/src/transforms/flip.ts#L7" target="_blank" rel="noreferrer">packages/data/src/transforms/flip.ts:7</a></p><p>Options of <code>randomFlipHorizontal</code>.</p><h2 id="extends" tabindex="-1">Extends <a class="header-anchor" href="#extends" aria-label="Permalink to &quot;Extends&quot;">​</a></h2><ul><li><a href="./RandomTransformOptions.html"><code>RandomTransformOptions</code></a></li></ul><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Inherited from</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-probability"></a> <code>probability?</code></td><td><code>number</code></td><td>Probability of flipping a sample, in [0, 1] (default 0.5).</td><td>-</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/transforms/flip.ts#L9" target="_blank" rel="noreferrer">packages/data/src/transforms/flip.ts:9</a></td></tr><tr><td><a id="property-seed"></a> <code>seed?</code></td><td><code>number</code></td><td>Seed of the transform&#39;s own generator: the sequence of random choices is reproducible and changes from epoch to epoch. Without a seed, draws come from the global generator (see <code>setSeed</code> in <code>@convkit/core</code>).</td><td><a href="./RandomTransformOptions.html"><code>RandomTransformOptions</code></a>.<a href="./RandomTransformOptions.html#property-seed"><code>seed</code></a></td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/transforms/transform.ts#L16" target="_blank" rel="noreferrer">packages/data/src/transforms/transform.ts:16</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/data/interfaces/RandomFlipOptions.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const RandomFlipOptions = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  RandomFlipOptions as default
};
