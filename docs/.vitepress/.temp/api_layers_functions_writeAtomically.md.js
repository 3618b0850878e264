import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Function: writeAtomically()","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/layers/functions/writeAtomically.md","filePath":"api/layers/functions/writeAtomically.md"}');
const _sfc_main = { name: "api/layers/functions/writeAtomically.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/layers</a> / writeAtomically</p><h1 id="function-writeatomically" tabindex="-1">Function: writeAtomically() <a class="header-anchor" href="#function-writeatomically" aria-label="Permalink to &quot;Function: writeAtomically()&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">function</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> writeAtomically</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">(</span></span>
<span class="line"><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">   spec</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">, </span></span>
<span class="line"><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">   write</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">, </span></span>
<span class="line"><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">   onStage</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">?</span></span>
<span class="line"><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">)</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">:</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> Promise</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">&lt;</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;">string</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">&gt;;</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/io/atomic-write.ts#L228" target="_blank" rel="noreferrer">packages/layers/src/models/io/atomic-write.ts:228</a></p><p>Saves atomically to <code>spec.target</code> (see the module comment): refuses targets that are not empty or this save&#39;s own output, calls <code>write(tmp)</code> to write the new output at a hidden sibling path <code>tmp</code> (a file to create for <code>&#39;file&#39;</code>; a folder, already created, to fill for <code>&#39;directory&#39;</code>), fsyncs and renames it into place, and removes stale siblings of killed saves. File operations that fail become a <code>FileSystemError</code>; an error in <code>write</code> is rethrown after the partial output is removed. Resolves to the absolute path written (symbolic links resolved). Node only.</p><h2 id="parameters" tabindex="-1">Parameters <a class="header-anchor" href="#parameters" aria-label="Permalink to &quot;Parameters&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Parameter</th><th>Type</th></tr></thead><tbody><tr><td><code>spec</code></td><td><a href="./../interfaces/AtomicTargetSpec.html"><code>AtomicTargetSpec</code></a></td></tr><tr><td><code>write</code></td><td>(<code>tmp</code>) =&gt; <code>Promise</code>&lt;<code>void</code>&gt;</td></tr><tr><td><code>onStage?</code></td><td>(<code>stage</code>) =&gt; <code>void</code> | <code>Promise</code>&lt;<code>void</code>&gt;</td></tr></tbody></table><h2 id="returns" tabindex="-1">Returns <a class="header-anchor" href="#returns" aria-label="Permalink to &quot;Returns&quot;">​</a></h2><p><code>Promise</code>&lt;<code>string</code>&gt;</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/layers/functions/writeAtomically.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const writeAtomically = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  writeAtomically as default
};
