import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Function: conv2d()","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/core/namespaces/ops/namespaces/fused/functions/conv2d.md","filePath":"api/core/namespaces/ops/namespaces/fused/functions/conv2d.md"}');
const _sfc_main = { name: "api/core/namespaces/ops/namespaces/fused/functions/conv2d.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../../../../../">convkit API</a> / <a href="./../../../../../">@convkit/core</a> / <a href="./../../../">ops</a> / <a href="./../">fused</a> / conv2d</p><h1 id="function-conv2d" tabindex="-1">Function: conv2d() <a class="header-anchor" href="#function-conv2d" aria-label="Permalink to &quot;Function: conv2d()&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">function</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> conv2d</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">&lt;</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;">T</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">&gt;(</span><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">args</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">)</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">:</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> T</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">;</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/core/src/op-wrappers/fused.ts#L86" target="_blank" rel="noreferrer">packages/core/src/op-wrappers/fused.ts:86</a></p><p><code>conv2d(x, filter, ...)</code> + <code>bias</code>, then <code>activation</code>: one FusedConv2D kernel for inference; conv2d, add and the activation while gradients are recorded.</p><h2 id="type-parameters" tabindex="-1">Type Parameters <a class="header-anchor" href="#type-parameters" aria-label="Permalink to &quot;Type Parameters&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Type Parameter</th></tr></thead><tbody><tr><td><a id="type-parameter-t"></a> <code>T</code> <em>extends</em> <code>Tensor4D</code> | <code>Tensor3D</code></td></tr></tbody></table><h2 id="parameters" tabindex="-1">Parameters <a class="header-anchor" href="#parameters" aria-label="Permalink to &quot;Parameters&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Parameter</th><th>Type</th></tr></thead><tbody><tr><td><code>args</code></td><td>{ }</td></tr></tbody></table><h2 id="returns" tabindex="-1">Returns <a class="header-anchor" href="#returns" aria-label="Permalink to &quot;Returns&quot;">​</a></h2><p><code>T</code></p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/core/namespaces/ops/namespaces/fused/functions/conv2d.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const conv2d = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  conv2d as default
};
