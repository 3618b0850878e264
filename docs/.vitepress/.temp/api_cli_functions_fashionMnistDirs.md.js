import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Function: fashionMnistDirs()","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/cli/functions/fashionMnistDirs.md","filePath":"api/cli/functions/fashionMnistDirs.md"}');
const _sfc_main = { name: "api/cli/functions/fashionMnistDirs.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/cli</a> / fashionMnistDirs</p><h1 id="function-fashionmnistdirs" tabindex="-1">Function: fashionMnistDirs() <a class="header-anchor" href="#function-fashionmnistdirs" aria-label="Permalink to &quot;Function: fashionMnistDirs()&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">function</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> fashionMnistDirs</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">()</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">:</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"> string</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">[];</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/cli/src/datasets.ts#L20" target="_blank" rel="noreferrer">packages/cli/src/datasets.ts:20</a></p><p>Implicit places searched for Fashion-MNIST when neither <code>--data-dir</code> nor <code>$CONVKIT_DATA_DIR</code> is given; those two, when given, must exist.</p><h2 id="returns" tabindex="-1">Returns <a class="header-anchor" href="#returns" aria-label="Permalink to &quot;Returns&quot;">​</a></h2><p><code>string</code>[]</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/cli/functions/fashionMnistDirs.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const fashionMnistDirs = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  fashionMnistDirs as default
};
