import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: PiecewiseConstantOptions","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/optim/interfaces/PiecewiseConstantOptions.md","filePath":"api/optim/interfaces/PiecewiseConstantOptions.md"}');
const _sfc_main = { name: "api/optim/interfaces/PiecewiseConstantOptions.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/optim</a> / PiecewiseConstantOptions</p><h1 id="interface-piecewiseconstantoptions" tabindex="-1">Interface: PiecewiseConstantOptions <a class="header-anchor" href="#interface-piecewiseconstantoptions" aria-label="Permalink to &quot;Interface: PiecewiseConstantOptions&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/optim/src/schedules/step-decay.ts#L37" target="_blank" rel="noreferrer">packages/optim/src/schedules/step-decay.ts:37</a></p><p>Options of <code>piecewiseConstant</code>.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-boundaries"></a> <code>boundaries</code></td><td><code>number</code>[]</td><td>Strictly increasing step boundaries.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/optim/src/schedules/step-decay.ts#L39" target="_blank" rel="noreferrer">packages/optim/src/schedules/step-decay.ts:39</a></td></tr><tr><td><a id="property-values"></a> <code>values</code></td><td><code>number</code>[]</td><td><code>boundaries.length + 1</code> learning rates: <code>values[i]</code> applies while <code>boundaries[i-1] &lt; step &lt;= boundaries[i]</code>.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/optim/src/schedules/step-decay.ts#L41" target="_blank" rel="noreferrer">packages/optim/src/schedules/step-decay.ts:41</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/optim/interfaces/PiecewiseConstantOptions.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const PiecewiseConstantOptions = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  PiecewiseConstantOptions as default
};
