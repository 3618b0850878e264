import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: ResolvedDataDir","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/data/node/interfaces/ResolvedDataDir.md","filePath":"api/data/node/interfaces/ResolvedDataDir.md"}');
const _sfc_main = { name: "api/data/node/interfaces/ResolvedDataDir.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../../">convkit API</a> / <a href="./../">@convkit/data/node</a> / ResolvedDataDir</p><h1 id="interface-resolveddatadir" tabindex="-1">Interface: ResolvedDataDir <a class="header-anchor" href="#interface-resolveddatadir" aria-label="Permalink to &quot;Interface: ResolvedDataDir&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/data/src/node/data-dir.ts#L32" target="_blank" rel="noreferrer">packages/data/src/node/data-dir.ts:32</a></p><p>The chosen directory and where the choice came from.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-dir"></a> <code>dir</code></td><td><code>string</code></td><td>-</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/node/data-dir.ts#L33" target="_blank" rel="noreferrer">packages/data/src/node/data-dir.ts:33</a></td></tr><tr><td><a id="property-source"></a> <code>source</code></td><td><code>&quot;option&quot;</code> | <code>&quot;env&quot;</code> | <code>&quot;default&quot;</code></td><td><code>&#39;option&#39;</code> (explicit <code>dir</code>), <code>&#39;env&#39;</code> (the environment variable) or <code>&#39;default&#39;</code>.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/node/data-dir.ts#L35" target="_blank" rel="noreferrer">packages/data/src/node/data-dir.ts:35</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/data/node/interfaces/ResolvedDataDir.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const ResolvedDataDir = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  ResolvedDataDir as default
};
