import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: History","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/layers/interfaces/History.md","filePath":"api/layers/interfaces/History.md"}');
const _sfc_main = { name: "api/layers/interfaces/History.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/layers</a> / History</p><h1 id="interface-history" tabindex="-1">Interface: History <a class="header-anchor" href="#interface-history" aria-label="Permalink to &quot;Interface: History&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/history.ts#L2" target="_blank" rel="noreferrer">packages/layers/src/models/history.ts:2</a></p><p>What <code>fit</code> returns: per-epoch values of every logged quantity.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-epoch"></a> <code>epoch</code></td><td><code>number</code>[]</td><td>Epoch indices that ran (0-based, offset by <code>initialEpoch</code>).</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/history.ts#L4" target="_blank" rel="noreferrer">packages/layers/src/models/history.ts:4</a></td></tr><tr><td><a id="property-history"></a> <code>history</code></td><td><code>Record</code>&lt;<code>string</code>, <code>number</code>[]&gt;</td><td><code>loss</code>, metrics, <code>val_*</code> and <code>lr</code>, one value per epoch.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/history.ts#L6" target="_blank" rel="noreferrer">packages/layers/src/models/history.ts:6</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/layers/interfaces/History.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const History = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  History as default
};
