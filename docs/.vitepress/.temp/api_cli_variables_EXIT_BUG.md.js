import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Variable: EXIT_BUG","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/cli/variables/EXIT_BUG.md","filePath":"api/cli/variables/EXIT_BUG.md"}');
const _sfc_main = { name: "api/cli/variables/EXIT_BUG.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/cli</a> / EXIT_BUG</p><h1 id="variable-exit-bug" tabindex="-1">Variable: EXIT_BUG <a class="header-anchor" href="#variable-exit-bug" aria-label="Permalink to &quot;Variable: EXIT\\_BUG&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">const</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"> EXIT_BUG</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">:</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"> 1</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"> =</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"> 1</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">;</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/cli/src/failure.ts#L11" target="_blank" rel="noreferrer">packages/cli/src/failure.ts:11</a></p><p>Exit code of an unexpected error (a bug in convkit or a library under it).</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/cli/variables/EXIT_BUG.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const EXIT_BUG = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  EXIT_BUG as default
};
