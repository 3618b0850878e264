import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Type Alias: CallbackLike","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/layers/type-aliases/CallbackLike.md","filePath":"api/layers/type-aliases/CallbackLike.md"}');
const _sfc_main = { name: "api/layers/type-aliases/CallbackLike.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/layers</a> / CallbackLike</p><h1 id="type-alias-callbacklike" tabindex="-1">Type Alias: CallbackLike <a class="header-anchor" href="#type-alias-callbacklike" aria-label="Permalink to &quot;Type Alias: CallbackLike&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">type</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> CallbackLike</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"> =</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;"> </span></span>
<span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">  |</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> Callback</span></span>
<span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">  |</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> CallbackHooks</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">;</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/callbacks/custom-callback.ts#L33" target="_blank" rel="noreferrer">packages/layers/src/models/callbacks/custom-callback.ts:33</a></p><p>What <code>fit</code>&#39;s <code>callbacks</code> option accepts: <code>Callback</code> instances and plain hook objects.</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/layers/type-aliases/CallbackLike.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const CallbackLike = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  CallbackLike as default
};
