import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: CompressedWeightInfo","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/compress/interfaces/CompressedWeightInfo.md","filePath":"api/compress/interfaces/CompressedWeightInfo.md"}');
const _sfc_main = { name: "api/compress/interfaces/CompressedWeightInfo.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/compress</a> / CompressedWeightInfo</p><h1 id="interface-compressedweightinfo" tabindex="-1">Interface: CompressedWeightInfo <a class="header-anchor" href="#interface-compressedweightinfo" aria-label="Permalink to &quot;Interface: CompressedWeightInfo&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/format/types.ts#L144" target="_blank" rel="noreferrer">packages/compress/src/format/types.ts:144</a></p><p>How one weight was stored.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-bytes"></a> <code>bytes</code></td><td><code>number</code></td><td>Payload bytes of this weight (mask, scales, codebook and values together).</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/format/types.ts#L150" target="_blank" rel="noreferrer">packages/compress/src/format/types.ts:150</a></td></tr><tr><td><a id="property-encoding"></a> <code>encoding</code></td><td><a href="./../type-aliases/WeightEncoding.html"><code>WeightEncoding</code></a></td><td>-</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/format/types.ts#L147" target="_blank" rel="noreferrer">packages/compress/src/format/types.ts:147</a></td></tr><tr><td><a id="property-name"></a> <code>name</code></td><td><code>string</code></td><td>-</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/format/types.ts#L145" target="_blank" rel="noreferrer">packages/compress/src/format/types.ts:145</a></td></tr><tr><td><a id="property-shape"></a> <code>shape</code></td><td><code>number</code>[]</td><td>-</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/format/types.ts#L146" target="_blank" rel="noreferrer">packages/compress/src/format/types.ts:146</a></td></tr><tr><td><a id="property-sparse"></a> <code>sparse</code></td><td><code>boolean</code></td><td>-</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/format/types.ts#L148" target="_blank" rel="noreferrer">packages/compress/src/format/types.ts:148</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/compress/interfaces/CompressedWeightInfo.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const CompressedWeightInfo = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  CompressedWeightInfo as default
};
