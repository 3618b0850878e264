import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: ScheduleConfig","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/optim/interfaces/ScheduleConfig.md","filePath":"api/optim/interfaces/ScheduleConfig.md"}');
const _sfc_main = { name: "api/optim/interfaces/ScheduleConfig.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/optim</a> / ScheduleConfig</p><h1 id="interface-scheduleconfig" tabindex="-1">Interface: ScheduleConfig <a class="header-anchor" href="#interface-scheduleconfig" aria-label="Permalink to &quot;Interface: ScheduleConfig&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/optim/src/schedules/from-config.ts#L10" target="_blank" rel="noreferrer">packages/optim/src/schedules/from-config.ts:10</a></p><p>A schedule&#39;s serialised form, as <code>schedule.config</code> and <code>optimizer.getConfig().learningRate</code> hold it.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-classname"></a> <code>className</code></td><td><code>string</code></td><td><a href="https://github.com/convkit/convkit/blob/main/packages/optim/src/schedules/from-config.ts#L11" target="_blank" rel="noreferrer">packages/optim/src/schedules/from-config.ts:11</a></td></tr><tr><td><a id="property-config"></a> <code>config</code></td><td><code>Record</code>&lt;<code>string</code>, <code>unknown</code>&gt;</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/optim/src/schedules/from-config.ts#L12" target="_blank" rel="noreferrer">packages/optim/src/schedules/from-config.ts:12</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/optim/interfaces/ScheduleConfig.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const ScheduleConfig = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  ScheduleConfig as default
};
