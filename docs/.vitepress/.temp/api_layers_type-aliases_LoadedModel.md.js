import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Type Alias: LoadedModel","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/layers/type-aliases/LoadedModel.md","filePath":"api/layers/type-aliases/LoadedModel.md"}');
const _sfc_main = { name: "api/layers/type-aliases/LoadedModel.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/layers</a> / LoadedModel</p><h1 id="type-alias-loadedmodel" tabindex="-1">Type Alias: LoadedModel <a class="header-anchor" href="#type-alias-loadedmodel" aria-label="Permalink to &quot;Type Alias: LoadedModel&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">type</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> LoadedModel</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"> =</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> LayersModel</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;"> &amp;</span><span style="--shiki-light:#005CC5;--shiki-dark:#79B8FF;"> object</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">;</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/io/artifacts.ts#L88" target="_blank" rel="noreferrer">packages/layers/src/models/io/artifacts.ts:88</a></p><p>A model returned by <code>fromArtifacts</code> / <code>loadModel</code>. The model is NOT compiled (optimizers live in <code>@convkit/optim</code>); when the checkpoint stored compile settings they are in <code>savedTrainingConfig</code>, e.g. <code>model.compile({ optimizer: createOptimizer(...), loss: m.savedTrainingConfig.loss, ... })</code>.</p><h2 id="type-declaration" tabindex="-1">Type Declaration <a class="header-anchor" href="#type-declaration" aria-label="Permalink to &quot;Type Declaration&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Name</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><code>savedTrainingConfig?</code></td><td><a href="./../interfaces/SavedTrainingConfig.html"><code>SavedTrainingConfig</code></a></td><td>The checkpoint&#39;s <code>training</code> section (loss, metrics, optimizer config), if it had one.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/io/artifacts.ts#L90" target="_blank" rel="noreferrer">packages/layers/src/models/io/artifacts.ts:90</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/layers/type-aliases/LoadedModel.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const LoadedModel = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  LoadedModel as default
};
