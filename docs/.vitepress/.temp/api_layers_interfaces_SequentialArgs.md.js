import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: SequentialArgs","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/layers/interfaces/SequentialArgs.md","filePath":"api/layers/interfaces/SequentialArgs.md"}');
const _sfc_main = { name: "api/layers/interfaces/SequentialArgs.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/layers</a> / SequentialArgs</p><h1 id="interface-sequentialargs" tabindex="-1">Interface: SequentialArgs <a class="header-anchor" href="#interface-sequentialargs" aria-label="Permalink to &quot;Interface: SequentialArgs&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/sequential.ts#L10" target="_blank" rel="noreferrer">packages/layers/src/models/sequential.ts:10</a></p><p>Options of <code>Sequential</code>.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-layers"></a> <code>layers?</code></td><td><a href="./../classes/Layer.html"><code>Layer</code></a>[]</td><td>The layers, first to last; the first needs <code>inputShape</code> (or call <code>build</code>).</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/sequential.ts#L12" target="_blank" rel="noreferrer">packages/layers/src/models/sequential.ts:12</a></td></tr><tr><td><a id="property-name"></a> <code>name?</code></td><td><code>string</code></td><td>-</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/sequential.ts#L13" target="_blank" rel="noreferrer">packages/layers/src/models/sequential.ts:13</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/layers/interfaces/SequentialArgs.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const SequentialArgs = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  SequentialArgs as default
};
