import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: RawModelArtifacts","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/layers/interfaces/RawModelArtifacts.md","filePath":"api/layers/interfaces/RawModelArtifacts.md"}');
const _sfc_main = { name: "api/layers/interfaces/RawModelArtifacts.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/layers</a> / RawModelArtifacts</p><h1 id="interface-rawmodelartifacts" tabindex="-1">Interface: RawModelArtifacts <a class="header-anchor" href="#interface-rawmodelartifacts" aria-label="Permalink to &quot;Interface: RawModelArtifacts&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/io/artifacts.ts#L60" target="_blank" rel="noreferrer">packages/layers/src/models/io/artifacts.ts:60</a></p><p>Artifacts as read from an untrusted source: <code>modelJson</code> may still be the raw JSON text and <code>weights</code> any byte view (e.g. a Node <code>Buffer</code>).</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-modeljson"></a> <code>modelJson</code></td><td><code>unknown</code></td><td>-</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/io/artifacts.ts#L61" target="_blank" rel="noreferrer">packages/layers/src/models/io/artifacts.ts:61</a></td></tr><tr><td><a id="property-sources"></a> <code>sources?</code></td><td><code>object</code></td><td>Where each part was read from (file paths, file names), for error messages.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/io/artifacts.ts#L64" target="_blank" rel="noreferrer">packages/layers/src/models/io/artifacts.ts:64</a></td></tr><tr><td><code>sources.modelJson?</code></td><td><code>string</code></td><td>-</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/io/artifacts.ts#L64" target="_blank" rel="noreferrer">packages/layers/src/models/io/artifacts.ts:64</a></td></tr><tr><td><code>sources.weights?</code></td><td><code>string</code></td><td>-</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/io/artifacts.ts#L64" target="_blank" rel="noreferrer">packages/layers/src/models/io/artifacts.ts:64</a></td></tr><tr><td><a id="property-weights"></a> <code>weights</code></td><td><code>ArrayBuffer</code> | <code>ArrayBufferView</code>&lt;<code>ArrayBufferLike</code>&gt;</td><td>-</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/io/artifacts.ts#L62" target="_blank" rel="noreferrer">packages/layers/src/models/io/artifacts.ts:62</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/layers/interfaces/RawModelArtifacts.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const RawModelArtifacts = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  RawModelArtifacts as default
};
