/** The bundle-size budget: what counts as loaded at start, and the gzip figures. */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { budgetPlugin, formatSizes, lazyChunks, measure, workerBudgetPlugin } from '../build/budget';

const chunk = (fileName: string, isEntry: boolean, imports: string[], code = 'x') =>
  ({ type: 'chunk', fileName, code, isEntry, imports }) as const;

describe('demo bundle budget', () => {
  it('counts entry chunks, their static imports and JavaScript assets (the worker), not dynamic chunks', () => {
    const bundle = {
      a: chunk('index.js', true, ['shared.js']),
      b: chunk('shared.js', false, []),
      c: chunk('lazy.js', false, ['shared.js']),
      d: { type: 'asset', fileName: 'worker.js', source: 'w' },
    } as const;
    expect([...lazyChunks(bundle)]).toEqual(['lazy.js']);
  });

  it('sums gzip sizes of the initial JavaScript and lists wasm apart', () => {
    const big = 'let a = 1;\n'.repeat(500);
    const sizes = measure(
      [
        ['index.js', big],
        ['lazy.js', big],
        ['m.wasm', new Uint8Array(100)],
        ['data.bin', new Uint8Array(10)],
      ],
      new Set(['lazy.js']),
    );
    const gz = gzipSync(new TextEncoder().encode(big), { level: 9 }).length;
    expect(sizes.jsGzip).toBe(gz);
    expect(sizes.js.map((f) => [f.file, f.raw, f.lazy ?? false])).toEqual([
      ['index.js', big.length, false],
      ['lazy.js', big.length, true],
    ]);
    expect(sizes.wasm.map((f) => f.file)).toEqual(['m.wasm']);
    const text = formatSizes(sizes, 1024).join('\n');
    expect(text).toContain('loaded at start');
    expect(text).toContain('(loaded on demand)');
  });

  it('fails the build when the initial JavaScript is over budget', () => {
    const plugin = budgetPlugin(10);
    const errors: string[] = [];
    const hook = plugin.writeBundle as (this: unknown, o: unknown, b: unknown) => void;
    const log = console.log;
    console.log = () => {};
    try {
      hook.call(
        { error: (m: string) => errors.push(m) },
        {},
        {
          h: { type: 'asset', fileName: 'index.html', source: '<html>' },
          i: chunk('index.js', true, [], 'console.log("a fairly long line of code that gzips to over ten bytes")'),
        },
      );
    } finally {
      console.log = log;
    }
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/over the demo's budget/);
  });

  it("does not count the worker's on-demand chunks (its build records them for the page's report)", () => {
    const lazy = new Set<string>();
    const worker = workerBudgetPlugin(lazy);
    (worker.generateBundle as (this: unknown, o: unknown, b: unknown) => void).call(
      {},
      {},
      {
        w: chunk('assets/worker.js', true, ['assets/shared.js']),
        s: chunk('assets/shared.js', false, []),
        t: chunk('assets/tune.js', false, ['assets/shared.js']),
      },
    );
    expect([...lazy]).toEqual(['assets/tune.js']);
    const big = Array.from({ length: 2000 }, (_, i) => `let v${i} = ${(i * 7919) % 10007};`).join('\n');
    const page = budgetPlugin(200, lazy);
    const errors: string[] = [];
    const lines: string[] = [];
    const log = console.log;
    console.log = (line: string) => lines.push(line);
    try {
      (page.writeBundle as (this: unknown, o: unknown, b: unknown) => void).call(
        { error: (m: string) => errors.push(m) },
        {},
        {
          h: { type: 'asset', fileName: 'index.html', source: '<html>' },
          i: chunk('assets/index.js', true, [], 'console.log(1)'),
          w: { type: 'asset', fileName: 'assets/worker.js', source: 'self.x = 1' },
          t: { type: 'asset', fileName: 'assets/tune.js', source: big },
        },
      );
    } finally {
      console.log = log;
    }
    // The big on-demand chunk alone is over the 200-byte budget: counted, it would fail the build.
    expect(gzipSync(new TextEncoder().encode(big), { level: 9 }).length).toBeGreaterThan(200);
    expect(errors).toEqual([]);
    expect(lines.find((l) => l.includes('assets/tune.js'))).toContain('(loaded on demand)');
  });
});
