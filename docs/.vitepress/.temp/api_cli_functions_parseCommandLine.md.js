import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Function: parseCommandLine()","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/cli/functions/parseCommandLine.md","filePath":"api/cli/functions/parseCommandLine.md"}');
const _sfc_main = { name: "api/cli/functions/parseCommandLine.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/cli</a> / parseCommandLine</p><h1 id="function-parsecommandline" tabindex="-1">Function: parseCommandLine() <a class="header-anchor" href="#function-parsecommandline" aria-label="Permalink to &quot;Function: parseCommandLine()&quot;">​</a></h1><div class="language-ts vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">ts</span><pre class="shiki shiki-themes github-light github-dark vp-code" tabindex="0"><code><span class="line"><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">function</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> parseCommandLine</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">(</span><span style="--shiki-light:#E36209;--shiki-dark:#FFAB70;">argv</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">)</span><span style="--shiki-light:#D73A49;--shiki-dark:#F97583;">:</span><span style="--shiki-light:#6F42C1;--shiki-dark:#B392F0;"> ParsedCommandLine</span><span style="--shiki-light:#24292E;--shiki-dark:#E1E4E8;">;</span></span></code></pre></div><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/cli/src/args.ts#L204" target="_blank" rel="noreferrer">packages/cli/src/args.ts:204</a></p><p>Parses <code>argv</code> (the arguments after <code>node</code> and the script) into the subcommand and its typed options, defaults filled in.</p><p>Flags take <code>--flag value</code> or <code>--flag=value</code>; a value may be negative (<code>--seed -1</code>). Every value is checked against what its flag accepts; unknown flags (with a &quot;did you mean&quot;), flags of another subcommand, repeated flags, missing values, stray arguments, a missing required flag and conflicting flags are errors. <code>--help</code> anywhere (or <code>help COMMAND</code>) wins over other problems and returns <code>help: true</code>.</p><h2 id="parameters" tabindex="-1">Parameters <a class="header-anchor" href="#parameters" aria-label="Permalink to &quot;Parameters&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Parameter</th><th>Type</th></tr></thead><tbody><tr><td><code>argv</code></td><td>readonly <code>string</code>[]</td></tr></tbody></table><h2 id="returns" tabindex="-1">Returns <a class="header-anchor" href="#returns" aria-label="Permalink to &quot;Returns&quot;">​</a></h2><p><a href="./../interfaces/ParsedCommandLine.html"><code>ParsedCommandLine</code></a></p><h2 id="throws" tabindex="-1">Throws <a class="header-anchor" href="#throws" aria-label="Permalink to &quot;Throws&quot;">​</a></h2><p>UsageError (a <code>ConfigError</code>) for any command line that cannot run; no other exception for any array of strings.</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/cli/functions/parseCommandLine.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const parseCommandLine = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  parseCommandLine as default
};
