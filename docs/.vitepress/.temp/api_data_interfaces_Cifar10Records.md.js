import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: Cifar10Records","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/data/interfaces/Cifar10Records.md","filePath":"api/data/interfaces/Cifar10Records.md"}');
const _sfc_main = { name: "api/data/interfaces/Cifar10Records.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/data</a> / Cifar10Records</p><h1 id="interface-cifar10records" tabindex="-1">Interface: Cifar10Records <a class="header-anchor" href="#interface-cifar10records" aria-label="Permalink to &quot;Interface: Cifar10Records&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/data/src/readers/cifar10.ts#L29" target="_blank" rel="noreferrer">packages/data/src/readers/cifar10.ts:29</a></p><p>Decoded CIFAR-10 records.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-count"></a> <code>count</code></td><td><code>number</code></td><td>-</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/readers/cifar10.ts#L30" target="_blank" rel="noreferrer">packages/data/src/readers/cifar10.ts:30</a></td></tr><tr><td><a id="property-labels"></a> <code>labels</code></td><td><code>Uint8Array</code></td><td>-</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/readers/cifar10.ts#L33" target="_blank" rel="noreferrer">packages/data/src/readers/cifar10.ts:33</a></td></tr><tr><td><a id="property-pixels"></a> <code>pixels</code></td><td><code>Uint8Array</code></td><td><code>count × 32 × 32 × 3</code> bytes, HWC.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/readers/cifar10.ts#L32" target="_blank" rel="noreferrer">packages/data/src/readers/cifar10.ts:32</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/data/interfaces/Cifar10Records.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const Cifar10Records = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  Cifar10Records as default
};
