import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: CallbackParams","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/layers/interfaces/CallbackParams.md","filePath":"api/layers/interfaces/CallbackParams.md"}');
const _sfc_main = { name: "api/layers/interfaces/CallbackParams.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/layers</a> / CallbackParams</p><h1 id="interface-callbackparams" tabindex="-1">Interface: CallbackParams <a class="header-anchor" href="#interface-callbackparams" aria-label="Permalink to &quot;Interface: CallbackParams&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/callbacks/callback.ts#L11" target="_blank" rel="noreferrer">packages/layers/src/models/callbacks/callback.ts:11</a></p><p>What <code>fit</code> tells callbacks before training starts.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-batchsize"></a> <code>batchSize?</code></td><td><code>number</code></td><td>-</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/callbacks/callback.ts#L20" target="_blank" rel="noreferrer">packages/layers/src/models/callbacks/callback.ts:20</a></td></tr><tr><td><a id="property-epochs"></a> <code>epochs</code></td><td><code>number</code></td><td>Last epoch (exclusive), as passed to <code>fit</code>.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/callbacks/callback.ts#L13" target="_blank" rel="noreferrer">packages/layers/src/models/callbacks/callback.ts:13</a></td></tr><tr><td><a id="property-initialepoch"></a> <code>initialEpoch?</code></td><td><code>number</code></td><td>First epoch (<code>initialEpoch</code>).</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/callbacks/callback.ts#L15" target="_blank" rel="noreferrer">packages/layers/src/models/callbacks/callback.ts:15</a></td></tr><tr><td><a id="property-samples"></a> <code>samples?</code></td><td><code>number</code></td><td>Training samples per epoch, when known.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/callbacks/callback.ts#L19" target="_blank" rel="noreferrer">packages/layers/src/models/callbacks/callback.ts:19</a></td></tr><tr><td><a id="property-steps"></a> <code>steps?</code></td><td><code>number</code></td><td>Batches per epoch, when known.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/callbacks/callback.ts#L17" target="_blank" rel="noreferrer">packages/layers/src/models/callbacks/callback.ts:17</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/layers/interfaces/CallbackParams.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const CallbackParams = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  CallbackParams as default
};
