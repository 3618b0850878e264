import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: ModelArgs","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/layers/interfaces/ModelArgs.md","filePath":"api/layers/interfaces/ModelArgs.md"}');
const _sfc_main = { name: "api/layers/interfaces/ModelArgs.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/layers</a> / ModelArgs</p><h1 id="interface-modelargs" tabindex="-1">Interface: ModelArgs <a class="header-anchor" href="#interface-modelargs" aria-label="Permalink to &quot;Interface: ModelArgs&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/functional.ts#L23" target="_blank" rel="noreferrer">packages/layers/src/models/functional.ts:23</a></p><p>Options of <code>Model</code>.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-inputs"></a> <code>inputs</code></td><td><a href="./../classes/SymbolicTensor.html"><code>SymbolicTensor</code></a></td><td>The symbolic input created by <code>Input({ shape })</code>.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/functional.ts#L25" target="_blank" rel="noreferrer">packages/layers/src/models/functional.ts:25</a></td></tr><tr><td><a id="property-name"></a> <code>name?</code></td><td><code>string</code></td><td>-</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/functional.ts#L28" target="_blank" rel="noreferrer">packages/layers/src/models/functional.ts:28</a></td></tr><tr><td><a id="property-outputs"></a> <code>outputs</code></td><td><a href="./../classes/SymbolicTensor.html"><code>SymbolicTensor</code></a></td><td>The symbolic output.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/functional.ts#L27" target="_blank" rel="noreferrer">packages/layers/src/models/functional.ts:27</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/layers/interfaces/ModelArgs.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const ModelArgs = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  ModelArgs as default
};
