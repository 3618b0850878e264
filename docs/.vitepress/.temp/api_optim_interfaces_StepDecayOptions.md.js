import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: StepDecayOptions","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/optim/interfaces/StepDecayOptions.md","filePath":"api/optim/interfaces/StepDecayOptions.md"}');
const _sfc_main = { name: "api/optim/interfaces/StepDecayOptions.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/optim</a> / StepDecayOptions</p><h1 id="interface-stepdecayoptions" tabindex="-1">Interface: StepDecayOptions <a class="header-anchor" href="#interface-stepdecayoptions" aria-label="Permalink to &quot;Interface: StepDecayOptions&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/optim/src/schedules/step-decay.ts#L7" target="_blank" rel="noreferrer">packages/optim/src/schedules/step-decay.ts:7</a></p><p>Options of <code>stepDecay</code>.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-gamma"></a> <code>gamma?</code></td><td><code>number</code></td><td>Factor applied every <code>stepSize</code> steps. Default 0.1.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/optim/src/schedules/step-decay.ts#L13" target="_blank" rel="noreferrer">packages/optim/src/schedules/step-decay.ts:13</a></td></tr><tr><td><a id="property-initiallearningrate"></a> <code>initialLearningRate</code></td><td><code>number</code></td><td>Learning rate of steps <code>0 .. stepSize-1</code>.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/optim/src/schedules/step-decay.ts#L9" target="_blank" rel="noreferrer">packages/optim/src/schedules/step-decay.ts:9</a></td></tr><tr><td><a id="property-stepsize"></a> <code>stepSize</code></td><td><code>number</code></td><td>Steps between two decays.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/optim/src/schedules/step-decay.ts#L11" target="_blank" rel="noreferrer">packages/optim/src/schedules/step-decay.ts:11</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/optim/interfaces/StepDecayOptions.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const StepDecayOptions = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  StepDecayOptions as default
};
