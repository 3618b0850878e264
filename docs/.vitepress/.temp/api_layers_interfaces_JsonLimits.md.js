import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: JsonLimits","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/layers/interfaces/JsonLimits.md","filePath":"api/layers/interfaces/JsonLimits.md"}');
const _sfc_main = { name: "api/layers/interfaces/JsonLimits.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/layers</a> / JsonLimits</p><h1 id="interface-jsonlimits" tabindex="-1">Interface: JsonLimits <a class="header-anchor" href="#interface-jsonlimits" aria-label="Permalink to &quot;Interface: JsonLimits&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/io/json.ts#L25" target="_blank" rel="noreferrer">packages/layers/src/models/io/json.ts:25</a></p><p>Limits of <code>parseJson</code> and <code>checkJsonValue</code>; each defaults to the constant of the same name.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-maxchars"></a> <code>maxChars?</code></td><td><code>number</code></td><td>Default <code>MAX_JSON_CHARS</code> (2^26). Only <code>parseJson</code> reads it.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/io/json.ts#L29" target="_blank" rel="noreferrer">packages/layers/src/models/io/json.ts:29</a></td></tr><tr><td><a id="property-maxdepth"></a> <code>maxDepth?</code></td><td><code>number</code></td><td>Default <code>MAX_JSON_DEPTH</code> (64).</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/io/json.ts#L27" target="_blank" rel="noreferrer">packages/layers/src/models/io/json.ts:27</a></td></tr><tr><td><a id="property-maxvalues"></a> <code>maxValues?</code></td><td><code>number</code></td><td>Default <code>MAX_JSON_VALUES</code> (2^20).</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/io/json.ts#L31" target="_blank" rel="noreferrer">packages/layers/src/models/io/json.ts:31</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/layers/interfaces/JsonLimits.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const JsonLimits = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  JsonLimits as default
};
