import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Variable: DATA_DIR_ENV","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/data/node/variables/DATA_DIR_ENV.md","filePath":"api/data/node/variables/DATA_DIR_ENV.md"}');
const _sfc_main = { name: "api/data/node/variables/DATA_DIR_ENV.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../../">convkit API</a> / <a href="./../">@convkit/data/node</a> / DATA_DIR_ENV</p><h1 id="variable-data-dir-env" tabindex="-1">Variable: DATA_DIR_ENV <a class="header-anchor" href="#variable-data-dir-env" aria-label="Permalink to &quot;Variable: DATA\\_DIR\\_ENV&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">const</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"> DATA_DIR_ENV</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">:</span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"> &quot;CONVKIT_DATA_DIR&quot;</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"> =</span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"> &#39;CONVKIT_DATA_DIR&#39;</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">;</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/data/src/node/data-dir.ts#L13" target="_blank" rel="noreferrer">packages/data/src/node/data-dir.ts:13</a></p><p>The environment variable that points the loaders and the CLI at a data directory.</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/data/node/variables/DATA_DIR_ENV.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const DATA_DIR_ENV = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  DATA_DIR_ENV as default
};
