import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Function: loadMnistDigits()","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/data/mnist/functions/loadMnistDigits.md","filePath":"api/data/mnist/functions/loadMnistDigits.md"}');
const _sfc_main = { name: "api/data/mnist/functions/loadMnistDigits.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../../">convkit API</a> / <a href="./../">@convkit/data/mnist</a> / loadMnistDigits</p><h1 id="function-loadmnistdigits" tabindex="-1">Function: loadMnistDigits() <a class="header-anchor" href="#function-loadmnistdigits" aria-label="Permalink to &quot;Function: loadMnistDigits()&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">function</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> loadMnistDigits</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">(</span><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">options</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">?</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">)</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">:</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> Promise</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">&lt;</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;">ImageDataset</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">&gt;;</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/data/src/embedded/mnist-digits.ts#L25" target="_blank" rel="noreferrer">packages/data/src/embedded/mnist-digits.ts:25</a></p><p>Loads the digits embedded in the <code>mnist</code> package as an <code>ImageDataset</code> of 28×28×1 images with labels 0..9, in a seeded random order. The package&#39;s ~20 MB of JSON is imported only when this is first called.</p><h2 id="parameters" tabindex="-1">Parameters <a class="header-anchor" href="#parameters" aria-label="Permalink to &quot;Parameters&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Parameter</th><th>Type</th></tr></thead><tbody><tr><td><code>options?</code></td><td><a href="./../interfaces/MnistDigitsOptions.html"><code>MnistDigitsOptions</code></a></td></tr></tbody></table><h2 id="returns" tabindex="-1">Returns <a class="header-anchor" href="#returns" aria-label="Permalink to &quot;Returns&quot;">​</a></h2><p><code>Promise</code>&lt;<a href="./../../classes/ImageDataset.html"><code>ImageDataset</code></a>&gt;</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/data/mnist/functions/loadMnistDigits.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const loadMnistDigits = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  loadMnistDigits as default
};
