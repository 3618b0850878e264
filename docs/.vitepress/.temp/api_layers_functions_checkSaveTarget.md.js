import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Function: checkSaveTarget()","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/layers/functions/checkSaveTarget.md","filePath":"api/layers/functions/checkSaveTarget.md"}');
const _sfc_main = { name: "api/layers/functions/checkSaveTarget.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/layers</a> / checkSaveTarget</p><h1 id="function-checksavetarget" tabindex="-1">Function: checkSaveTarget() <a class="header-anchor" href="#function-checksavetarget" aria-label="Permalink to &quot;Function: checkSaveTarget()&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">function</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> checkSaveTarget</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">(</span><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">target</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">)</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">:</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> Promise</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">&lt;</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;">void</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">&gt;;</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/io/handlers.ts#L90" target="_blank" rel="noreferrer">packages/layers/src/models/io/handlers.ts:90</a></p><p>Checks, writing nothing, that <code>saveModel(model, target)</code> may write to <code>target</code>: for a directory path or <code>file://</code> URL, throws the <code>ConfigError</code> the save would refuse with, or a <code>FileSystemError</code> when the nearest existing folder is not writable. Other destinations are not checked. Call it before a long training run whose model goes there.</p><h2 id="parameters" tabindex="-1">Parameters <a class="header-anchor" href="#parameters" aria-label="Permalink to &quot;Parameters&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Parameter</th><th>Type</th></tr></thead><tbody><tr><td><code>target</code></td><td><code>string</code> | <a href="./../interfaces/SaveHandler.html"><code>SaveHandler</code></a></td></tr></tbody></table><h2 id="returns" tabindex="-1">Returns <a class="header-anchor" href="#returns" aria-label="Permalink to &quot;Returns&quot;">​</a></h2><p><code>Promise</code>&lt;<code>void</code>&gt;</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/layers/functions/checkSaveTarget.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const checkSaveTarget = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  checkSaveTarget as default
};
