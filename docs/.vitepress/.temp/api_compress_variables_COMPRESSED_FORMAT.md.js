import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Variable: COMPRESSED_FORMAT","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/compress/variables/COMPRESSED_FORMAT.md","filePath":"api/compress/variables/COMPRESSED_FORMAT.md"}');
const _sfc_main = { name: "api/compress/variables/COMPRESSED_FORMAT.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/compress</a> / COMPRESSED_FORMAT</p><h1 id="variable-compressed-format" tabindex="-1">Variable: COMPRESSED_FORMAT <a class="header-anchor" href="#variable-compressed-format" aria-label="Permalink to &quot;Variable: COMPRESSED\\_FORMAT&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">const</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"> COMPRESSED_FORMAT</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">:</span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"> &quot;convkit-compressed&quot;</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"> =</span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"> &#39;convkit-compressed&#39;</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">;</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/format/types.ts#L7" target="_blank" rel="noreferrer">packages/compress/src/format/types.ts:7</a></p><p>Value of <code>header.format</code>.</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/compress/variables/COMPRESSED_FORMAT.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const COMPRESSED_FORMAT = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  COMPRESSED_FORMAT as default
};
