import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Function: parseModelJson()","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/layers/functions/parseModelJson.md","filePath":"api/layers/functions/parseModelJson.md"}');
const _sfc_main = { name: "api/layers/functions/parseModelJson.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/layers</a> / parseModelJson</p><h1 id="function-parsemodeljson" tabindex="-1">Function: parseModelJson() <a class="header-anchor" href="#function-parsemodeljson" aria-label="Permalink to &quot;Function: parseModelJson()&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">function</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> parseModelJson</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">(</span></span>
<span class="line"><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">   json</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">, </span></span>
<span class="line"><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">   options</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">?</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">, </span></span>
<span class="line"><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">   where</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">?</span></span>
<span class="line"><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">)</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">:</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> ModelJson</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">;</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/layers/src/models/io/artifacts.ts#L129" target="_blank" rel="noreferrer">packages/layers/src/models/io/artifacts.ts:129</a></p><p>Parses and validates <code>model.json</code> text (or an already parsed object): bounded JSON (<code>parseJson</code> / <code>checkJsonValue</code>: size, depth, finite numbers), the <code>format</code>, the <code>version</code>, the topology&#39;s shape, every manifest entry (dimensions, element counts, byte lengths, checksum field, total against <code>maxBytes</code>) and the <code>training</code> section (<code>parseTrainingConfig</code>). Allocates no tensor. <code>where</code> names the file in messages. Throws a <code>SerializationError</code>.</p><h2 id="parameters" tabindex="-1">Parameters <a class="header-anchor" href="#parameters" aria-label="Permalink to &quot;Parameters&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Parameter</th><th>Type</th><th>Default value</th></tr></thead><tbody><tr><td><code>json</code></td><td><code>unknown</code></td><td><code>undefined</code></td></tr><tr><td><code>options?</code></td><td><a href="./../interfaces/LoadOptions.html"><code>LoadOptions</code></a></td><td><code>{}</code></td></tr><tr><td><code>where?</code></td><td><code>string</code></td><td><code>&#39;model.json&#39;</code></td></tr></tbody></table><h2 id="returns" tabindex="-1">Returns <a class="header-anchor" href="#returns" aria-label="Permalink to &quot;Returns&quot;">​</a></h2><p><a href="./../interfaces/ModelJson.html"><code>ModelJson</code></a></p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/layers/functions/parseModelJson.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const parseModelJson = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  parseModelJson as default
};
