import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: FromUint8Options","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/data/interfaces/FromUint8Options.md","filePath":"api/data/interfaces/FromUint8Options.md"}');
const _sfc_main = { name: "api/data/interfaces/FromUint8Options.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/data</a> / FromUint8Options</p><h1 id="interface-fromuint8options" tabindex="-1">Interface: FromUint8Options <a class="header-anchor" href="#interface-fromuint8options" aria-label="Permalink to &quot;Interface: FromUint8Options&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/data/src/image-dataset.ts#L29" target="_blank" rel="noreferrer">packages/data/src/image-dataset.ts:29</a></p><p>Options of <code>ImageDataset.fromUint8</code>.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-classnames"></a> <code>classNames?</code></td><td>readonly <code>string</code>[]</td><td>Optional class names, index = label.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/image-dataset.ts#L35" target="_blank" rel="noreferrer">packages/data/src/image-dataset.ts:35</a></td></tr><tr><td><a id="property-numclasses"></a> <code>numClasses?</code></td><td><code>number</code></td><td>Number of classes (default: largest label + 1).</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/image-dataset.ts#L33" target="_blank" rel="noreferrer">packages/data/src/image-dataset.ts:33</a></td></tr><tr><td><a id="property-scale"></a> <code>scale?</code></td><td><code>boolean</code></td><td>Divide by 255 so pixels lie in [0, 1] (default <code>true</code>); <code>false</code> keeps 0..255.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/image-dataset.ts#L31" target="_blank" rel="noreferrer">packages/data/src/image-dataset.ts:31</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/data/interfaces/FromUint8Options.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const FromUint8Options = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  FromUint8Options as default
};
