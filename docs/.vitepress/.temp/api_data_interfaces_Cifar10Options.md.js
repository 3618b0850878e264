import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: Cifar10Options","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/data/interfaces/Cifar10Options.md","filePath":"api/data/interfaces/Cifar10Options.md"}');
const _sfc_main = { name: "api/data/interfaces/Cifar10Options.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/data</a> / Cifar10Options</p><h1 id="interface-cifar10options" tabindex="-1">Interface: Cifar10Options <a class="header-anchor" href="#interface-cifar10options" aria-label="Permalink to &quot;Interface: Cifar10Options&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/data/src/readers/cifar10.ts#L37" target="_blank" rel="noreferrer">packages/data/src/readers/cifar10.ts:37</a></p><p>Options of <code>cifar10FromBatches</code>.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-maxbytes"></a> <code>maxBytes?</code></td><td><code>number</code></td><td>Largest decompressed size accepted per file, in bytes (a positive integer; default 1 GiB).</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/readers/cifar10.ts#L41" target="_blank" rel="noreferrer">packages/data/src/readers/cifar10.ts:41</a></td></tr><tr><td><a id="property-scale"></a> <code>scale?</code></td><td><code>boolean</code></td><td>Divide by 255 so pixels lie in [0, 1] (default <code>true</code>).</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/readers/cifar10.ts#L39" target="_blank" rel="noreferrer">packages/data/src/readers/cifar10.ts:39</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/data/interfaces/Cifar10Options.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const Cifar10Options = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  Cifar10Options as default
};
