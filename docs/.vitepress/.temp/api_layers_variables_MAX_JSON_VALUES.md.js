import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Variable: MAX_JSON_VALUES","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/layers/variables/MAX_JSON_VALUES.md","filePath":"api/layers/variables/MAX_JSON_VALUES.md"}');
const _sfc_main = { name: "api/layers/variables/MAX_JSON_VALUES.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/layers</a> / MAX_JSON_VALUES</p><h1 id="variable-max-json-values" tabindex="-1">Variable: MAX_JSON_VALUES <a class="header-anchor" href="#variable-max-json-values" aria-label="Permalink to &quot;Variable: MAX\\_JSON\\_VALUES&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">const</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"> MAX_JSON_VALUES</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">:</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"> number</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">;</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/io/json.ts#L22" target="_blank" rel="noreferrer">packages/layers/src/models/io/json.ts:22</a></p><p>Largest number of values (objects, arrays and leaves together) accepted.</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/layers/variables/MAX_JSON_VALUES.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const MAX_JSON_VALUES = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  MAX_JSON_VALUES as default
};
