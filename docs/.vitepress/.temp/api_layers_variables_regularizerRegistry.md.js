import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Variable: regularizerRegistry","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/layers/variables/regularizerRegistry.md","filePath":"api/layers/variables/regularizerRegistry.md"}');
const _sfc_main = { name: "api/layers/variables/regularizerRegistry.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/layers</a> / regularizerRegistry</p><h1 id="variable-regularizerregistry" tabindex="-1">Variable: regularizerRegistry <a class="header-anchor" href="#variable-regularizerregistry" aria-label="Permalink to &quot;Variable: regularizerRegistry&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">const</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"> regularizerRegistry</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">:</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> ClassRegistry</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">&lt;</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;">Regularizer</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">&gt;;</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/regularizers.ts#L74" target="_blank" rel="noreferrer">packages/layers/src/regularizers.ts:74</a></p><p>Regularizer classes by class name.</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/layers/variables/regularizerRegistry.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const regularizerRegistry = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  regularizerRegistry as default
};
