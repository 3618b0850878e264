import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: TerminateOnNaNOptions","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/layers/interfaces/TerminateOnNaNOptions.md","filePath":"api/layers/interfaces/TerminateOnNaNOptions.md"}');
const _sfc_main = { name: "api/layers/interfaces/TerminateOnNaNOptions.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/layers</a> / TerminateOnNaNOptions</p><h1 id="interface-terminateonnanoptions" tabindex="-1">Interface: TerminateOnNaNOptions <a class="header-anchor" href="#interface-terminateonnanoptions" aria-label="Permalink to &quot;Interface: TerminateOnNaNOptions&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/callbacks/terminate-on-nan.ts#L7" target="_blank" rel="noreferrer">packages/layers/src/models/callbacks/terminate-on-nan.ts:7</a></p><p>Options of <code>TerminateOnNaN</code>.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-checkweights"></a> <code>checkWeights?</code></td><td><code>boolean</code></td><td>Also check every weight after each batch (one small reduction per weight). Catches updates that overflow although the loss was finite. Default true.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/callbacks/terminate-on-nan.ts#L13" target="_blank" rel="noreferrer">packages/layers/src/models/callbacks/terminate-on-nan.ts:13</a></td></tr><tr><td><a id="property-restore"></a> <code>restore?</code></td><td><code>boolean</code></td><td>Keep an on-device copy of the weights before each batch and put it back when a weight becomes non-finite, so the model is left as it was before the bad step. Costs one copy of the weights in memory. Default true.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/callbacks/terminate-on-nan.ts#L19" target="_blank" rel="noreferrer">packages/layers/src/models/callbacks/terminate-on-nan.ts:19</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/layers/interfaces/TerminateOnNaNOptions.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const TerminateOnNaNOptions = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  TerminateOnNaNOptions as default
};
