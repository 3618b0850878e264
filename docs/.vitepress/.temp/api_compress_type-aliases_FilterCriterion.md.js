import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Type Alias: FilterCriterion","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/compress/type-aliases/FilterCriterion.md","filePath":"api/compress/type-aliases/FilterCriterion.md"}');
const _sfc_main = { name: "api/compress/type-aliases/FilterCriterion.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/compress</a> / FilterCriterion</p><h1 id="type-alias-filtercriterion" tabindex="-1">Type Alias: FilterCriterion <a class="header-anchor" href="#type-alias-filtercriterion" aria-label="Permalink to &quot;Type Alias: FilterCriterion&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">type</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> FilterCriterion</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"> =</span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"> &quot;l1&quot;</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"> |</span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"> &quot;l2&quot;</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"> |</span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"> &quot;meanActivation&quot;</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"> |</span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"> &quot;taylor&quot;</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">;</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/compress/src/structured.ts#L69" target="_blank" rel="noreferrer">packages/compress/src/structured.ts:69</a></p><p>How a filter&#39;s importance is scored (higher is more important):</p><ul><li><code>&#39;l1&#39;</code>: the sum of |w| over the filter&#39;s kernel slice (not the bias);</li><li><code>&#39;l2&#39;</code>: the Euclidean norm of that slice;</li><li><code>&#39;meanActivation&#39;</code>: the mean absolute value of the layer&#39;s output channel (after its activation) over every sample and position of the data — the plain mean for ReLU-family activations, whose outputs are never negative;</li><li><code>&#39;taylor&#39;</code>: the first-order Taylor estimate of the loss change when the filter is removed, in the squared group form of Molchanov et al. (2019): for each batch, <code>(Σ w · ∂L/∂w)²</code> over the filter&#39;s kernel slice and bias, averaged over the batches. Needs a loss (<code>loss</code>, or the compiled model&#39;s).</li></ul><p>For a SeparableConv2D the filter&#39;s kernel slice is its pointwise kernel&#39;s.</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/compress/type-aliases/FilterCriterion.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const FilterCriterion = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  FilterCriterion as default
};
