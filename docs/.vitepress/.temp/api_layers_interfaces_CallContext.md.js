import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: CallContext","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/layers/interfaces/CallContext.md","filePath":"api/layers/interfaces/CallContext.md"}');
const _sfc_main = { name: "api/layers/interfaces/CallContext.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/layers</a> / CallContext</p><h1 id="interface-callcontext" tabindex="-1">Interface: CallContext <a class="header-anchor" href="#interface-callcontext" aria-label="Permalink to &quot;Interface: CallContext&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/engine/types.ts#L37" target="_blank" rel="noreferrer">packages/layers/src/engine/types.ts:37</a></p><p>What a layer&#39;s <code>call</code> knows about the step it runs in.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-training"></a> <code>training</code></td><td><code>boolean</code></td><td>True during <code>fit</code> (dropout drops, batch norm uses batch statistics and updates moving ones).</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/engine/types.ts#L39" target="_blank" rel="noreferrer">packages/layers/src/engine/types.ts:39</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/layers/interfaces/CallContext.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const CallContext = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  CallContext as default
};
