import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Function: computeChannelStats()","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/data/functions/computeChannelStats.md","filePath":"api/data/functions/computeChannelStats.md"}');
const _sfc_main = { name: "api/data/functions/computeChannelStats.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/data</a> / computeChannelStats</p><h1 id="function-computechannelstats" tabindex="-1">Function: computeChannelStats() <a class="header-anchor" href="#function-computechannelstats" aria-label="Permalink to &quot;Function: computeChannelStats()&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">function</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> computeChannelStats</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">(</span><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">dataset</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">)</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">:</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> Promise</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">&lt;</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;">ChannelStats</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">&gt;;</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/data/src/transforms/channel-stats.ts#L12" target="_blank" rel="noreferrer">packages/data/src/transforms/channel-stats.ts:12</a></p><p>Mean and (population) standard deviation of each channel over every pixel of one pass of <code>dataset</code>, accumulated in float64. Feed the result to <code>normalizeChannels</code>.</p><h2 id="parameters" tabindex="-1">Parameters <a class="header-anchor" href="#parameters" aria-label="Permalink to &quot;Parameters&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Parameter</th><th>Type</th></tr></thead><tbody><tr><td><code>dataset</code></td><td>| <code>AsyncIterable</code>&lt;<a href="./../interfaces/ImageSample.html"><code>ImageSample</code></a>, <code>any</code>, <code>any</code>&gt; | <code>Iterable</code>&lt;<a href="./../interfaces/ImageSample.html"><code>ImageSample</code></a>, <code>any</code>, <code>any</code>&gt;</td></tr></tbody></table><h2 id="returns" tabindex="-1">Returns <a class="header-anchor" href="#returns" aria-label="Permalink to &quot;Returns&quot;">​</a></h2><p><code>Promise</code>&lt;<a href="./../interfaces/ChannelStats.html"><code>ChannelStats</code></a>&gt;</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/data/functions/computeChannelStats.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const computeChannelStats = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  computeChannelStats as default
};
