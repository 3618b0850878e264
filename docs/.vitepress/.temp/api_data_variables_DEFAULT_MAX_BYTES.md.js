import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Variable: DEFAULT_MAX_BYTES","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/data/variables/DEFAULT_MAX_BYTES.md","filePath":"api/data/variables/DEFAULT_MAX_BYTES.md"}');
const _sfc_main = { name: "api/data/variables/DEFAULT_MAX_BYTES.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/data</a> / DEFAULT_MAX_BYTES</p><h1 id="variable-default-max-bytes" tabindex="-1">Variable: DEFAULT_MAX_BYTES <a class="header-anchor" href="#variable-default-max-bytes" aria-label="Permalink to &quot;Variable: DEFAULT\\_MAX\\_BYTES&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">const</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"> DEFAULT_MAX_BYTES</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">:</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"> number</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">;</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/data/src/readers/bytes.ts#L25" target="_blank" rel="noreferrer">packages/data/src/readers/bytes.ts:25</a></p><p>Default <code>maxBytes</code>: 1 GiB.</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/data/variables/DEFAULT_MAX_BYTES.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const DEFAULT_MAX_BYTES = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  DEFAULT_MAX_BYTES as default
};
