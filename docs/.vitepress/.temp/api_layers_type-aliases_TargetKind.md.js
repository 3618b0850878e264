import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Type Alias: TargetKind","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/layers/type-aliases/TargetKind.md","filePath":"api/layers/type-aliases/TargetKind.md"}');
const _sfc_main = { name: "api/layers/type-aliases/TargetKind.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/layers</a> / TargetKind</p><h1 id="type-alias-targetkind" tabindex="-1">Type Alias: TargetKind <a class="header-anchor" href="#type-alias-targetkind" aria-label="Permalink to &quot;Type Alias: TargetKind&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">type</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> TargetKind</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"> =</span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"> &quot;sparse&quot;</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"> |</span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"> &quot;categorical&quot;</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"> |</span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"> &quot;binary&quot;</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"> |</span><span style="--shiki-light:#032F62;--shiki-dark:#9ECBFF;"> &quot;regression&quot;</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">;</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/loss-targets.ts#L18" target="_blank" rel="noreferrer">packages/layers/src/models/loss-targets.ts:18</a></p><p>The kind of targets a loss takes:</p><ul><li><code>sparse</code>: integer class ids in <code>[0, k)</code>, shaped like the predictions without their last axis (or with it as 1);</li><li><code>categorical</code>: one-hot or soft targets in <code>[0, 1]</code>, shaped exactly like the predictions;</li><li><code>binary</code>: one target in <code>[0, 1]</code> per prediction element;</li><li><code>regression</code>: one real target per prediction element.</li></ul></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/layers/type-aliases/TargetKind.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const TargetKind = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  TargetKind as default
};
