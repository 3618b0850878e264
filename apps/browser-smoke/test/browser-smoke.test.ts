/**
 * Trains a few steps of a small CNN on convkit's 'wasm' backend in headless
 * Chromium (Debian's /usr/bin/chromium, driven by playwright-core; no browser
 * is ever downloaded), from a page built by Vite against the packages' built
 * dist/ — the way a user's app consumes them. The page is served twice from
 * the same dist/: cross-origin isolated (COOP/COEP → SharedArrayBuffer →
 * worker threads) and not (one thread).
 *
 * The browser is the one `scripts/tools/find.mjs` finds (CONVKIT_CHROMIUM,
 * the system's, or playwright's cache); `pnpm test` installs one first when
 * there is none (scripts/ensure-test-tools.mjs) and builds the packages.
 * Without Chromium the test fails with a message saying so; it never skips.
 */
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../../scripts/tools/static-server.mjs';
import type {} from '../src/main';
import type { SmokeResult } from '../src/smoke';
import { launchChromium } from './serve';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const distDir = join(appDir, 'dist');
const repoRoot = resolve(appDir, '../..');
const STEPS = 8;

/** The page's result plus what the test observed around it. */
type PageRun = SmokeResult & {
  /** Web Workers the page started (counted by the test, not the page). */
  workers: number;
  /** File names of the `.wasm` files the page fetched. */
  wasmFetched: string[];
};

let browser: Browser | undefined;
const servers: Server[] = [];

beforeAll(async () => {
  for (const pkg of ['core', 'layers', 'optim', 'backend-wasm', 'backend-webgpu']) {
    const entry = join(repoRoot, 'packages', pkg, 'dist', 'index.js');
    if (!existsSync(entry))
      throw new Error(`browser-smoke: ${entry} is missing; build the packages first (\`pnpm build\`).`);
  }
  // Vite's own config (apps/browser-smoke/vite.config.ts), not vitest's src aliases:
  // the page consumes the packages' dist/ through their exports maps.
  await build({ root: appDir, configFile: join(appDir, 'vite.config.ts'), logLevel: 'error' });
  browser = await launchChromium('browser-smoke', ['--disable-gpu']);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => new Promise((ok) => s.close(ok))));
});

/** Opens the page and waits for its report; page errors and console errors end up in the failure message. */
async function runPage(isolated: boolean): Promise<PageRun> {
  const { server, url } = await serveStatic(distDir, { isolated });
  servers.push(server);
  const page = await browser!.newPage();
  const log: string[] = [];
  let workers = 0;
  page.on('worker', () => {
    workers++;
  });
  const wasmFetched: string[] = [];
  page.on('request', (r) => {
    const file = new URL(r.url()).pathname.split('/').pop() ?? '';
    if (file.endsWith('.wasm')) wasmFetched.push(file);
  });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') log.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => log.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => log.push(`requestfailed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  try {
    await page.goto(`${url}?steps=${STEPS}`);
    await page
      .waitForFunction(() => ['done', 'error'].includes(window.__convkitSmoke?.status ?? ''), undefined, {
        timeout: 30_000,
      })
      .catch((e: Error) => {
        throw new Error(`page did not finish: ${e.message}\n${log.join('\n')}`);
      });
    const report = await page.evaluate(() => window.__convkitSmoke);
    if (report?.status !== 'done')
      throw new Error(
        `page reported an error: ${report?.status === 'error' ? report.error : report?.status}\n${log.join('\n')}`,
      );
    return { ...report, workers, wasmFetched };
  } finally {
    await page.close();
  }
}

/** The page fetched tfjs-backend-wasm's SIMD binary, once, and no other wasm; a directory save was refused. */
function expectBrowserBuild(r: PageRun): void {
  expect(r.wasmFetched).toHaveLength(1);
  expect(r.wasmFetched[0]).toMatch(/^tfjs-backend-wasm-simd-[\w-]+\.wasm$/);
  expect(r.directorySave).toBe('ConfigError');
}

function expectLossFalls(losses: number[]): void {
  expect(losses).toHaveLength(STEPS);
  for (const l of losses) expect(Number.isFinite(l), `loss ${l} is finite`).toBe(true);
  // Starts near ln(10) for 10 balanced classes, and the last step is clearly below the first.
  expect(losses[0]).toBeGreaterThan(1.5);
  expect(losses[0]).toBeLessThan(3.5);
  expect(losses.at(-1)!).toBeLessThan(losses[0] * 0.8);
  expect(Math.min(...losses.slice(STEPS / 2))).toBeLessThan(Math.min(...losses.slice(0, STEPS / 2)));
}

describe('browser smoke: Vite page trains on wasm in headless Chromium', () => {
  it('cross-origin isolated: wasm backend on worker threads, loss falls', async () => {
    const r = await runPage(true);
    expect(r.crossOriginIsolated).toBe(true);
    expect(r.backend).toBe('wasm');
    expect(r.hardwareConcurrency, 'needs a machine with at least 2 cores').toBeGreaterThan(1);
    expect(r.threads).toBe(Math.min(8, r.hardwareConcurrency));
    expect(r.threads).toBeGreaterThan(1);
    // convkit's kernel threads are Web Workers, one per thread beside the page's own; tfjs-backend-wasm
    // starts none (its threaded build breaks under minification, see backend-wasm/src/tfjs-wasm.browser.ts).
    expect(r.workers).toBe(r.threads - 1);
    expectLossFalls(r.losses);
    expectBrowserBuild(r);
  });

  it('not isolated: wasm backend on one thread, loss falls', async () => {
    const r = await runPage(false);
    expect(r.crossOriginIsolated).toBe(false);
    expect(r.backend).toBe('wasm');
    expect(r.threads).toBe(1);
    expect(r.workers).toBe(0);
    expectLossFalls(r.losses);
    expectBrowserBuild(r);
  });
});
