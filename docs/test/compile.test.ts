/**
 * The build-time compiler of ```ts run``` blocks (.vitepress/runnable/compile.ts):
 * types erased, `@convkit/*` imports turned into look-ups in the worker's module
 * map, and imports that cannot run in a page refused with the block's name.
 */
import { describe, expect, it } from 'vitest';
import { compileRunnable, isRunBlock, RunnableExampleError } from '../.vitepress/runnable/compile';

/** Runs compiled code as the worker does, with a fake module map; returns what it printed. */
async function runCompiled(code: string, modules: Record<string, unknown>): Promise<string[]> {
  const printed: string[] = [];
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
  const fakeConsole = { log: (...args: unknown[]) => printed.push(args.join(' ')) };
  await new AsyncFunction('__convkit', 'console', code)((s: string) => modules[s], fakeConsole);
  return printed;
}

describe('ts run blocks compile for the worker', () => {
  it('recognises the info string', () => {
    expect(isRunBlock('ts run')).toBe(true);
    expect(isRunBlock(' ts   run ')).toBe(true);
    expect(isRunBlock('ts')).toBe(false);
    expect(isRunBlock('ts no-run')).toBe(false);
    expect(isRunBlock('js run')).toBe(false);
  });

  it('erases types, rewrites named, renamed, namespace and side-effect imports, keeps top-level await', async () => {
    const js = compileRunnable(
      [
        "import '@convkit/backend-wasm';",
        "import { add, scale as times } from '@convkit/core';",
        "import * as layers from '@convkit/layers';",
        "import type { Shape } from '@convkit/core';",
        'const shape: Shape = [2];',
        'const x: number = await Promise.resolve(times(add(1, 2), 2));',
        "console.log(x + ' ' + layers.name + ' ' + shape.length);",
        'export {};',
      ].join('\n'),
      'test block',
    );
    expect(js).not.toMatch(/\bimport\b|\bexport\b|: number|: Shape/);
    const loaded: string[] = [];
    const modules = {
      '@convkit/backend-wasm': {},
      '@convkit/core': { add: (a: number, b: number) => a + b, scale: (a: number, k: number) => a * k },
      '@convkit/layers': { name: 'layers' },
    };
    const tracked = new Proxy(modules, {
      get: (target, key: string) => {
        loaded.push(key);
        return target[key as keyof typeof modules];
      },
    });
    expect(await runCompiled(js, tracked)).toEqual(['6 layers 1']);
    expect(loaded).toEqual(['@convkit/backend-wasm', '@convkit/core', '@convkit/layers']);
  });

  it.each([
    ["import { readFile } from 'node:fs/promises';", /node:fs\/promises.*browser/],
    ["import { loadMnistDigits } from '@convkit/data/mnist';", /far too big for a page/],
    ["import { runCli } from '@convkit/cli';", /only in Node/],
    ["import { tensor } from '@tensorflow/tfjs-core';", /only @convkit/],
  ])('refuses %s, naming the block', (line, why) => {
    expect(() => compileRunnable(`${line}\nconsole.log(1);`, 'guide/x.md, run block 2')).toThrow(RunnableExampleError);
    expect(() => compileRunnable(`${line}\nconsole.log(1);`, 'guide/x.md, run block 2')).toThrow(
      new RegExp(`^guide/x\\.md, run block 2: .*${why.source}`),
    );
  });

  it('refuses a syntax error and an export', () => {
    expect(() => compileRunnable('const = 1;', 'p.md, run block 1')).toThrow(/^p\.md, run block 1: /);
    expect(() => compileRunnable('export const a = 1;', 'p.md, run block 1')).toThrow(/may not export/);
  });
});
