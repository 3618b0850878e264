import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Function: readIdxLabels()","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/data/functions/readIdxLabels.md","filePath":"api/data/functions/readIdxLabels.md"}');
const _sfc_main = { name: "api/data/functions/readIdxLabels.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/data</a> / readIdxLabels</p><h1 id="function-readidxlabels" tabindex="-1">Function: readIdxLabels() <a class="header-anchor" href="#function-readidxlabels" aria-label="Permalink to &quot;Function: readIdxLabels()&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">function</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> readIdxLabels</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">(</span><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">input</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">, </span><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">options</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">?</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">)</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">:</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> Uint8Array</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">;</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/data/src/readers/idx-images.ts#L104" target="_blank" rel="noreferrer">packages/data/src/readers/idx-images.ts:104</a></p><p>Reads an IDX label file (magic 0x00000801); throws <code>DataFormatError</code> on anything else or on a label ≥ <code>numClasses</code> (a positive integer, default 10).</p><h2 id="parameters" tabindex="-1">Parameters <a class="header-anchor" href="#parameters" aria-label="Permalink to &quot;Parameters&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Parameter</th><th>Type</th></tr></thead><tbody><tr><td><code>input</code></td><td><a href="./../type-aliases/BytesLike.html"><code>BytesLike</code></a></td></tr><tr><td><code>options?</code></td><td><a href="./../interfaces/ReadOptions.html"><code>ReadOptions</code></a> &amp; <code>object</code></td></tr></tbody></table><h2 id="returns" tabindex="-1">Returns <a class="header-anchor" href="#returns" aria-label="Permalink to &quot;Returns&quot;">​</a></h2><p><code>Uint8Array</code></p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/data/functions/readIdxLabels.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const readIdxLabels = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  readIdxLabels as default
};
