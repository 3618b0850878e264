/**
 * Trains the tiny CNN of packages/backend-webgpu/test/training.test.ts on
 * 'webgpu' in headless Chromium (Debian's /usr/bin/chromium via
 * playwright-core, SwiftShader's WebGPU adapter: no GPU needed) and on 'cpu' in
 * the same page, from `webgpu.html` built by Vite against the packages' dist/.
 * The two runs must end with the same losses and weights (within 1e-4), with
 * no synchronous read on 'webgpu' during `fit` (the page counts and refuses
 * them: in Chromium `dataSync()` returns zeros and loses the device) and no
 * leaked tensor.
 *
 * Chromium flags: `--enable-unsafe-webgpu --use-webgpu-adapter=swiftshader`
 * are enough on Chromium 156 headless (no `--enable-features=Vulkan`); the
 * page must be a secure context (127.0.0.1 is). Without them the same page
 * gets the backend's typed `BackendError` naming the flags (second case).
 */
import { existsSync, realpathSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../../scripts/tools/static-server.mjs';
import type { WebgpuReport } from '../src/webgpu-main';
import { launchChromium } from './serve';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = resolve(appDir, '../..');
const TOL = 1e-4;

/** Flags that give headless Chromium a WebGPU adapter without a GPU (SwiftShader). */
const WEBGPU_FLAGS = ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader'];

let outDir: string | undefined;
let browser: Browser | undefined;
let server: Server | undefined;
let baseUrl = '';

beforeAll(async () => {
  for (const pkg of ['core', 'layers', 'optim', 'backend-webgpu']) {
    const entry = join(repoRoot, 'packages', pkg, 'dist', 'index.js');
    if (!existsSync(entry))
      throw new Error(`webgpu page: ${entry} is missing; build the packages first (\`pnpm build\`).`);
  }
  // Only webgpu.html, into a folder of its own: browser-smoke.test.ts empties and rebuilds dist/ in parallel.
  outDir = realpathSync(await mkdtemp(join(tmpdir(), 'convkit-webgpu-page-')));
  await build({
    root: appDir,
    configFile: join(appDir, 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, rollupOptions: { input: join(appDir, 'webgpu.html') } },
  });
  ({ server, url: baseUrl } = await serveStatic(outDir));
  browser = await launchChromium('webgpu page', WEBGPU_FLAGS);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((ok) => (server ? server.close(ok) : ok(undefined)));
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

/** Opens webgpu.html and waits for its report; console errors and page errors go to `log`. */
async function runPage(b: Browser): Promise<{ report: WebgpuReport; log: string[] }> {
  const page: Page = await b.newPage();
  const log: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') log.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => log.push(`pageerror: ${e.message}`));
  try {
    await page.goto(`${baseUrl}webgpu.html`);
    await page
      .waitForFunction(() => ['done', 'error'].includes(window.__convkitWebgpu?.status ?? ''), undefined, {
        timeout: 50_000,
      })
      .catch((e: Error) => {
        throw new Error(`webgpu page did not finish: ${e.message}\n${log.join('\n')}`);
      });
    const report = (await page.evaluate(() => window.__convkitWebgpu)) as WebgpuReport;
    return { report, log };
  } finally {
    await page.close();
  }
}

/** Worst |got - ref| / (1 + |ref|) over two equally long lists. */
function worstRelative(got: readonly number[], ref: readonly number[]): number {
  expect(got.length).toBe(ref.length);
  let worst = 0;
  for (let i = 0; i < ref.length; i++) worst = Math.max(worst, Math.abs(got[i] - ref[i]) / (1 + Math.abs(ref[i])));
  return Number.isNaN(worst) ? Number.POSITIVE_INFINITY : worst;
}

describe('webgpu in headless Chromium', () => {
  it('fit (2 epochs × 2 batches) on webgpu matches cpu in the same page, with no synchronous read and no leak', async () => {
    const { report, log } = await runPage(browser!);
    if (report.status !== 'done') {
      throw new Error(
        `webgpu page reported ${report.status === 'error' ? `${report.backendError ? 'BackendError' : 'an error'}: ${report.message}\n${report.stack}` : report.status}\n${log.join('\n')}`,
      );
    }
    expect(report.adapter, 'SwiftShader adapter').toMatchObject({ architecture: 'swiftshader', software: true });
    expect(report.cpu.backend).toBe('cpu');
    expect(report.webgpu.backend).toBe('webgpu');

    // the guard works (a deliberate dataSync is refused and counted) and saw no read during fit
    expect(report.guardProbe).toMatch(/^1: synchronous read/);
    expect(report.syncReads, 'synchronous reads during fit on webgpu').toBe(0);

    for (const run of [report.cpu, report.webgpu]) {
      expect(run.tensorsAfter, `${run.backend}: live tensors after fit`).toBe(run.tensorsBefore);
      expect(run.losses).toHaveLength(2);
      for (const l of run.losses) expect(Number.isFinite(l), `${run.backend} loss ${l}`).toBe(true);
    }
    expect(report.cpu.losses[1]).toBeLessThan(report.cpu.losses[0]);
    expect(worstRelative(report.webgpu.losses, report.cpu.losses), 'epoch losses').toBeLessThanOrEqual(TOL);
    expect(report.webgpu.accuracy).toEqual(report.cpu.accuracy);

    expect(report.webgpu.weights).toHaveLength(report.cpu.weights.length);
    expect(report.cpu.weights).toHaveLength(4);
    report.cpu.weights.forEach((ref, i) => {
      // training moved every weight tensor, so the comparison below is not the starting point twice
      expect(worstRelative(ref, report.start[i]), `weight ${i} moved on cpu`).toBeGreaterThan(1e-3);
      expect(worstRelative(report.webgpu.weights[i], ref), `weight ${i} after fit`).toBeLessThanOrEqual(TOL);
    });
    // the cpu run is the deliberate reference: core's once-per-page "wasm is faster" hint is expected
    const unexpected = log.filter((l) => !l.startsWith("console.warning: convkit: training on the 'cpu' backend"));
    expect(unexpected, 'console errors, warnings and page errors').toEqual([]);
    console.log(
      `webgpu page on ${report.adapter?.summary}: fit ${report.webgpu.fitMs.toFixed(0)} ms on webgpu, ${report.cpu.fitMs.toFixed(0)} ms on cpu`,
    );
  });

  it('without the WebGPU flags the page gets a typed BackendError naming them, not a hang', async () => {
    // Chromium 156 headless without a GPU: navigator.gpu exists, requestAdapter() answers null.
    const plain = await launchChromium('webgpu page (no flags)', ['--disable-gpu']);
    try {
      const t0 = Date.now();
      const { report } = await runPage(plain);
      expect(Date.now() - t0).toBeLessThan(30_000);
      expect(report.status).toBe('error');
      if (report.status !== 'error') return;
      expect(report.backendError, report.message).toBe(true);
      expect(report.message).toContain('No WebGPU adapter');
      expect(report.message).toContain('--enable-unsafe-webgpu --use-webgpu-adapter=swiftshader');
    } finally {
      await plain.close();
    }
  });
});
