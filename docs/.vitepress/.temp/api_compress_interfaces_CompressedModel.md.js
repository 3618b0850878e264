import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: CompressedModel","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/compress/interfaces/CompressedModel.md","filePath":"api/compress/interfaces/CompressedModel.md"}');
const _sfc_main = { name: "api/compress/interfaces/CompressedModel.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/compress</a> / CompressedModel</p><h1 id="interface-compressedmodel" tabindex="-1">Interface: CompressedModel <a class="header-anchor" href="#interface-compressedmodel" aria-label="Permalink to &quot;Interface: CompressedModel&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/format/types.ts#L170" target="_blank" rel="noreferrer">packages/compress/src/format/types.ts:170</a></p><p>What <code>decodeCompressed</code> / <code>loadCompressed</code> return.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-info"></a> <code>info</code></td><td><a href="./CompressedInfo.html"><code>CompressedInfo</code></a></td><td>How each weight was stored, and the file&#39;s sizes.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/format/types.ts#L178" target="_blank" rel="noreferrer">packages/compress/src/format/types.ts:178</a></td></tr><tr><td><a id="property-metadata"></a> <code>metadata</code></td><td><code>Record</code>&lt;<code>string</code>, <code>unknown</code>&gt;</td><td>The <code>metadata</code> object stored with the model (<code>{}</code> when none).</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/format/types.ts#L174" target="_blank" rel="noreferrer">packages/compress/src/format/types.ts:174</a></td></tr><tr><td><a id="property-model"></a> <code>model</code></td><td><a href="./../../layers/classes/LayersModel.html"><code>LayersModel</code></a></td><td>A new, uncompiled model holding the decoded float32 weights. Dispose it when done.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/format/types.ts#L172" target="_blank" rel="noreferrer">packages/compress/src/format/types.ts:172</a></td></tr><tr><td><a id="property-training"></a> <code>training?</code></td><td><a href="./../../layers/interfaces/SavedTrainingConfig.html"><code>SavedTrainingConfig</code></a></td><td>The stored compile settings, if any (pass them to <code>model.compile</code> with an optimizer).</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/format/types.ts#L176" target="_blank" rel="noreferrer">packages/compress/src/format/types.ts:176</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/compress/interfaces/CompressedModel.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const CompressedModel = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  CompressedModel as default
};
