import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Function: scheduleFromConfig()","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/optim/functions/scheduleFromConfig.md","filePath":"api/optim/functions/scheduleFromConfig.md"}');
const _sfc_main = { name: "api/optim/functions/scheduleFromConfig.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/optim</a> / scheduleFromConfig</p><h1 id="function-schedulefromconfig" tabindex="-1">Function: scheduleFromConfig() <a class="header-anchor" href="#function-schedulefromconfig" aria-label="Permalink to &quot;Function: scheduleFromConfig()&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">function</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> scheduleFromConfig</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">(</span><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">value</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">)</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">:</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> LearningRateSchedule</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">;</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/optim/src/schedules/from-config.ts#L25" target="_blank" rel="noreferrer">packages/optim/src/schedules/from-config.ts:25</a></p><p>Rebuilds a built-in schedule from its <code>config</code> (<code>{ className, config }</code>).</p><h2 id="parameters" tabindex="-1">Parameters <a class="header-anchor" href="#parameters" aria-label="Permalink to &quot;Parameters&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Parameter</th><th>Type</th></tr></thead><tbody><tr><td><code>value</code></td><td><a href="./../interfaces/ScheduleConfig.html"><code>ScheduleConfig</code></a></td></tr></tbody></table><h2 id="returns" tabindex="-1">Returns <a class="header-anchor" href="#returns" aria-label="Permalink to &quot;Returns&quot;">​</a></h2><p><a href="./../../core/interfaces/LearningRateSchedule.html"><code>LearningRateSchedule</code></a></p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/optim/functions/scheduleFromConfig.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const scheduleFromConfig = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  scheduleFromConfig as default
};
