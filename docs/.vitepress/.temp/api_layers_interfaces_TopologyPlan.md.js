import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: TopologyPlan","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/layers/interfaces/TopologyPlan.md","filePath":"api/layers/interfaces/TopologyPlan.md"}');
const _sfc_main = { name: "api/layers/interfaces/TopologyPlan.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/layers</a> / TopologyPlan</p><h1 id="interface-topologyplan" tabindex="-1">Interface: TopologyPlan <a class="header-anchor" href="#interface-topologyplan" aria-label="Permalink to &quot;Interface: TopologyPlan&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/topology-plan.ts#L54" target="_blank" rel="noreferrer">packages/layers/src/models/topology-plan.ts:54</a></p><p>What <code>planTopology</code> found.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-layers"></a> <code>layers</code></td><td><code>number</code></td><td>Number of layers in the config.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/topology-plan.ts#L61" target="_blank" rel="noreferrer">packages/layers/src/models/topology-plan.ts:61</a></td></tr><tr><td><a id="property-maxactivation"></a> <code>maxActivation</code></td><td><code>number</code></td><td>Largest number of values any layer outputs for one sample.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/topology-plan.ts#L69" target="_blank" rel="noreferrer">packages/layers/src/models/topology-plan.ts:69</a></td></tr><tr><td><a id="property-params"></a> <code>params</code></td><td><code>number</code></td><td>Parameters the model will have once built: exact for the built-in layers; a custom layer that does not override <code>weightSpecs</code> counts 0.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/topology-plan.ts#L59" target="_blank" rel="noreferrer">packages/layers/src/models/topology-plan.ts:59</a></td></tr><tr><td><a id="property-weights"></a> <code>weights</code></td><td><code>object</code>[]</td><td>The weights the model will have (full names <code>layer/weight</code>, shapes), in <code>model.weights</code> order for a config written by <code>toConfig()</code>. Custom layers that do not override <code>weightSpecs</code> contribute none.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/topology-plan.ts#L67" target="_blank" rel="noreferrer">packages/layers/src/models/topology-plan.ts:67</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/layers/interfaces/TopologyPlan.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const TopologyPlan = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  TopologyPlan as default
};
