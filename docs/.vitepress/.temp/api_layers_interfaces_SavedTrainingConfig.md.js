import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: SavedTrainingConfig","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/layers/interfaces/SavedTrainingConfig.md","filePath":"api/layers/interfaces/SavedTrainingConfig.md"}');
const _sfc_main = { name: "api/layers/interfaces/SavedTrainingConfig.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/layers</a> / SavedTrainingConfig</p><h1 id="interface-savedtrainingconfig" tabindex="-1">Interface: SavedTrainingConfig <a class="header-anchor" href="#interface-savedtrainingconfig" aria-label="Permalink to &quot;Interface: SavedTrainingConfig&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/io/model-json.ts#L34" target="_blank" rel="noreferrer">packages/layers/src/models/io/model-json.ts:34</a></p><p>Compile settings stored with a model (<code>LayersModel.trainingConfig</code>).</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-loss"></a> <code>loss</code></td><td><code>string</code></td><td>-</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/io/model-json.ts#L35" target="_blank" rel="noreferrer">packages/layers/src/models/io/model-json.ts:35</a></td></tr><tr><td><a id="property-metrics"></a> <code>metrics</code></td><td><code>string</code>[]</td><td>-</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/io/model-json.ts#L36" target="_blank" rel="noreferrer">packages/layers/src/models/io/model-json.ts:36</a></td></tr><tr><td><a id="property-optimizer"></a> <code>optimizer?</code></td><td><a href="./Serialized.html"><code>Serialized</code></a></td><td><code>{ className, config }</code> of the optimizer, when one was set.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/io/model-json.ts#L38" target="_blank" rel="noreferrer">packages/layers/src/models/io/model-json.ts:38</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/layers/interfaces/SavedTrainingConfig.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const SavedTrainingConfig = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  SavedTrainingConfig as default
};
