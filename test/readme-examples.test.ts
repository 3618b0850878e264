/**
 * The first TypeScript example of the README and of every package README runs
 * as written (extracted verbatim, imports resolved to the workspace sources),
 * so the first code a user copies can never silently rot. Each example runs in
 * a fresh temporary working directory, since some write files ('./runs/…').
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const scratch = join(root, 'test', '.examples');

/** The first ```ts block of a Markdown file, or undefined. */
function firstTsBlock(markdown: string): string | undefined {
  const m = /^```ts\n([\s\S]*?)^```/m.exec(markdown);
  return m?.[1];
}

const readmes = [
  { name: 'README', file: join(root, 'README.md') },
  ...readdirSync(join(root, 'packages'))
    .sort()
    .map((dir) => ({ name: dir, file: join(root, 'packages', dir, 'README.md') })),
].flatMap(({ name, file }) => {
  const code = firstTsBlock(readFileSync(file, 'utf8'));
  return code ? [{ name, code }] : [];
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('README examples run as written', () => {
  it('finds the examples', () => {
    expect(readmes.map((r) => r.name)).toEqual(
      expect.arrayContaining(['README', 'layers', 'compress', 'data', 'optim']),
    );
  });

  for (const { name, code } of readmes) {
    it(`${name}: first example`, { timeout: 120_000 }, async () => {
      mkdirSync(scratch, { recursive: true });
      const file = join(scratch, `${name}.example.ts`);
      writeFileSync(file, `${code}\nexport {};\n`);
      const cwd = process.cwd();
      const work = mkdtempSync(join(tmpdir(), `convkit-example-${name}-`));
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      try {
        process.chdir(work);
        await import(/* @vite-ignore */ file);
      } finally {
        process.chdir(cwd);
        log.mockRestore();
        rmSync(work, { recursive: true, force: true });
      }
    });
  }
});
