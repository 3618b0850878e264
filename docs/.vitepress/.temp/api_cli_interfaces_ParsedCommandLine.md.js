import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: ParsedCommandLine","description":"","frontmatter":{"editLink":false},"headers":[],"relativePath":"api/cli/interfaces/ParsedCommandLine.md","filePath":"api/cli/interfaces/ParsedCommandLine.md"}');
const _sfc_main = { name: "api/cli/interfaces/ParsedCommandLine.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><p><a href="./../../">convkit API</a> / <a href="./../">@convkit/cli</a> / ParsedCommandLine</p><h1 id="interface-parsedcommandline" tabindex="-1">Interface: ParsedCommandLine <a class="header-anchor" href="#interface-parsedcommandline" aria-label="Permalink to &quot;Interface: ParsedCommandLine&quot;">​</a></h1><p>Defined in: <a href="https://github.com/convkit/convkit/blob/main/packages/cli/src/args.ts#L53" target="_blank" rel="noreferrer">packages/cli/src/args.ts:53</a></p><p>What <code>parseCommandLine</code> returns.</p><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><table tabindex="0"><thead><tr><th>Property</th><th>Type</th><th>Description</th><th>Defined in</th></tr></thead><tbody><tr><td><a id="property-command"></a> <code>command</code></td><td><code>&quot;train&quot;</code> | <code>&quot;evaluate&quot;</code> | <code>&quot;summary&quot;</code> | <code>&quot;compress&quot;</code> | <code>&quot;quickstart&quot;</code> | <code>undefined</code></td><td>The subcommand; undefined when none was given (the caller prints the usage).</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/cli/src/args.ts#L55" target="_blank" rel="noreferrer">packages/cli/src/args.ts:55</a></td></tr><tr><td><a id="property-debug"></a> <code>debug</code></td><td><code>boolean</code></td><td><code>--debug</code>: print stack traces of errors.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/cli/src/args.ts#L59" target="_blank" rel="noreferrer">packages/cli/src/args.ts:59</a></td></tr><tr><td><a id="property-help"></a> <code>help</code></td><td><code>boolean</code></td><td><code>--help</code>/<code>-h</code> or <code>convkit help [command]</code>: print the help of <code>command</code> (or the overview) and stop.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/cli/src/args.ts#L57" target="_blank" rel="noreferrer">packages/cli/src/args.ts:57</a></td></tr><tr><td><a id="property-options"></a> <code>options</code></td><td><a href="./CommonOptions.html"><code>CommonOptions</code></a></td><td>The typed options, defaults filled in.</td><td><a href="https://github.com/convkit/convkit/blob/main/packages/cli/src/args.ts#L61" target="_blank" rel="noreferrer">packages/cli/src/args.ts:61</a></td></tr></tbody></table></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("api/cli/interfaces/ParsedCommandLine.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const ParsedCommandLine = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  ParsedCommandLine as default
};
