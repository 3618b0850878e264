import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Function: clipByGlobalNorm()","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/optim/functions/clipByGlobalNorm.md","filePath":"api/optim/functions/clipByGlobalNorm.md"}');
const _sfc_main = { name: "api/optim/functions/clipByGlobalNorm.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/optim</a> / clipByGlobalNorm</p><h1 id="function-clipbyglobalnorm" tabindex="-1">Function: clipByGlobalNorm() <a class="header-anchor" href="#function-clipbyglobalnorm" aria-label="Permalink to &quot;Function: clipByGlobalNorm()&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">function</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> clipByGlobalNorm</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">(</span><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">grads</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">, </span><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">maxNorm</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">)</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">:</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> Tensor</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">&lt;</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;">Rank</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">&gt;[];</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/optim/src/clip.ts#L35" target="_blank" rel="noreferrer">packages/optim/src/clip.ts:35</a></p><p>Rescales all gradients by one factor, <code>maxNorm / max(globalNorm, maxNorm)</code>, so that their global L2 norm is at most <code>maxNorm</code> and their directions relative to each other are kept (PyTorch <code>clip_grad_norm_</code>, TF <code>clip_by_global_norm</code>).</p><h2 id="parameters" tabindex="-1">Parameters <a class="header-anchor" href="#parameters" aria-label="Permalink to &quot;Parameters&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Parameter</th><th>Type</th></tr></thead><tbody><tr><td><code>grads</code></td><td>readonly <code>Tensor</code>&lt;<code>Rank</code>&gt;[]</td></tr><tr><td><code>maxNorm</code></td><td><code>number</code></td></tr></tbody></table><h2 id="returns" tabindex="-1">Returns <a class="header-anchor" href="#returns" aria-label="Permalink to &quot;Returns&quot;">​</a></h2><p><code>Tensor</code>&lt;<code>Rank</code>&gt;[]</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/optim/functions/clipByGlobalNorm.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const clipByGlobalNorm = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  clipByGlobalNorm as default
};
