import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Variable: convkitKernelConfigs","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/backend-wasm/variables/convkitKernelConfigs.md","filePath":"api/backend-wasm/variables/convkitKernelConfigs.md"}');
const _sfc_main = { name: "api/backend-wasm/variables/convkitKernelConfigs.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/backend-wasm</a> / convkitKernelConfigs</p><h1 id="variable-convkitkernelconfigs" tabindex="-1">Variable: convkitKernelConfigs <a class="header-anchor" href="#variable-convkitkernelconfigs" aria-label="Permalink to &quot;Variable: convkitKernelConfigs&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">const</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"> convkitKernelConfigs</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">:</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"> readonly</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> KernelConfig</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">[];</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/backend-wasm/src/register-all-kernels.ts#L24" target="_blank" rel="noreferrer">packages/backend-wasm/src/register-all-kernels.ts:24</a></p><p>Every kernel config convkit provides for backend &#39;wasm&#39;.</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/backend-wasm/variables/convkitKernelConfigs.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const convkitKernelConfigs = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  convkitKernelConfigs as default
};
