import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: ActivationFn()","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/layers/interfaces/ActivationFn.md","filePath":"api/layers/interfaces/ActivationFn.md"}');
const _sfc_main = { name: "api/layers/interfaces/ActivationFn.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/layers</a> / ActivationFn</p><h1 id="interface-activationfn" tabindex="-1">Interface: ActivationFn() <a class="header-anchor" href="#interface-activationfn" aria-label="Permalink to &quot;Interface: ActivationFn()&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/engine/types.ts#L31" target="_blank" rel="noreferrer">packages/layers/src/engine/types.ts:31</a></p><p>An element-wise (or softmax) activation function.</p><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;">ActivationFn</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">(x): Tensor;</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/engine/types.ts#L33" target="_blank" rel="noreferrer">packages/layers/src/engine/types.ts:33</a></p><p>An element-wise (or softmax) activation function.</p><h2 id="parameters" tabindex="-1">Parameters <a class="header-anchor" href="#parameters" aria-label="Permalink to &quot;Parameters&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Parameter</th><th>Type</th></tr></thead><tbody><tr><td><code>x</code></td><td><code>Tensor</code></td></tr></tbody></table><h2 id="returns" tabindex="-1">Returns <a class="header-anchor" href="#returns" aria-label="Permalink to &quot;Returns&quot;">​</a></h2><p><code>Tensor</code></p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Modifier</th><th>Type</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-name"></a> <code>name</code></td><td><code>readonly</code></td><td><code>string</code></td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/engine/types.ts#L32" target="_blank" rel="noreferrer">packages/layers/src/engine/types.ts:32</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/layers/interfaces/ActivationFn.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const ActivationFn = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  ActivationFn as default
};
