import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: TrainTestSets","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/cli/interfaces/TrainTestSets.md","filePath":"api/cli/interfaces/TrainTestSets.md"}');
const _sfc_main = { name: "api/cli/interfaces/TrainTestSets.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/cli</a> / TrainTestSets</p><h1 id="interface-traintestsets" tabindex="-1">Interface: TrainTestSets <a class="header-anchor" href="#interface-traintestsets" aria-label="Permalink to &quot;Interface: TrainTestSets&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/cli/src/datasets.ts#L9" target="_blank" rel="noreferrer">packages/cli/src/datasets.ts:9</a></p><p>A training set and a disjoint held-out set.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-source"></a> <code>source</code></td><td><code>string</code></td><td>Where the data came from, for the report.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/cli/src/datasets.ts#L13" target="_blank" rel="noreferrer">packages/cli/src/datasets.ts:13</a></td></tr><tr><td><a id="property-test"></a> <code>test</code></td><td><a href="./../../data/classes/ImageDataset.html"><code>ImageDataset</code></a></td><td>-</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/cli/src/datasets.ts#L11" target="_blank" rel="noreferrer">packages/cli/src/datasets.ts:11</a></td></tr><tr><td><a id="property-train"></a> <code>train</code></td><td><a href="./../../data/classes/ImageDataset.html"><code>ImageDataset</code></a></td><td>-</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/cli/src/datasets.ts#L10" target="_blank" rel="noreferrer">packages/cli/src/datasets.ts:10</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/cli/interfaces/TrainTestSets.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const TrainTestSets = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  TrainTestSets as default
};
