import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Variable: INT8_MAX","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/compress/variables/INT8_MAX.md","filePath":"api/compress/variables/INT8_MAX.md"}');
const _sfc_main = { name: "api/compress/variables/INT8_MAX.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/compress</a> / INT8_MAX</p><h1 id="variable-int8-max" tabindex="-1">Variable: INT8_MAX <a class="header-anchor" href="#variable-int8-max" aria-label="Permalink to &quot;Variable: INT8\\_MAX&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">const</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"> INT8_MAX</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">:</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"> 127</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"> =</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"> 127</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">;</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/quantize.ts#L31" target="_blank" rel="noreferrer">packages/compress/src/quantize.ts:31</a></p><p>Largest int8 magnitude used for weights (symmetric range, −128 unused).</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/compress/variables/INT8_MAX.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const INT8_MAX = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  INT8_MAX as default
};
