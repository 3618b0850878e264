import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: ModelArtifacts","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/layers/interfaces/ModelArtifacts.md","filePath":"api/layers/interfaces/ModelArtifacts.md"}');
const _sfc_main = { name: "api/layers/interfaces/ModelArtifacts.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/layers</a> / ModelArtifacts</p><h1 id="interface-modelartifacts" tabindex="-1">Interface: ModelArtifacts <a class="header-anchor" href="#interface-modelartifacts" aria-label="Permalink to &quot;Interface: ModelArtifacts&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/io/artifacts.ts#L50" target="_blank" rel="noreferrer">packages/layers/src/models/io/artifacts.ts:50</a></p><p>A whole checkpoint in memory, as every save/load handler exchanges it.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-modeljson"></a> <code>modelJson</code></td><td><a href="./ModelJson.html"><code>ModelJson</code></a></td><td>-</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/io/artifacts.ts#L51" target="_blank" rel="noreferrer">packages/layers/src/models/io/artifacts.ts:51</a></td></tr><tr><td><a id="property-weights"></a> <code>weights</code></td><td><code>ArrayBuffer</code></td><td>Little-endian float32 weight values laid out as <code>modelJson.weightsManifest</code> says.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/io/artifacts.ts#L53" target="_blank" rel="noreferrer">packages/layers/src/models/io/artifacts.ts:53</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/layers/interfaces/ModelArtifacts.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const ModelArtifacts = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  ModelArtifacts as default
};
