import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Function: guardedTrainStep()","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/layers/functions/guardedTrainStep.md","filePath":"api/layers/functions/guardedTrainStep.md"}');
const _sfc_main = { name: "api/layers/functions/guardedTrainStep.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/layers</a> / guardedTrainStep</p><h1 id="function-guardedtrainstep" tabindex="-1">Function: guardedTrainStep() <a class="header-anchor" href="#function-guardedtrainstep" aria-label="Permalink to &quot;Function: guardedTrainStep()&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">function</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> guardedTrainStep</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">(</span></span>
<span class="line"><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">   step</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">, </span></span>
<span class="line"><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">   xs</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">, </span></span>
<span class="line"><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">   ys</span></span>
<span class="line"><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">)</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">:</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> Promise</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">&lt;</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;">number</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">&gt;;</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/train-step.ts#L73" target="_blank" rel="noreferrer">packages/layers/src/models/train-step.ts:73</a></p><p>Runs one guarded step on <code>xs, ys</code> and resolves to the batch loss (see the file comment): what <code>fit</code> and <code>trainOnBatch</code> run, exported for custom training loops. Does not dispose <code>xs</code> or <code>ys</code>.</p><h2 id="parameters" tabindex="-1">Parameters <a class="header-anchor" href="#parameters" aria-label="Permalink to &quot;Parameters&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Parameter</th><th>Type</th></tr></thead><tbody><tr><td><code>step</code></td><td><a href="./../interfaces/StepContext.html"><code>StepContext</code></a></td></tr><tr><td><code>xs</code></td><td><code>Tensor</code></td></tr><tr><td><code>ys</code></td><td><code>Tensor</code></td></tr></tbody></table><h2 id="returns" tabindex="-1">Returns <a class="header-anchor" href="#returns" aria-label="Permalink to &quot;Returns&quot;">​</a></h2><p><code>Promise</code>&lt;<code>number</code>&gt;</p><h2 id="throws" tabindex="-1">Throws <a class="header-anchor" href="#throws" aria-label="Permalink to &quot;Throws&quot;">​</a></h2><p>NonFiniteError when the loss, a gradient, a weight or an optimizer slot becomes NaN or ±Infinity, or the batch holds such values; the weights and the optimizer state are then as they were before the step.</p><h2 id="throws-1" tabindex="-1">Throws <a class="header-anchor" href="#throws-1" aria-label="Permalink to &quot;Throws&quot;">​</a></h2><p>DataFormatError for targets the loss cannot take; ShapeError for mismatched shapes.</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/layers/functions/guardedTrainStep.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const guardedTrainStep = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  guardedTrainStep as default
};
