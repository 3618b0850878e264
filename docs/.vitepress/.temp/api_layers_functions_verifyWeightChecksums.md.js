import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Function: verifyWeightChecksums()","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/layers/functions/verifyWeightChecksums.md","filePath":"api/layers/functions/verifyWeightChecksums.md"}');
const _sfc_main = { name: "api/layers/functions/verifyWeightChecksums.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/layers</a> / verifyWeightChecksums</p><h1 id="function-verifyweightchecksums" tabindex="-1">Function: verifyWeightChecksums() <a class="header-anchor" href="#function-verifyweightchecksums" aria-label="Permalink to &quot;Function: verifyWeightChecksums()&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">function</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> verifyWeightChecksums</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">(</span></span>
<span class="line"><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">   manifest</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">, </span></span>
<span class="line"><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">   bytes</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">, </span></span>
<span class="line"><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">   file</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">?</span></span>
<span class="line"><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">)</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">:</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"> void</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">;</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/io/manifest.ts#L107" target="_blank" rel="noreferrer">packages/layers/src/models/io/manifest.ts:107</a></p><p>Compares each entry&#39;s recorded <code>crc32</code> with the CRC-32 of its bytes in <code>bytes</code> (entries without one, as in files written before checksums, are skipped). Call after <code>checkWeightLayout</code>. A mismatch is a <code>SerializationError</code> naming <code>file</code> (the weight file) and the weight.</p><h2 id="parameters" tabindex="-1">Parameters <a class="header-anchor" href="#parameters" aria-label="Permalink to &quot;Parameters&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Parameter</th><th>Type</th><th>Default value</th></tr></thead><tbody><tr><td><code>manifest</code></td><td>readonly <a href="./../interfaces/WeightManifestEntry.html"><code>WeightManifestEntry</code></a>[]</td><td><code>undefined</code></td></tr><tr><td><code>bytes</code></td><td><code>Uint8Array</code></td><td><code>undefined</code></td></tr><tr><td><code>file?</code></td><td><code>string</code></td><td><code>&#39;weights.bin&#39;</code></td></tr></tbody></table><h2 id="returns" tabindex="-1">Returns <a class="header-anchor" href="#returns" aria-label="Permalink to &quot;Returns&quot;">​</a></h2><p><code>void</code></p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/layers/functions/verifyWeightChecksums.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const verifyWeightChecksums = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  verifyWeightChecksums as default
};
