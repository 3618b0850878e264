import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Variable: OPTIMIZERS","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/optim/variables/OPTIMIZERS.md","filePath":"api/optim/variables/OPTIMIZERS.md"}');
const _sfc_main = { name: "api/optim/variables/OPTIMIZERS.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/optim</a> / OPTIMIZERS</p><h1 id="variable-optimizers" tabindex="-1">Variable: OPTIMIZERS <a class="header-anchor" href="#variable-optimizers" aria-label="Permalink to &quot;Variable: OPTIMIZERS&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">const</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"> OPTIMIZERS</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">:</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> Readonly</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">&lt;</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;">Record</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">&lt;</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;">string</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">, </span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;">OptimizerConstructor</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">&gt;&gt;;</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/optim/src/from-config.ts#L16" target="_blank" rel="noreferrer">packages/optim/src/from-config.ts:16</a></p><p>Optimizer classes by <code>className</code> (<code>&#39;SGD&#39;</code>, <code>&#39;Adam&#39;</code>, ...).</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/optim/variables/OPTIMIZERS.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const OPTIMIZERS = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  OPTIMIZERS as default
};
