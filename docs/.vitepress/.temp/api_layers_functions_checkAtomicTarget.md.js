import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Function: checkAtomicTarget()","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/layers/functions/checkAtomicTarget.md","filePath":"api/layers/functions/checkAtomicTarget.md"}');
const _sfc_main = { name: "api/layers/functions/checkAtomicTarget.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/layers</a> / checkAtomicTarget</p><h1 id="function-checkatomictarget" tabindex="-1">Function: checkAtomicTarget() <a class="header-anchor" href="#function-checkatomictarget" aria-label="Permalink to &quot;Function: checkAtomicTarget()&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">function</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> checkAtomicTarget</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">(</span><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">spec</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">)</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">:</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> Promise</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">&lt;</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;">void</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">&gt;;</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/io/atomic-write.ts#L184" target="_blank" rel="noreferrer">packages/layers/src/models/io/atomic-write.ts:184</a></p><p>Checks that a save to <code>spec.target</code> would be allowed (see the module comment) without saving anything: throws the <code>ConfigError</code> the save would refuse with, or a <code>FileSystemError</code> when the nearest existing folder cannot be written (tested by creating and removing an empty hidden folder there, named like a save&#39;s temporary sibling). Node only. Use it before a long computation whose result goes there.</p><h2 id="parameters" tabindex="-1">Parameters <a class="header-anchor" href="#parameters" aria-label="Permalink to &quot;Parameters&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Parameter</th><th>Type</th></tr></thead><tbody><tr><td><code>spec</code></td><td><a href="./../interfaces/AtomicTargetSpec.html"><code>AtomicTargetSpec</code></a></td></tr></tbody></table><h2 id="returns" tabindex="-1">Returns <a class="header-anchor" href="#returns" aria-label="Permalink to &quot;Returns&quot;">​</a></h2><p><code>Promise</code>&lt;<code>void</code>&gt;</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/layers/functions/checkAtomicTarget.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const checkAtomicTarget = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  checkAtomicTarget as default
};
