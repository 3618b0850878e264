import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: ChannelStats","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/data/interfaces/ChannelStats.md","filePath":"api/data/interfaces/ChannelStats.md"}');
const _sfc_main = { name: "api/data/interfaces/ChannelStats.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/data</a> / ChannelStats</p><h1 id="interface-channelstats" tabindex="-1">Interface: ChannelStats <a class="header-anchor" href="#interface-channelstats" aria-label="Permalink to &quot;Interface: ChannelStats&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/data/src/transforms/normalize.ts#L7" target="_blank" rel="noreferrer">packages/data/src/transforms/normalize.ts:7</a></p><p>Per-channel mean and standard deviation (one entry per channel).</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-mean"></a> <code>mean</code></td><td>readonly <code>number</code>[]</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/transforms/normalize.ts#L8" target="_blank" rel="noreferrer">packages/data/src/transforms/normalize.ts:8</a></td></tr><tr><td><a id="property-std"></a> <code>std</code></td><td>readonly <code>number</code>[]</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/transforms/normalize.ts#L9" target="_blank" rel="noreferrer">packages/data/src/transforms/normalize.ts:9</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/data/interfaces/ChannelStats.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const ChannelStats = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  ChannelStats as default
};
