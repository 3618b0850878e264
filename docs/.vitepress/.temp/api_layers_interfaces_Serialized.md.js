import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: Serialized","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/layers/interfaces/Serialized.md","filePath":"api/layers/interfaces/Serialized.md"}');
const _sfc_main = { name: "api/layers/interfaces/Serialized.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/layers</a> / Serialized</p><h1 id="interface-serialized" tabindex="-1">Interface: Serialized <a class="header-anchor" href="#interface-serialized" aria-label="Permalink to &quot;Interface: Serialized&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/engine/types.ts#L9" target="_blank" rel="noreferrer">packages/layers/src/engine/types.ts:9</a></p><p><code>{ className, config }</code> — the serialised form of any configurable object (Keras convention).</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-classname"></a> <code>className</code></td><td><code>string</code></td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/engine/types.ts#L10" target="_blank" rel="noreferrer">packages/layers/src/engine/types.ts:10</a></td></tr><tr><td><a id="property-config"></a> <code>config</code></td><td><code>Record</code>&lt;<code>string</code>, <code>unknown</code>&gt;</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/engine/types.ts#L11" target="_blank" rel="noreferrer">packages/layers/src/engine/types.ts:11</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/layers/interfaces/Serialized.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const Serialized = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  Serialized as default
};
