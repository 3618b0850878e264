import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Function: checkTrainTest()","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/cli/functions/checkTrainTest.md","filePath":"api/cli/functions/checkTrainTest.md"}');
const _sfc_main = { name: "api/cli/functions/checkTrainTest.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/cli</a> / checkTrainTest</p><h1 id="function-checktraintest" tabindex="-1">Function: checkTrainTest() <a class="header-anchor" href="#function-checktraintest" aria-label="Permalink to &quot;Function: checkTrainTest()&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">function</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> checkTrainTest</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">(</span><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">sets</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">, </span><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">source</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">?</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">)</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">:</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"> void</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">;</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/cli/src/datasets.ts#L40" target="_blank" rel="noreferrer">packages/cli/src/datasets.ts:40</a></p><p>Refuses, before any training, a pair of sets that training could not use to the end: an empty training or held-out set (a schedule over zero steps, an evaluation of nothing), images of different sizes (the model is built for the training size, so the held-out set would fail after training) or held-out labels the model has no output for. Throws a <code>DataFormatError</code>.</p><h2 id="parameters" tabindex="-1">Parameters <a class="header-anchor" href="#parameters" aria-label="Permalink to &quot;Parameters&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Parameter</th><th>Type</th><th>Default value</th></tr></thead><tbody><tr><td><code>sets</code></td><td><code>Pick</code>&lt;<a href="./../interfaces/TrainTestSets.html"><code>TrainTestSets</code></a>, <code>&quot;train&quot;</code> | <code>&quot;test&quot;</code>&gt;</td><td><code>undefined</code></td></tr><tr><td><code>source?</code></td><td><code>string</code></td><td><code>&#39;the data&#39;</code></td></tr></tbody></table><h2 id="returns" tabindex="-1">Returns <a class="header-anchor" href="#returns" aria-label="Permalink to &quot;Returns&quot;">​</a></h2><p><code>void</code></p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/cli/functions/checkTrainTest.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const checkTrainTest = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  checkTrainTest as default
};
