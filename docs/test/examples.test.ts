/**
 * Every ```ts block of the docs (```ts and ```ts run, not ```ts no-run) is a
 * complete program that runs as written in Node: extracted, written to a file
 * and imported with `@convkit/*` resolved to the workspace sources (the vitest
 * aliases), in a fresh temporary working directory, its console.log captured —
 * as test/readme-examples.test.ts does for the READMEs. ```ts run blocks must
 * also compile for the page's worker (no node:*, no embedded MNIST digits).
 * Pages are discovered at run time, so guides added later are covered.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { compileRunnable } from '../.vitepress/runnable/compile';

const docsDir = fileURLToPath(new URL('..', import.meta.url));
const scratch = join(docsDir, 'node_modules', '.cache', 'convkit-examples');
const SKIP_DIRS = new Set(['api', 'node_modules', '.vitepress', 'test', 'scripts', 'public']);

/** Markdown pages of the site, relative to docs/ (generated API pages and dependencies left out). */
function pages(dir = docsDir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIP_DIRS.has(entry.name) && dir === docsDir ? [] : pages(path);
    return entry.name.endsWith('.md') && path !== join(docsDir, 'README.md') ? [relative(docsDir, path)] : [];
  });
}

interface Block {
  page: string;
  /** 1-based index among the page's ts blocks. */
  index: number;
  run: boolean;
  code: string;
}

/** The ```ts blocks of a page, `no-run` ones left out (they still count in the index). */
function tsBlocks(page: string): Block[] {
  const markdown = readFileSync(join(docsDir, page), 'utf8');
  const blocks: Block[] = [];
  let index = 0;
  for (const m of markdown.matchAll(/^(`{3,})ts([^\n]*)\n([\s\S]*?)^\1[ \t]*$/gm)) {
    const flags = m[2].trim().split(/\s+/).filter(Boolean);
    index++;
    if (flags.includes('no-run')) continue;
    blocks.push({ page, index, run: flags.includes('run'), code: m[3] });
  }
  return blocks;
}

const blocks = pages().sort().flatMap(tsBlocks);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('docs examples run as written', () => {
  it('finds the pages and at least one runnable example', () => {
    expect(pages()).toEqual(expect.arrayContaining(['index.md', `guide${sep}index.md`]));
    expect(blocks.filter((b) => b.run).length).toBeGreaterThan(0);
  });

  for (const block of blocks) {
    const name = `${block.page}, ts block ${block.index}${block.run ? ' (run)' : ''}`;
    it(name, { timeout: 60_000 }, async () => {
      if (block.run) compileRunnable(block.code, name); // throws, naming the block, if it cannot run in a page
      mkdirSync(scratch, { recursive: true });
      const file = join(
        scratch,
        `${block.page.replace(/[\\/]/g, '__').replace(/\.md$/, '')}-${block.index}.example.ts`,
      );
      writeFileSync(file, `${block.code}\nexport {};\n`);
      const cwd = process.cwd();
      const work = mkdtempSync(join(tmpdir(), 'convkit-docs-example-'));
      const printed: string[] = [];
      const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
        printed.push(args.map(String).join(' '));
      });
      try {
        process.chdir(work);
        await import(/* @vite-ignore */ file).catch((err: unknown) => {
          throw new Error(`${name} failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
        });
      } finally {
        process.chdir(cwd);
        log.mockRestore();
        rmSync(work, { recursive: true, force: true });
      }
      if (block.run)
        expect(printed.length, `${name} prints something (its output is shown on the page)`).toBeGreaterThan(0);
    });
  }
});
