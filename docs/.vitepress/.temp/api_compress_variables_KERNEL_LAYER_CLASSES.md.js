import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Variable: KERNEL_LAYER_CLASSES","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/compress/variables/KERNEL_LAYER_CLASSES.md","filePath":"api/compress/variables/KERNEL_LAYER_CLASSES.md"}');
const _sfc_main = { name: "api/compress/variables/KERNEL_LAYER_CLASSES.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/compress</a> / KERNEL_LAYER_CLASSES</p><h1 id="variable-kernel-layer-classes" tabindex="-1">Variable: KERNEL_LAYER_CLASSES <a class="header-anchor" href="#variable-kernel-layer-classes" aria-label="Permalink to &quot;Variable: KERNEL\\_LAYER\\_CLASSES&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">const</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"> KERNEL_LAYER_CLASSES</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">:</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"> readonly</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"> string</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">[];</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/stats.ts#L9" target="_blank" rel="noreferrer">packages/compress/src/stats.ts:9</a></p><p>Layer classes whose kernels the compression tools prune, quantize and cluster.</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/compress/variables/KERNEL_LAYER_CLASSES.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const KERNEL_LAYER_CLASSES = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  KERNEL_LAYER_CLASSES as default
};
