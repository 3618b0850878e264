import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Function: checkPlanFitsWeights()","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/layers/functions/checkPlanFitsWeights.md","filePath":"api/layers/functions/checkPlanFitsWeights.md"}');
const _sfc_main = { name: "api/layers/functions/checkPlanFitsWeights.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/layers</a> / checkPlanFitsWeights</p><h1 id="function-checkplanfitsweights" tabindex="-1">Function: checkPlanFitsWeights() <a class="header-anchor" href="#function-checkplanfitsweights" aria-label="Permalink to &quot;Function: checkPlanFitsWeights()&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">function</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> checkPlanFitsWeights</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">(</span></span>
<span class="line"><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">   plan</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">, </span></span>
<span class="line"><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">   stored</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">, </span></span>
<span class="line"><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">   where</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">, </span></span>
<span class="line"><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">   manifest</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">?</span></span>
<span class="line"><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">)</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">:</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"> void</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">;</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/topology-plan.ts#L138" target="_blank" rel="noreferrer">packages/layers/src/models/topology-plan.ts:138</a></p><p>Refuses, before anything is built, a topology that needs more parameters than the weights stored with it (<code>stored</code>: the file&#39;s manifest entries), as it cannot match them. <code>where</code> names the file (<code>&#39;convkit-compressed&#39;</code>); <code>manifest</code> its weight list in messages. Throws a <code>SerializationError</code>: <code>&lt;manifest&gt; lists N weights but the topology builds M (…)</code> when the counts differ, else a message with both parameter counts.</p><h2 id="parameters" tabindex="-1">Parameters <a class="header-anchor" href="#parameters" aria-label="Permalink to &quot;Parameters&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Parameter</th><th>Type</th></tr></thead><tbody><tr><td><code>plan</code></td><td><a href="./../interfaces/TopologyPlan.html"><code>TopologyPlan</code></a></td></tr><tr><td><code>stored</code></td><td>readonly <code>object</code>[]</td></tr><tr><td><code>where</code></td><td><code>string</code></td></tr><tr><td><code>manifest?</code></td><td><code>string</code></td></tr></tbody></table><h2 id="returns" tabindex="-1">Returns <a class="header-anchor" href="#returns" aria-label="Permalink to &quot;Returns&quot;">​</a></h2><p><code>void</code></p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/layers/functions/checkPlanFitsWeights.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const checkPlanFitsWeights = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  checkPlanFitsWeights as default
};
