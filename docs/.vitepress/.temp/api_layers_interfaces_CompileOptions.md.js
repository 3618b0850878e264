import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: CompileOptions","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/layers/interfaces/CompileOptions.md","filePath":"api/layers/interfaces/CompileOptions.md"}');
const _sfc_main = { name: "api/layers/interfaces/CompileOptions.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/layers</a> / CompileOptions</p><h1 id="interface-compileoptions" tabindex="-1">Interface: CompileOptions <a class="header-anchor" href="#interface-compileoptions" aria-label="Permalink to &quot;Interface: CompileOptions&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/layers-model.ts#L41" target="_blank" rel="noreferrer">packages/layers/src/models/layers-model.ts:41</a></p><p>Options of <code>compile</code>.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-loss"></a> <code>loss</code></td><td><a href="./../type-aliases/LossIdentifier.html"><code>LossIdentifier</code></a></td><td>A loss name (<code>&#39;sparseCategoricalCrossentropy&#39;</code>, <code>&#39;mse&#39;</code>, ...) or function.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/layers-model.ts#L45" target="_blank" rel="noreferrer">packages/layers/src/models/layers-model.ts:45</a></td></tr><tr><td><a id="property-metrics"></a> <code>metrics?</code></td><td><a href="./../type-aliases/MetricIdentifier.html"><code>MetricIdentifier</code></a>[]</td><td>Metric names (<code>&#39;accuracy&#39;</code>, <code>&#39;precision&#39;</code>, ...) or <code>Metric</code> instances.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/layers-model.ts#L47" target="_blank" rel="noreferrer">packages/layers/src/models/layers-model.ts:47</a></td></tr><tr><td><a id="property-optimizer"></a> <code>optimizer</code></td><td><code>string</code> | <a href="./../../core/interfaces/Optimizer.html"><code>Optimizer</code></a></td><td>An optimizer instance (from <code>@convkit/optim</code>) or a registered name such as <code>&#39;adam&#39;</code>.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/layers-model.ts#L43" target="_blank" rel="noreferrer">packages/layers/src/models/layers-model.ts:43</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/layers/interfaces/CompileOptions.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const CompileOptions = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  CompileOptions as default
};
