import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: MemoryInfo","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/core/interfaces/MemoryInfo.md","filePath":"api/core/interfaces/MemoryInfo.md"}');
const _sfc_main = { name: "api/core/interfaces/MemoryInfo.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/core</a> / MemoryInfo</p><h1 id="interface-memoryinfo" tabindex="-1">Interface: MemoryInfo <a class="header-anchor" href="#interface-memoryinfo" aria-label="Permalink to &quot;Interface: MemoryInfo&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/core/src/memory.ts#L16" target="_blank" rel="noreferrer">packages/core/src/memory.ts:16</a></p><p>Live tensor count, bytes held and whether the count is reliable, as tfjs reports them.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-numbytes"></a> <code>numBytes</code></td><td><code>number</code></td><td><a href="https://github.com/convkit/convkit/blob/main/packages/core/src/memory.ts#L18" target="_blank" rel="noreferrer">packages/core/src/memory.ts:18</a></td></tr><tr><td><a id="property-numdatabuffers"></a> <code>numDataBuffers</code></td><td><code>number</code></td><td><a href="https://github.com/convkit/convkit/blob/main/packages/core/src/memory.ts#L19" target="_blank" rel="noreferrer">packages/core/src/memory.ts:19</a></td></tr><tr><td><a id="property-numtensors"></a> <code>numTensors</code></td><td><code>number</code></td><td><a href="https://github.com/convkit/convkit/blob/main/packages/core/src/memory.ts#L17" target="_blank" rel="noreferrer">packages/core/src/memory.ts:17</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/core/interfaces/MemoryInfo.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const MemoryInfo = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  MemoryInfo as default
};
