import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Function: convkitKernelNames()","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/backend-wasm/functions/convkitKernelNames.md","filePath":"api/backend-wasm/functions/convkitKernelNames.md"}');
const _sfc_main = { name: "api/backend-wasm/functions/convkitKernelNames.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/backend-wasm</a> / convkitKernelNames</p><h1 id="function-convkitkernelnames" tabindex="-1">Function: convkitKernelNames() <a class="header-anchor" href="#function-convkitkernelnames" aria-label="Permalink to &quot;Function: convkitKernelNames()&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">function</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> convkitKernelNames</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">()</span><span style="--shiki-light:#24292E;--shiki-dark:#F97583;">:</span><span style="--shiki-light:#24292E;--shiki-dark:#79B8FF;"> string</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">[];</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/backend-wasm/src/provider.ts#L37" target="_blank" rel="noreferrer">packages/backend-wasm/src/provider.ts:37</a></p><p>Kernel names that convkit itself implements for &#39;wasm&#39; (on top of tfjs-backend-wasm).</p><h2 id="returns" tabindex="-1">Returns <a class="header-anchor" href="#returns" aria-label="Permalink to &quot;Returns&quot;">​</a></h2><p><code>string</code>[]</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/backend-wasm/functions/convkitKernelNames.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const convkitKernelNames = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  convkitKernelNames as default
};
