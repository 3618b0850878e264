import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Function: trainReport()","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/cli/functions/trainReport.md","filePath":"api/cli/functions/trainReport.md"}');
const _sfc_main = { name: "api/cli/functions/trainReport.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/cli</a> / trainReport</p><h1 id="function-trainreport" tabindex="-1">Function: trainReport() <a class="header-anchor" href="#function-trainreport" aria-label="Permalink to &quot;Function: trainReport()&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">function</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> trainReport</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">(</span></span>
<span class="line"><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">   r</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">, </span></span>
<span class="line"><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">   options</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">, </span></span>
<span class="line"><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">   notSavedNote</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">?</span></span>
<span class="line"><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">)</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">:</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"> string</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">;</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/cli/src/train.ts#L128" target="_blank" rel="noreferrer">packages/cli/src/train.ts:128</a></p><p>The result table of a training run. Without <code>out</code>, a last line says that the model was not saved and how to save it (<code>notSavedNote: false</code> leaves it out, for commands that save something else).</p><h2 id="parameters" tabindex="-1">Parameters <a class="header-anchor" href="#parameters" aria-label="Permalink to &quot;Parameters&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Parameter</th><th>Type</th><th>Default value</th></tr></thead><tbody><tr><td><code>r</code></td><td><a href="./../interfaces/TrainResult.html"><code>TrainResult</code></a></td><td><code>undefined</code></td></tr><tr><td><code>options</code></td><td><code>Pick</code>&lt;<a href="./../interfaces/TrainOptions.html"><code>TrainOptions</code></a>, <code>&quot;model&quot;</code> | <code>&quot;epochs&quot;</code> | <code>&quot;out&quot;</code>&gt;</td><td><code>undefined</code></td></tr><tr><td><code>notSavedNote?</code></td><td><code>boolean</code></td><td><code>true</code></td></tr></tbody></table><h2 id="returns" tabindex="-1">Returns <a class="header-anchor" href="#returns" aria-label="Permalink to &quot;Returns&quot;">​</a></h2><p><code>string</code></p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/cli/functions/trainReport.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const trainReport = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  trainReport as default
};
