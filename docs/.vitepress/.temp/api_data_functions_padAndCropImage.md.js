import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Function: padAndCropImage()","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/data/functions/padAndCropImage.md","filePath":"api/data/functions/padAndCropImage.md"}');
const _sfc_main = { name: "api/data/functions/padAndCropImage.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/data</a> / padAndCropImage</p><h1 id="function-padandcropimage" tabindex="-1">Function: padAndCropImage() <a class="header-anchor" href="#function-padandcropimage" aria-label="Permalink to &quot;Function: padAndCropImage()&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">function</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> padAndCropImage</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">(</span></span>
<span class="line"><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">   image</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">, </span></span>
<span class="line"><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">   shape</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">, </span></span>
<span class="line"><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">   padding</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">, </span></span>
<span class="line"><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">   top</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">, </span></span>
<span class="line"><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">   left</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">, </span></span>
<span class="line"><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">   padMode</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">?</span></span>
<span class="line"><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">)</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">:</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> Float32Array</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">;</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/data/src/transforms/crop.ts#L36" target="_blank" rel="noreferrer">packages/data/src/transforms/crop.ts:36</a></p><p>The <code>h × w</code> window at (<code>top</code>, <code>left</code>) of <code>image</code> padded by <code>padding</code> on every side: <code>out[y, x] = padded[y + top, x + left]</code>, with <code>0 &lt;= top, left &lt;= 2 * padding</code>.</p><h2 id="parameters" tabindex="-1">Parameters <a class="header-anchor" href="#parameters" aria-label="Permalink to &quot;Parameters&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Parameter</th><th>Type</th><th>Default value</th></tr></thead><tbody><tr><td><code>image</code></td><td><code>Float32Array</code></td><td><code>undefined</code></td></tr><tr><td><code>shape</code></td><td><a href="./../type-aliases/ImageShape.html"><code>ImageShape</code></a></td><td><code>undefined</code></td></tr><tr><td><code>padding</code></td><td><code>number</code></td><td><code>undefined</code></td></tr><tr><td><code>top</code></td><td><code>number</code></td><td><code>undefined</code></td></tr><tr><td><code>left</code></td><td><code>number</code></td><td><code>undefined</code></td></tr><tr><td><code>padMode?</code></td><td><a href="./../type-aliases/PadMode.html"><code>PadMode</code></a></td><td><code>&#39;zeros&#39;</code></td></tr></tbody></table><h2 id="returns" tabindex="-1">Returns <a class="header-anchor" href="#returns" aria-label="Permalink to &quot;Returns&quot;">​</a></h2><p><code>Float32Array</code></p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/data/functions/padAndCropImage.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const padAndCropImage = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  padAndCropImage as default
};
