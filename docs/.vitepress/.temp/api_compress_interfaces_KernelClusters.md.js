import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: KernelClusters","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/compress/interfaces/KernelClusters.md","filePath":"api/compress/interfaces/KernelClusters.md"}');
const _sfc_main = { name: "api/compress/interfaces/KernelClusters.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/compress</a> / KernelClusters</p><h1 id="interface-kernelclusters" tabindex="-1">Interface: KernelClusters <a class="header-anchor" href="#interface-kernelclusters" aria-label="Permalink to &quot;Interface: KernelClusters&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/cluster.ts#L31" target="_blank" rel="noreferrer">packages/compress/src/cluster.ts:31</a></p><p>The codebook and assignment of one kernel.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-assignment"></a> <code>assignment</code></td><td><code>Int16Array</code></td><td>Cluster index of each weight, or −1 for a preserved zero.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/cluster.ts#L35" target="_blank" rel="noreferrer">packages/compress/src/cluster.ts:35</a></td></tr><tr><td><a id="property-centroids"></a> <code>centroids</code></td><td><code>Float32Array</code></td><td>-</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/cluster.ts#L33" target="_blank" rel="noreferrer">packages/compress/src/cluster.ts:33</a></td></tr><tr><td><a id="property-weight"></a> <code>weight</code></td><td><a href="./../../layers/classes/LayerWeight.html"><code>LayerWeight</code></a></td><td>-</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/cluster.ts#L32" target="_blank" rel="noreferrer">packages/compress/src/cluster.ts:32</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/compress/interfaces/KernelClusters.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const KernelClusters = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  KernelClusters as default
};
