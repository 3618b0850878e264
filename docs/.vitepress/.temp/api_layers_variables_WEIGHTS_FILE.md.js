import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Variable: WEIGHTS_FILE","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/layers/variables/WEIGHTS_FILE.md","filePath":"api/layers/variables/WEIGHTS_FILE.md"}');
const _sfc_main = { name: "api/layers/variables/WEIGHTS_FILE.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/layers</a> / WEIGHTS_FILE</p><h1 id="variable-weights-file" tabindex="-1">Variable: WEIGHTS_FILE <a class="header-anchor" href="#variable-weights-file" aria-label="Permalink to &quot;Variable: WEIGHTS\\_FILE&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">const</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"> WEIGHTS_FILE</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">:</span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"> &quot;weights.bin&quot;</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"> =</span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"> &#39;weights.bin&#39;</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">;</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/io/file-handler.ts#L44" target="_blank" rel="noreferrer">packages/layers/src/models/io/file-handler.ts:44</a></p><p>Name of the weight file inside a checkpoint directory.</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/layers/variables/WEIGHTS_FILE.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const WEIGHTS_FILE = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  WEIGHTS_FILE as default
};
