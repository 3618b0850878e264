import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Type Alias: PaddingMode","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/layers/type-aliases/PaddingMode.md","filePath":"api/layers/type-aliases/PaddingMode.md"}');
const _sfc_main = { name: "api/layers/type-aliases/PaddingMode.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/layers</a> / PaddingMode</p><h1 id="type-alias-paddingmode" tabindex="-1">Type Alias: PaddingMode <a class="header-anchor" href="#type-alias-paddingmode" aria-label="Permalink to &quot;Type Alias: PaddingMode&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">type</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> PaddingMode</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"> =</span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"> &quot;valid&quot;</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"> |</span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"> &quot;same&quot;</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">;</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/layers/utils.ts#L12" target="_blank" rel="noreferrer">packages/layers/src/layers/utils.ts:12</a></p><p>Convolution / pooling padding, with TensorFlow&#39;s convention for <code>&#39;same&#39;</code>.</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/layers/type-aliases/PaddingMode.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const PaddingMode = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  PaddingMode as default
};
