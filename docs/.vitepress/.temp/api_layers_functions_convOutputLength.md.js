import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Function: convOutputLength()","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/layers/functions/convOutputLength.md","filePath":"api/layers/functions/convOutputLength.md"}');
const _sfc_main = { name: "api/layers/functions/convOutputLength.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/layers</a> / convOutputLength</p><h1 id="function-convoutputlength" tabindex="-1">Function: convOutputLength() <a class="header-anchor" href="#function-convoutputlength" aria-label="Permalink to &quot;Function: convOutputLength()&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">function</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> convOutputLength</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">(</span></span>
<span class="line"><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">   inputLength</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">, </span></span>
<span class="line"><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">   kernel</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">, </span></span>
<span class="line"><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">   stride</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">, </span></span>
<span class="line"><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">   padding</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">, </span></span>
<span class="line"><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">   dilation</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">?</span></span>
<span class="line"><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">)</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">:</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"> number</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"> |</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"> null</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">;</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/layers/utils.ts#L82" target="_blank" rel="noreferrer">packages/layers/src/layers/utils.ts:82</a></p><p>Output length of a convolution or pooling window along one axis, as TensorFlow computes it: <code>&#39;valid&#39;</code> → ceil((in − kEff + 1) / s), <code>&#39;same&#39;</code> → ceil(in / s), with kEff = (k − 1)·d + 1. <code>null</code> (unknown) stays <code>null</code>.</p><h2 id="parameters" tabindex="-1">Parameters <a class="header-anchor" href="#parameters" aria-label="Permalink to &quot;Parameters&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Parameter</th><th>Type</th><th>Default value</th></tr></thead><tbody><tr><td><code>inputLength</code></td><td><code>number</code> | <code>null</code></td><td><code>undefined</code></td></tr><tr><td><code>kernel</code></td><td><code>number</code></td><td><code>undefined</code></td></tr><tr><td><code>stride</code></td><td><code>number</code></td><td><code>undefined</code></td></tr><tr><td><code>padding</code></td><td><a href="./../type-aliases/PaddingMode.html"><code>PaddingMode</code></a></td><td><code>undefined</code></td></tr><tr><td><code>dilation?</code></td><td><code>number</code></td><td><code>1</code></td></tr></tbody></table><h2 id="returns" tabindex="-1">Returns <a class="header-anchor" href="#returns" aria-label="Permalink to &quot;Returns&quot;">​</a></h2><p><code>number</code> | <code>null</code></p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/layers/functions/convOutputLength.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const convOutputLength = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  convOutputLength as default
};
