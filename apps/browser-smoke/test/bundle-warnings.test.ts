/**
 * A Vite production build of an app that imports @convkit/backend-wasm,
 * compress, core, data, layers and optim — from their built dist/, through
 * their `exports` maps (condition `browser`), as an app installing them from
 * npm gets them — produces no warning and emits only assets a browser loads.
 * Also checks that the browser builds of layers and compress reject file
 * paths with a ConfigError instead of reaching for Node's file system.
 *
 * Needs the packages built (`pnpm build`; `pnpm test` builds first).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ConfigError } from '@convkit/core';
import { build, type Logger, type Rolldown } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = resolve(appDir, '../..');
const PACKAGES = ['backend-wasm', 'compress', 'core', 'data', 'layers', 'optim'];
/**
 * The only asset a browser loads: tfjs-backend-wasm's SIMD binary. Its plain
 * and threaded-SIMD binaries are never loaded in a browser (see
 * packages/backend-wasm/src/tfjs-wasm.browser.ts), so emitting them is a bug.
 */
const BROWSER_ASSETS = [/^assets\/tfjs-backend-wasm-simd-[\w-]+\.wasm$/];

function requireBuilt(file: string): string {
  const path = join(repoRoot, 'packages', file);
  if (!existsSync(path)) throw new Error(`bundle test: ${path} is missing; build the packages first (\`pnpm build\`).`);
  return path;
}

const outDirs: string[] = [];
afterAll(() => {
  for (const d of outDirs) rmSync(d, { recursive: true, force: true });
});

describe('browser bundle of the convkit packages', () => {
  it('builds with Vite with zero warnings, no Node built-in and only the wasm a browser loads', async () => {
    for (const pkg of PACKAGES) requireBuilt(`${pkg}/dist/index.js`);
    const outDir = mkdtempSync(join(tmpdir(), 'convkit-bundle-test-'));
    outDirs.push(outDir);
    const warnings: string[] = [];
    const logger: Logger = {
      hasWarned: false,
      info: () => {},
      warn: (msg) => void warnings.push(`vite: ${msg}`),
      warnOnce: (msg) => void warnings.push(`vite: ${msg}`),
      error: (msg) => void warnings.push(`vite error: ${msg}`),
      clearScreen: () => {},
      hasErrorLogged: () => false,
    };
    // As `vite build` runs for users: under vitest NODE_ENV is 'test', and Vite then stays silent
    // about Node built-ins it replaces with empty modules.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    const result = await build({
      configFile: false,
      root: appDir,
      logLevel: 'warn',
      customLogger: logger,
      build: {
        outDir,
        emptyOutDir: true,
        target: 'es2022',
        // tfjs-core alone is ~500 kB minified: the size warning is the app's call, not a package defect.
        chunkSizeWarningLimit: 4096,
        reportCompressedSize: false,
        rolldownOptions: {
          input: join(appDir, 'test/fixtures/all-packages.ts'),
          onwarn: (w) => void warnings.push(`rolldown ${w.code ?? ''}: ${w.message}`),
        },
      },
    }).finally(() => {
      process.env.NODE_ENV = nodeEnv;
    });
    const output = (Array.isArray(result) ? result[0] : (result as Rolldown.RolldownOutput)).output;
    expect(warnings, warnings.join('\n\n')).toEqual([]);

    const assets = output.filter((f) => f.type === 'asset').map((f) => f.fileName);
    const unexpected = assets.filter((name) => !BROWSER_ASSETS.some((re) => re.test(name)));
    expect(unexpected, `assets a browser never loads: ${unexpected.join(', ')}`).toEqual([]);
    // The SIMD binary is emitted, exactly once.
    expect(assets).toHaveLength(BROWSER_ASSETS.length);

    // Nothing left outside the bundle (an unresolved or externalised Node built-in would be).
    const chunks = output.flatMap((f) => (f.type === 'chunk' ? [f] : []));
    const names = new Set(chunks.map((c) => c.fileName));
    const external = chunks.flatMap((c) => [...c.imports, ...c.dynamicImports]).filter((i) => !names.has(i));
    expect(external, 'imports left outside the bundle').toEqual([]);
    const browserExternal = chunks.filter((c) => c.code.includes('__vite-browser-external')).map((c) => c.fileName);
    expect(browserExternal, "chunks with Vite's empty stand-in for a Node built-in").toEqual([]);
  });

  it('browser builds of layers and compress refuse file paths with a ConfigError', async () => {
    const layers = await import(pathToFileURL(requireBuilt('layers/dist/index.browser.js')).href);
    const compress = await import(pathToFileURL(requireBuilt('compress/dist/index.browser.js')).href);
    const target = join(tmpdir(), 'convkit-bundle-test-never-written');
    for (const attempt of [
      layers.checkSaveTarget(target),
      layers.loadModel(target),
      compress.checkCompressedTarget(`${target}.ckz`),
      compress.loadCompressed(`${target}.ckz`),
    ]) {
      const error = await attempt.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/needs Node.*browser/);
    }
    expect(existsSync(target)).toBe(false);
  });
});
