import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Function: browserFiles()","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/layers/functions/browserFiles.md","filePath":"api/layers/functions/browserFiles.md"}');
const _sfc_main = { name: "api/layers/functions/browserFiles.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/layers</a> / browserFiles</p><h1 id="function-browserfiles" tabindex="-1">Function: browserFiles() <a class="header-anchor" href="#function-browserfiles" aria-label="Permalink to &quot;Function: browserFiles()&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">function</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> browserFiles</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">(</span><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">jsonFile</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">, </span><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">weightsFile</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">)</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">:</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"> object</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">;</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/io/browser-handlers.ts#L115" target="_blank" rel="noreferrer">packages/layers/src/models/io/browser-handlers.ts:115</a></p><p>A load handler reading a checkpoint from two user-picked files (e.g. from <code>&lt;input type=&quot;file&quot; multiple&gt;</code>): the <code>.json</code> and the <code>.weights.bin</code> saved by <code>downloads://</code>.</p><h2 id="parameters" tabindex="-1">Parameters <a class="header-anchor" href="#parameters" aria-label="Permalink to &quot;Parameters&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Parameter</th><th>Type</th></tr></thead><tbody><tr><td><code>jsonFile</code></td><td><code>Blob</code></td></tr><tr><td><code>weightsFile</code></td><td><code>Blob</code></td></tr></tbody></table><h2 id="returns" tabindex="-1">Returns <a class="header-anchor" href="#returns" aria-label="Permalink to &quot;Returns&quot;">​</a></h2><p><code>object</code></p><table tabindex="0"><thead><tr><th>Name</th><th>Type</th><th>Defined in</th></tr></thead><tbody><tr><td><code>load()</code></td><td>() =&gt; <code>Promise</code>&lt;<a href="./../interfaces/RawModelArtifacts.html"><code>RawModelArtifacts</code></a>&gt;</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/io/browser-handlers.ts#L115" target="_blank" rel="noreferrer">packages/layers/src/models/io/browser-handlers.ts:115</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/layers/functions/browserFiles.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const browserFiles = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  browserFiles as default
};
