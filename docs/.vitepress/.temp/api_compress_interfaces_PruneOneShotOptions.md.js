import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: PruneOneShotOptions","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/compress/interfaces/PruneOneShotOptions.md","filePath":"api/compress/interfaces/PruneOneShotOptions.md"}');
const _sfc_main = { name: "api/compress/interfaces/PruneOneShotOptions.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/compress</a> / PruneOneShotOptions</p><h1 id="interface-pruneoneshotoptions" tabindex="-1">Interface: PruneOneShotOptions <a class="header-anchor" href="#interface-pruneoneshotoptions" aria-label="Permalink to &quot;Interface: PruneOneShotOptions&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/pruning.ts#L341" target="_blank" rel="noreferrer">packages/compress/src/pruning.ts:341</a></p><p>Options of <code>pruneOneShot</code>.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-blocksparsity"></a> <code>blockSparsity?</code></td><td>[<code>number</code>, <code>number</code>]</td><td>-</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/pruning.ts#L346" target="_blank" rel="noreferrer">packages/compress/src/pruning.ts:346</a></td></tr><tr><td><a id="property-layers"></a> <code>layers?</code></td><td><code>string</code>[]</td><td>-</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/pruning.ts#L344" target="_blank" rel="noreferrer">packages/compress/src/pruning.ts:344</a></td></tr><tr><td><a id="property-scope"></a> <code>scope?</code></td><td><code>&quot;layer&quot;</code> | <code>&quot;global&quot;</code></td><td>-</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/pruning.ts#L345" target="_blank" rel="noreferrer">packages/compress/src/pruning.ts:345</a></td></tr><tr><td><a id="property-sparsity"></a> <code>sparsity</code></td><td><code>number</code></td><td>Fraction of weights to zero, in [0, 1). Ignored with <code>blockSparsity</code>.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/pruning.ts#L343" target="_blank" rel="noreferrer">packages/compress/src/pruning.ts:343</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/compress/interfaces/PruneOneShotOptions.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const PruneOneShotOptions = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  PruneOneShotOptions as default
};
