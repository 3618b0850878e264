import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Variable: CALIBRATION_IMAGES","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/cli/variables/CALIBRATION_IMAGES.md","filePath":"api/cli/variables/CALIBRATION_IMAGES.md"}');
const _sfc_main = { name: "api/cli/variables/CALIBRATION_IMAGES.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/cli</a> / CALIBRATION_IMAGES</p><h1 id="variable-calibration-images" tabindex="-1">Variable: CALIBRATION_IMAGES <a class="header-anchor" href="#variable-calibration-images" aria-label="Permalink to &quot;Variable: CALIBRATION\\_IMAGES&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">const</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"> CALIBRATION_IMAGES</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">:</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"> 512</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"> =</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"> 512</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">;</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/cli/src/compress.ts#L20" target="_blank" rel="noreferrer">packages/cli/src/compress.ts:20</a></p><p>Images of the training set used to calibrate int8 activation ranges.</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/cli/variables/CALIBRATION_IMAGES.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const CALIBRATION_IMAGES = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  CALIBRATION_IMAGES as default
};
