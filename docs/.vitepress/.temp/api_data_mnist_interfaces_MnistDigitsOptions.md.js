import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: MnistDigitsOptions","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/data/mnist/interfaces/MnistDigitsOptions.md","filePath":"api/data/mnist/interfaces/MnistDigitsOptions.md"}');
const _sfc_main = { name: "api/data/mnist/interfaces/MnistDigitsOptions.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../../">convkit API</a> / <a href="./../">@convkit/data/mnist</a> / MnistDigitsOptions</p><h1 id="interface-mnistdigitsoptions" tabindex="-1">Interface: MnistDigitsOptions <a class="header-anchor" href="#interface-mnistdigitsoptions" aria-label="Permalink to &quot;Interface: MnistDigitsOptions&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/data/src/embedded/mnist-digits.ts#L11" target="_blank" rel="noreferrer">packages/data/src/embedded/mnist-digits.ts:11</a></p><p>Options of <code>loadMnistDigits</code>.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-count"></a> <code>count?</code></td><td><code>number</code></td><td>How many digits to return (default: all 10,000), chosen at random but class-balanced as far as possible.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/embedded/mnist-digits.ts#L13" target="_blank" rel="noreferrer">packages/data/src/embedded/mnist-digits.ts:13</a></td></tr><tr><td><a id="property-seed"></a> <code>seed?</code></td><td><code>number</code></td><td>Seed of the choice and order of the digits, an integer (default 0).</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/data/src/embedded/mnist-digits.ts#L15" target="_blank" rel="noreferrer">packages/data/src/embedded/mnist-digits.ts:15</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/data/mnist/interfaces/MnistDigitsOptions.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const MnistDigitsOptions = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  MnistDigitsOptions as default
};
