import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: ModelCheckpointOptions","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/layers/interfaces/ModelCheckpointOptions.md","filePath":"api/layers/interfaces/ModelCheckpointOptions.md"}');
const _sfc_main = { name: "api/layers/interfaces/ModelCheckpointOptions.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/layers</a> / ModelCheckpointOptions</p><h1 id="interface-modelcheckpointoptions" tabindex="-1">Interface: ModelCheckpointOptions <a class="header-anchor" href="#interface-modelcheckpointoptions" aria-label="Permalink to &quot;Interface: ModelCheckpointOptions&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/callbacks/model-checkpoint.ts#L9" target="_blank" rel="noreferrer">packages/layers/src/models/callbacks/model-checkpoint.ts:9</a></p><p>Options of <code>ModelCheckpoint</code>.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-mode"></a> <code>mode?</code></td><td><a href="./../type-aliases/MonitorMode.html"><code>MonitorMode</code></a></td><td><code>&#39;min&#39;</code>, <code>&#39;max&#39;</code> or <code>&#39;auto&#39;</code>. Default <code>&#39;auto&#39;</code>.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/callbacks/model-checkpoint.ts#L15" target="_blank" rel="noreferrer">packages/layers/src/models/callbacks/model-checkpoint.ts:15</a></td></tr><tr><td><a id="property-monitor"></a> <code>monitor?</code></td><td><code>string</code></td><td>Log key compared when <code>saveBestOnly</code>. Default <code>&#39;val_loss&#39;</code>.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/callbacks/model-checkpoint.ts#L11" target="_blank" rel="noreferrer">packages/layers/src/models/callbacks/model-checkpoint.ts:11</a></td></tr><tr><td><a id="property-savebestonly"></a> <code>saveBestOnly?</code></td><td><code>boolean</code></td><td>Save only when <code>monitor</code> improves on the best value so far. Default false.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/callbacks/model-checkpoint.ts#L13" target="_blank" rel="noreferrer">packages/layers/src/models/callbacks/model-checkpoint.ts:13</a></td></tr><tr><td><a id="property-savefreq"></a> <code>saveFreq?</code></td><td><code>number</code></td><td>Save every <code>saveFreq</code> epochs (ignored for improvements when <code>saveBestOnly</code>). Default 1.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/callbacks/model-checkpoint.ts#L17" target="_blank" rel="noreferrer">packages/layers/src/models/callbacks/model-checkpoint.ts:17</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/layers/interfaces/ModelCheckpointOptions.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const ModelCheckpointOptions = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  ModelCheckpointOptions as default
};
