import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: ClusterOptions","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/compress/interfaces/ClusterOptions.md","filePath":"api/compress/interfaces/ClusterOptions.md"}');
const _sfc_main = { name: "api/compress/interfaces/ClusterOptions.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/compress</a> / ClusterOptions</p><h1 id="interface-clusteroptions" tabindex="-1">Interface: ClusterOptions <a class="header-anchor" href="#interface-clusteroptions" aria-label="Permalink to &quot;Interface: ClusterOptions&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/cluster.ts#L14" target="_blank" rel="noreferrer">packages/compress/src/cluster.ts:14</a></p><p>Options of <code>clusterWeights</code>.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-clusters"></a> <code>clusters?</code></td><td><code>number</code></td><td>Centroids per kernel, 2 to 256. Default 16.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/cluster.ts#L16" target="_blank" rel="noreferrer">packages/compress/src/cluster.ts:16</a></td></tr><tr><td><a id="property-init"></a> <code>init?</code></td><td><code>&quot;linear&quot;</code> | <code>&quot;density&quot;</code></td><td>Centroid initialisation: evenly spaced between min and max (<code>&#39;linear&#39;</code>, default, as TFMOT) or at quantiles (<code>&#39;density&#39;</code>).</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/cluster.ts#L20" target="_blank" rel="noreferrer">packages/compress/src/cluster.ts:20</a></td></tr><tr><td><a id="property-iterations"></a> <code>iterations?</code></td><td><code>number</code></td><td>Lloyd iterations. Default 30.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/cluster.ts#L22" target="_blank" rel="noreferrer">packages/compress/src/cluster.ts:22</a></td></tr><tr><td><a id="property-layers"></a> <code>layers?</code></td><td><code>string</code>[]</td><td>Layers to cluster. Default: every Conv2D, DepthwiseConv2D, SeparableConv2D and Dense kernel.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/cluster.ts#L18" target="_blank" rel="noreferrer">packages/compress/src/cluster.ts:18</a></td></tr><tr><td><a id="property-preservezeros"></a> <code>preserveZeros?</code></td><td><code>boolean</code></td><td>Keep exact zeros (a pruned model&#39;s) in their own cluster fixed at 0, so clustering does not undo pruning. Default true.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/cluster.ts#L27" target="_blank" rel="noreferrer">packages/compress/src/cluster.ts:27</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/compress/interfaces/ClusterOptions.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const ClusterOptions = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  ClusterOptions as default
};
