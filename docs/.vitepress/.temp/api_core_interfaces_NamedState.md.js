import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: NamedState","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/core/interfaces/NamedState.md","filePath":"api/core/interfaces/NamedState.md"}');
const _sfc_main = { name: "api/core/interfaces/NamedState.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/core</a> / NamedState</p><h1 id="interface-namedstate" tabindex="-1">Interface: NamedState <a class="header-anchor" href="#interface-namedstate" aria-label="Permalink to &quot;Interface: NamedState&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/core/src/optimizer.ts#L16" target="_blank" rel="noreferrer">packages/core/src/optimizer.ts:16</a></p><p>A named tensor of optimizer state (moments, accumulators), for checkpoints.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-name"></a> <code>name</code></td><td><code>string</code></td><td><a href="https://github.com/convkit/convkit/blob/main/packages/core/src/optimizer.ts#L17" target="_blank" rel="noreferrer">packages/core/src/optimizer.ts:17</a></td></tr><tr><td><a id="property-tensor"></a> <code>tensor</code></td><td><code>Tensor</code></td><td><a href="https://github.com/convkit/convkit/blob/main/packages/core/src/optimizer.ts#L18" target="_blank" rel="noreferrer">packages/core/src/optimizer.ts:18</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/core/interfaces/NamedState.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const NamedState = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  NamedState as default
};
