import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: ExponentialDecayOptions","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/optim/interfaces/ExponentialDecayOptions.md","filePath":"api/optim/interfaces/ExponentialDecayOptions.md"}');
const _sfc_main = { name: "api/optim/interfaces/ExponentialDecayOptions.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/optim</a> / ExponentialDecayOptions</p><h1 id="interface-exponentialdecayoptions" tabindex="-1">Interface: ExponentialDecayOptions <a class="header-anchor" href="#interface-exponentialdecayoptions" aria-label="Permalink to &quot;Interface: ExponentialDecayOptions&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/optim/src/schedules/exponential-decay.ts#L7" target="_blank" rel="noreferrer">packages/optim/src/schedules/exponential-decay.ts:7</a></p><p>Options of <code>exponentialDecay</code>.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-decayrate"></a> <code>decayRate</code></td><td><code>number</code></td><td>Factor per <code>decaySteps</code> steps.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/optim/src/schedules/exponential-decay.ts#L13" target="_blank" rel="noreferrer">packages/optim/src/schedules/exponential-decay.ts:13</a></td></tr><tr><td><a id="property-decaysteps"></a> <code>decaySteps</code></td><td><code>number</code></td><td>Steps over which the rate is multiplied by <code>decayRate</code> once.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/optim/src/schedules/exponential-decay.ts#L11" target="_blank" rel="noreferrer">packages/optim/src/schedules/exponential-decay.ts:11</a></td></tr><tr><td><a id="property-initiallearningrate"></a> <code>initialLearningRate</code></td><td><code>number</code></td><td>Learning rate at step 0.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/optim/src/schedules/exponential-decay.ts#L9" target="_blank" rel="noreferrer">packages/optim/src/schedules/exponential-decay.ts:9</a></td></tr><tr><td><a id="property-staircase"></a> <code>staircase?</code></td><td><code>boolean</code></td><td>Decay in discrete jumps every <code>decaySteps</code> (floored exponent). Default false.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/optim/src/schedules/exponential-decay.ts#L15" target="_blank" rel="noreferrer">packages/optim/src/schedules/exponential-decay.ts:15</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/optim/interfaces/ExponentialDecayOptions.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const ExponentialDecayOptions = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  ExponentialDecayOptions as default
};
