/**
 * markdown-it plugin: a ```ts run``` block is rendered like any ts block
 * (VitePress's highlighting, copy button) inside a `<RunExample>` component
 * that carries the block compiled to JavaScript (base64, see compile.ts) and
 * adds the Run button and the output. ```ts no-run``` renders as plain ts.
 */
import type { MarkdownRenderer } from 'vitepress';
import { compileRunnable, isRunBlock } from './compile';

/** Installs the fence renderer; call from VitePress's `markdown.config`. */
export function runnableExamples(md: MarkdownRenderer): void {
  const fence = md.renderer.rules.fence!;
  md.renderer.rules.fence = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    const info = token.info.trim();
    const [lang, ...flags] = info.split(/\s+/);
    if (lang !== 'ts' || flags.length === 0 || !flags.every((f) => f === 'run' || f === 'no-run'))
      return fence(tokens, idx, options, env, self);
    token.info = 'ts';
    const html = fence(tokens, idx, options, env, self);
    token.info = info;
    if (!isRunBlock(info)) return html;
    const index = tokens.slice(0, idx + 1).filter((t) => t.type === 'fence' && isRunBlock(t.info)).length;
    const where = `${env?.relativePath ?? 'a page'}, run block ${index}`;
    const code = Buffer.from(compileRunnable(token.content, where), 'utf8').toString('base64');
    return `<RunExample code="${code}">${html}</RunExample>\n`;
  };
}
