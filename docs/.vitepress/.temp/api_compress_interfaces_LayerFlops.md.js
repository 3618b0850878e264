import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: LayerFlops","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/compress/interfaces/LayerFlops.md","filePath":"api/compress/interfaces/LayerFlops.md"}');
const _sfc_main = { name: "api/compress/interfaces/LayerFlops.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/compress</a> / LayerFlops</p><h1 id="interface-layerflops" tabindex="-1">Interface: LayerFlops <a class="header-anchor" href="#interface-layerflops" aria-label="Permalink to &quot;Interface: LayerFlops&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/stats.ts#L48" target="_blank" rel="noreferrer">packages/compress/src/stats.ts:48</a></p><p>FLOPs of one layer for one sample.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-classname"></a> <code>className</code></td><td><code>string</code></td><td>-</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/stats.ts#L50" target="_blank" rel="noreferrer">packages/compress/src/stats.ts:50</a></td></tr><tr><td><a id="property-flops"></a> <code>flops</code></td><td><code>number</code></td><td>2 × multiply-accumulates of the layer&#39;s convolution or matrix product (one sample).</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/stats.ts#L52" target="_blank" rel="noreferrer">packages/compress/src/stats.ts:52</a></td></tr><tr><td><a id="property-layer"></a> <code>layer</code></td><td><code>string</code></td><td>-</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/stats.ts#L49" target="_blank" rel="noreferrer">packages/compress/src/stats.ts:49</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/compress/interfaces/LayerFlops.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const LayerFlops = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  LayerFlops as default
};
