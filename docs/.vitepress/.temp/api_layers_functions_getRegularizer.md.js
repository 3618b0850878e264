import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Function: getRegularizer()","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/layers/functions/getRegularizer.md","filePath":"api/layers/functions/getRegularizer.md"}');
const _sfc_main = { name: "api/layers/functions/getRegularizer.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/layers</a> / getRegularizer</p><h1 id="function-getregularizer" tabindex="-1">Function: getRegularizer() <a class="header-anchor" href="#function-getregularizer" aria-label="Permalink to &quot;Function: getRegularizer()&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">function</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> getRegularizer</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">(</span><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">identifier</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">)</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">:</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> Regularizer</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">;</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/regularizers.ts#L95" target="_blank" rel="noreferrer">packages/layers/src/regularizers.ts:95</a></p><p>Resolves a regularizer option: <code>&#39;l1&#39;</code>, <code>&#39;l2&#39;</code>, <code>&#39;l1l2&#39;</code> (factors 0.01), <code>{ className, config }</code>, or an instance (returned as is).</p><h2 id="parameters" tabindex="-1">Parameters <a class="header-anchor" href="#parameters" aria-label="Permalink to &quot;Parameters&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Parameter</th><th>Type</th></tr></thead><tbody><tr><td><code>identifier</code></td><td><a href="./../type-aliases/RegularizerIdentifier.html"><code>RegularizerIdentifier</code></a></td></tr></tbody></table><h2 id="returns" tabindex="-1">Returns <a class="header-anchor" href="#returns" aria-label="Permalink to &quot;Returns&quot;">​</a></h2><p><a href="./../interfaces/Regularizer.html"><code>Regularizer</code></a></p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/layers/functions/getRegularizer.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const getRegularizer = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  getRegularizer as default
};
