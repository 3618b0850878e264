import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: ConstantSparsityOptions","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/compress/interfaces/ConstantSparsityOptions.md","filePath":"api/compress/interfaces/ConstantSparsityOptions.md"}');
const _sfc_main = { name: "api/compress/interfaces/ConstantSparsityOptions.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/compress</a> / ConstantSparsityOptions</p><h1 id="interface-constantsparsityoptions" tabindex="-1">Interface: ConstantSparsityOptions <a class="header-anchor" href="#interface-constantsparsityoptions" aria-label="Permalink to &quot;Interface: ConstantSparsityOptions&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/pruning.ts#L39" target="_blank" rel="noreferrer">packages/compress/src/pruning.ts:39</a></p><p>Options of <code>ConstantSparsity</code>.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-beginstep"></a> <code>beginStep?</code></td><td><code>number</code></td><td>First step at which to prune. Default 0.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/pruning.ts#L43" target="_blank" rel="noreferrer">packages/compress/src/pruning.ts:43</a></td></tr><tr><td><a id="property-endstep"></a> <code>endStep?</code></td><td><code>number</code></td><td>Last step at which the masks are updated; -1 (default) for no end.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/pruning.ts#L45" target="_blank" rel="noreferrer">packages/compress/src/pruning.ts:45</a></td></tr><tr><td><a id="property-frequency"></a> <code>frequency?</code></td><td><code>number</code></td><td>Steps between mask updates. Default 100.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/pruning.ts#L47" target="_blank" rel="noreferrer">packages/compress/src/pruning.ts:47</a></td></tr><tr><td><a id="property-targetsparsity"></a> <code>targetSparsity</code></td><td><code>number</code></td><td>Fraction of weights set to zero, in [0, 1).</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/pruning.ts#L41" target="_blank" rel="noreferrer">packages/compress/src/pruning.ts:41</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/compress/interfaces/ConstantSparsityOptions.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const ConstantSparsityOptions = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  ConstantSparsityOptions as default
};
