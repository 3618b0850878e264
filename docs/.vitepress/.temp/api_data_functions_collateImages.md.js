import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Function: collateImages()","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/data/functions/collateImages.md","filePath":"api/data/functions/collateImages.md"}');
const _sfc_main = { name: "api/data/functions/collateImages.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/data</a> / collateImages</p><h1 id="function-collateimages" tabindex="-1">Function: collateImages() <a class="header-anchor" href="#function-collateimages" aria-label="Permalink to &quot;Function: collateImages()&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">function</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> collateImages</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">(</span><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">samples</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">, </span><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">options</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">?</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">)</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">:</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> Batch</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">;</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/data/src/collate.ts#L37" target="_blank" rel="noreferrer">packages/data/src/collate.ts:37</a></p><p>Stacks image samples into a <code>Batch</code>: <code>xs</code> float32 <code>[b, h, w, c]</code>; <code>ys</code> int32 labels <code>[b]</code>, or float32 <code>[b, k]</code> when the samples carry <code>target</code> vectors or <code>oneHot</code> is given. The caller owns (and must dispose) both tensors.</p><h2 id="parameters" tabindex="-1">Parameters <a class="header-anchor" href="#parameters" aria-label="Permalink to &quot;Parameters&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Parameter</th><th>Type</th></tr></thead><tbody><tr><td><code>samples</code></td><td>readonly <a href="./../interfaces/ImageSample.html"><code>ImageSample</code></a>[]</td></tr><tr><td><code>options?</code></td><td><a href="./../interfaces/CollateOptions.html"><code>CollateOptions</code></a></td></tr></tbody></table><h2 id="returns" tabindex="-1">Returns <a class="header-anchor" href="#returns" aria-label="Permalink to &quot;Returns&quot;">​</a></h2><p><a href="./../../core/interfaces/Batch.html"><code>Batch</code></a></p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/data/functions/collateImages.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const collateImages = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  collateImages as default
};
