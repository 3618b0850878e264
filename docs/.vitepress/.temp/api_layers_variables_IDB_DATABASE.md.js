import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Variable: IDB_DATABASE","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/layers/variables/IDB_DATABASE.md","filePath":"api/layers/variables/IDB_DATABASE.md"}');
const _sfc_main = { name: "api/layers/variables/IDB_DATABASE.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/layers</a> / IDB_DATABASE</p><h1 id="variable-idb-database" tabindex="-1">Variable: IDB_DATABASE <a class="header-anchor" href="#variable-idb-database" aria-label="Permalink to &quot;Variable: IDB\\_DATABASE&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">const</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"> IDB_DATABASE</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">:</span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"> &quot;convkit&quot;</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"> =</span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"> &#39;convkit&#39;</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">;</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/io/browser-handlers.ts#L13" target="_blank" rel="noreferrer">packages/layers/src/models/io/browser-handlers.ts:13</a></p><p>IndexedDB database holding convkit models.</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/layers/variables/IDB_DATABASE.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const IDB_DATABASE = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  IDB_DATABASE as default
};
