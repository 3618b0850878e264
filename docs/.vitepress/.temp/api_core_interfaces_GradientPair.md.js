import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: GradientPair","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/core/interfaces/GradientPair.md","filePath":"api/core/interfaces/GradientPair.md"}');
const _sfc_main = { name: "api/core/interfaces/GradientPair.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/core</a> / GradientPair</p><h1 id="interface-gradientpair" tabindex="-1">Interface: GradientPair <a class="header-anchor" href="#interface-gradientpair" aria-label="Permalink to &quot;Interface: GradientPair&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/core/src/optimizer.ts#L10" target="_blank" rel="noreferrer">packages/core/src/optimizer.ts:10</a></p><p>One trainable variable and its gradient for the current step.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-gradient"></a> <code>gradient</code></td><td><code>Tensor</code></td><td><a href="https://github.com/convkit/convkit/blob/main/packages/core/src/optimizer.ts#L12" target="_blank" rel="noreferrer">packages/core/src/optimizer.ts:12</a></td></tr><tr><td><a id="property-variable"></a> <code>variable</code></td><td><code>Variable</code></td><td><a href="https://github.com/convkit/convkit/blob/main/packages/core/src/optimizer.ts#L11" target="_blank" rel="noreferrer">packages/core/src/optimizer.ts:11</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/core/interfaces/GradientPair.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const GradientPair = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  GradientPair as default
};
