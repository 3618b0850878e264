/**
 * The demo end to end in headless Chromium (Debian's /usr/bin/chromium via
 * playwright-core; never a downloaded browser), on the BUILT app served from
 * dist/ by a small static server — once cross-origin isolated (COOP/COEP:
 * the wasm kernels run on threads) and once not (one thread).
 *
 * Isolated page: trains the small CNN for one epoch (250 steps of 32) and
 * checks the held-out accuracy; traces a real held-out digit on the drawing
 * pad with mouse events and checks its class; prunes and quantizes in the
 * compression panel and checks the report; downloads the `.ckz`. Not
 * isolated: one thread, visibly, and training runs and stops on request.
 * Neither page may log a console error or warning.
 *
 * WebGPU: a second Chromium with the SwiftShader flags of the browser-smoke
 * webgpu test (`--enable-unsafe-webgpu --use-webgpu-adapter=swiftshader`)
 * opens `?backend=webgpu`, trains the small CNN on webgpu, stops, evaluates
 * and classifies a drawn digit; the first Chromium (`--disable-gpu`) asked for
 * webgpu falls back to wasm and says why on the page.
 *
 * Prints the time from opening the page to the first finished epoch, and
 * saves a screenshot after training into test-output/screenshots/.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../../scripts/tools/find.mjs';
import { serveStatic } from '../../../scripts/tools/static-server.mjs';
import { parseDigits } from '../src/digits';
import type { DemoStatus } from '../src/state';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const distDir = join(appDir, 'dist');
const repoRoot = resolve(appDir, '../..');
const screenshots = join(repoRoot, 'test-output', 'screenshots');

let browser: Browser | undefined;
let gpuBrowser: Browser | undefined;
/** Flags that give headless Chromium a WebGPU adapter without a GPU (SwiftShader). */
const WEBGPU_FLAGS = ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader'];
const BASE_ARGS = ['--no-sandbox', '--no-first-run', '--disable-background-networking', '--disable-sync'];
let chromiumPath: string | undefined;
const servers: Server[] = [];

beforeAll(async () => {
  const chromiumLookup = findChromium();
  if (chromiumLookup.path === undefined) {
    throw new Error(
      `demo: ${chromiumLookup.problem}. Run \`node scripts/ensure-test-tools.mjs\` (pnpm test does) or point CONVKIT_CHROMIUM at a Chromium binary. This test does not skip.`,
    );
  }
  chromiumPath = chromiumLookup.path;
  for (const pkg of ['core', 'layers', 'optim', 'compress', 'backend-wasm', 'backend-webgpu']) {
    const entry = join(repoRoot, 'packages', pkg, 'dist', 'index.js');
    if (!existsSync(entry)) throw new Error(`demo: ${entry} is missing; build the packages first (\`pnpm build\`).`);
  }
  // The app as users get it: Vite's production build against the packages' dist/.
  await build({ root: appDir, configFile: join(appDir, 'vite.config.ts'), logLevel: 'error' });
  browser = await chromium.launch({ executablePath: chromiumLookup.path, args: [...BASE_ARGS, '--disable-gpu'] });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await gpuBrowser?.close();
  await Promise.all(servers.map((s) => new Promise((ok) => s.close(ok))));
});

/** Opens the demo; console errors, warnings, page errors and failed requests go to `log`. */
async function open(
  isolated: boolean,
  query: string,
  viewport = { width: 1100, height: 900 },
  on: Browser = browser!,
): Promise<{ page: Page; log: string[]; requests: string[] }> {
  const { server, url } = await serveStatic(distDir, { isolated });
  servers.push(server);
  const page = await on.newPage({ viewport, acceptDownloads: true });
  const log: string[] = [];
  const requests: string[] = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') log.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => log.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => log.push(`requestfailed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  await page.goto(`${url}${query}`);
  return { page, log, requests };
}

const status = (page: Page): Promise<DemoStatus> => page.evaluate(() => window.__demo);

/** Waits for `window.__demo.phase` to be one of `phases`; the page's log is in the failure message. */
async function waitPhase(page: Page, log: string[], phases: string[], timeout: number): Promise<DemoStatus> {
  await page
    .waitForFunction((p) => p.includes(window.__demo?.phase) || window.__demo?.phase === 'error', phases, { timeout })
    .catch((e: Error) => {
      throw new Error(`demo did not reach ${phases.join('/')}: ${e.message}\n${log.join('\n')}`);
    });
  const s = await status(page);
  if (s.phase === 'error' && !phases.includes('error'))
    throw new Error(`demo failed: ${s.errors.join('; ')}\n${log.join('\n')}`);
  return s;
}

/**
 * Traces a 28×28 digit on the pad with mouse strokes: one horizontal stroke per run of ink in
 * each pair of pixel rows (the pen is about two pixels of 28 wide, so pairs cover the digit).
 */
async function traceDigit(page: Page, pixels: Uint8Array): Promise<void> {
  const box = await page.locator('#pad').boundingBox();
  if (!box) throw new Error('the drawing pad is not visible');
  const cell = box.width / 28;
  const ink = (x: number, y: number) => pixels[y * 28 + x] >= 128 || pixels[(y + 1) * 28 + x] >= 128;
  for (let y = 0; y < 28; y += 2) {
    const cy = box.y + (y + 1) * cell;
    for (let x = 0; x < 28; x++) {
      if (!ink(x, y)) continue;
      let end = x;
      while (end + 1 < 28 && ink(end + 1, y)) end++;
      await page.mouse.move(box.x + (x + 0.5) * cell, cy);
      await page.mouse.down();
      await page.mouse.move(box.x + (end + 0.5) * cell, cy);
      await page.mouse.up();
      x = end;
    }
  }
  await page.waitForFunction(() => document.getElementById('pad')?.dataset.busy === 'false');
}

describe('apps/demo in headless Chromium', () => {
  it('cross-origin isolated: 2 threads, trains past 90 % held-out, classifies a drawn digit, compresses', async () => {
    const t0 = performance.now();
    const { page, log, requests } = await open(true, '?model=small&epochs=1&lr=0.003');
    const marks: string[] = [];
    const mark = (what: string) => marks.push(`${what} ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    try {
      const ready = await waitPhase(page, log, ['ready'], 30_000);
      expect(ready.crossOriginIsolated).toBe(true);
      expect(ready.backend).toBe('wasm');
      const cores = await page.evaluate(() => navigator.hardwareConcurrency);
      expect(ready.threads).toBe(Math.min(8, cores));
      expect(ready.threads).toBeGreaterThan(1);
      expect(await page.locator('#runtime').getAttribute('data-threads')).toBe(String(ready.threads));
      // The summary table is the model's summaryData(): the small CNN's dense head is 400·32+32 params.
      expect(await page.locator('#summary tr[data-params="12832"]').count()).toBe(1);

      mark('ready');
      // One tfjs wasm module is fetched (SIMD); convkit's kernels are embedded in the worker.
      expect(requests.filter((p) => p.endsWith('.wasm'))).toEqual([
        expect.stringMatching(/tfjs-backend-wasm-simd-[\w-]+\.wasm$/),
      ]);
      const { loading } = ready;
      marks.push(
        `(page ready at ${(loading!.readyAt / 1000).toFixed(1)} s: wasm backend ${(loading!.backendMs / 1000).toFixed(1)} s, digits ${(loading!.dataMs / 1000).toFixed(1)} s, worker init ${(loading!.totalMs / 1000).toFixed(1)} s)`,
      );
      await page.click('#start');
      const trained = await waitPhase(page, log, ['trained'], 75_000);
      mark('trained');
      expect(trained.step).toBe(250);
      expect(trained.epochsDone).toBe(1);
      expect(trained.valAccuracy!).toBeGreaterThan(0.9);
      expect(trained.evaluation!.accuracy).toBeCloseTo(trained.valAccuracy!, 5);
      console.log(
        `demo: page open → first finished epoch ${(trained.firstEpochMs! / 1000).toFixed(1)} s ` +
          `(small CNN, 250 steps of 32, ${trained.threads} threads); held-out accuracy ${(100 * trained.valAccuracy!).toFixed(2)} %`,
      );
      await mkdir(screenshots, { recursive: true });
      await page.screenshot({ path: join(screenshots, 'demo-after-training.png'), fullPage: true });

      // Trace a held-out digit that the model classified correctly in the grid.
      const test = parseDigits(new Uint8Array(await readFile(join(distDir, 'data/mnist-test.bin'))), 'mnist-test.bin');
      const { labels, predicted } = trained.evaluation!;
      const k = labels.findIndex((l, i) => l === predicted[i] && l !== 1);
      expect(k).toBeGreaterThanOrEqual(0);
      expect(test.labels[k]).toBe(labels[k]);
      await page.locator('#pad').scrollIntoViewIfNeeded();
      await traceDigit(page, test.pixels.subarray(k * 784, (k + 1) * 784));
      const drawn = await status(page);
      expect(drawn.prediction, 'the pad produced a prediction').toBeDefined();
      expect(drawn.prediction!.label, `traced a ${labels[k]}`).toBe(labels[k]);
      expect(drawn.prediction!.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);

      mark('digit drawn');
      // Compression: prune 80 % with a short fine-tune, then int8.
      await page.fill('#finetune', '10');
      await page.click('#compress [data-step="prune"]');
      await page.waitForFunction(() => window.__demo.compress.rows.length === 2 && !window.__demo.compress.busy);
      await page.click('#compress [data-step="quantize"]');
      await page.waitForFunction(() => window.__demo.compress.rows.length === 3 && !window.__demo.compress.busy);
      mark('compressed');
      const { rows, error } = (await status(page)).compress;
      expect(error).toBeUndefined();
      const [float, pruned, int8] = rows;
      expect(float.accuracy).toBeCloseTo(trained.valAccuracy!, 5);
      expect(pruned.step).toMatch(/^pruned 8\d%$/);
      expect(pruned.nonzeroParams).toBeLessThan(0.35 * float.params);
      expect(int8.step).toBe('int8 PTQ');
      expect(int8.sizeBytes).toBeLessThan(pruned.sizeBytes);
      expect(int8.gzipBytes).toBeLessThan(pruned.gzipBytes);
      expect(Math.abs(int8.accuracy - pruned.accuracy), 'int8 within one point of the float model').toBeLessThanOrEqual(
        0.01,
      );
      expect(await page.locator('#report tbody tr').count()).toBe(3);

      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-ckz')]);
      expect(download.suggestedFilename()).toBe('convkit-small_cnn.ckz');
      const ckz = await readFile((await download.path())!);
      expect(new TextDecoder().decode(ckz.subarray(0, 8))).toBe('CKCMPRS1');
      expect(ckz.length).toBe(int8.sizeBytes);

      // The layers format: name.json + name.weights.bin through layers' saveDownloads (loaded on demand).
      const files: string[] = [];
      page.on('download', (d) => files.push(d.suggestedFilename()));
      await page.click('#download-layers');
      await expect
        .poll(() => files.sort(), { timeout: 10_000 })
        .toEqual(['convkit-small_cnn.json', 'convkit-small_cnn.weights.bin']);
      expect(log).toEqual([]);
      console.log(`demo (isolated page): ${marks.join(', ')}`);
    } finally {
      await page.close();
    }
  }, 150_000);

  it('not isolated, phone-sized: 1 thread, shown on the page; training runs and stops on request', async () => {
    const { page, log } = await open(false, '?model=small&lr=0.003', { width: 390, height: 844 });
    try {
      const ready = await waitPhase(page, log, ['ready'], 30_000);
      expect(ready.crossOriginIsolated).toBe(false);
      expect(ready.threads).toBe(1);
      const runtime = page.locator('#runtime');
      expect(await runtime.getAttribute('data-threads')).toBe('1');
      expect(await runtime.getAttribute('class')).toContain('single');
      await page.click('#start');
      await page.waitForFunction(() => window.__demo.step >= 10, undefined, { timeout: 30_000 });
      await page.click('#stop');
      const stopped = await waitPhase(page, log, ['trained'], 30_000);
      expect(stopped.step).toBeLessThan(250);
      expect(stopped.evaluation!.accuracy).toBeGreaterThan(0.2);
      // Nothing wider than the phone's screen: no sideways scrolling of the page.
      const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      expect(widths[0], 'page width on a 390 px screen').toBeLessThanOrEqual(widths[1]);
      await mkdir(screenshots, { recursive: true });
      await page.screenshot({ path: join(screenshots, 'demo-phone.png'), fullPage: true });
      expect(log).toEqual([]);
    } finally {
      await page.close();
    }
  }, 90_000);

  it('webgpu (SwiftShader): trains on the GPU backend, stops, evaluates and classifies a drawn digit', async () => {
    gpuBrowser = await chromium.launch({ executablePath: chromiumPath, args: [...BASE_ARGS, ...WEBGPU_FLAGS] });
    // 64 held-out digits: SwiftShader runs the small CNN at about 10 training images per second
    const { page, log } = await open(false, '?backend=webgpu&model=small&lr=0.003&heldout=64', undefined, gpuBrowser);
    try {
      const ready = await waitPhase(page, log, ['ready'], 60_000);
      expect(ready.backend).toBe('webgpu');
      expect(ready.backendNote).toBeUndefined();
      expect(ready.adapter).toMatch(/swiftshader/i);
      expect(await page.locator('#backend').inputValue()).toBe('webgpu');
      expect(await page.locator('#runtime').textContent()).toContain('Backend webgpu');
      await page.click('#start');
      await page.waitForFunction(() => window.__demo.step >= 3, undefined, { timeout: 60_000 });
      await page.click('#stop');
      const stopped = await waitPhase(page, log, ['trained'], 60_000);
      expect(stopped.backend).toBe('webgpu');
      expect(stopped.step).toBeLessThan(250);
      // the evaluation ran on webgpu over the 64 held-out digits: its accuracy is its grid's
      const { labels, predicted, accuracy } = stopped.evaluation!;
      expect(labels).toHaveLength(64);
      expect(predicted.every((p) => Number.isInteger(p) && p >= 0 && p < 10)).toBe(true);
      expect(accuracy).toBeCloseTo(labels.filter((l, i) => l === predicted[i]).length / 64, 10);
      // Inference on webgpu: a held-out digit traced on the pad gets class probabilities.
      const test = parseDigits(new Uint8Array(await readFile(join(distDir, 'data/mnist-test.bin'))), 'mnist-test.bin');
      await page.locator('#pad').scrollIntoViewIfNeeded();
      await traceDigit(page, test.pixels.subarray(0, 784));
      const drawn = await status(page);
      expect(drawn.prediction, 'the pad produced a prediction').toBeDefined();
      expect(drawn.prediction!.probabilities).toHaveLength(10);
      expect(drawn.prediction!.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
      expect(log).toEqual([]);
    } finally {
      await page.close();
    }
  }, 180_000);

  it('tune panel: a tiny TPE + ASHA study in the worker shows a row per trial, the best trial, its charts, and trains it', async () => {
    const t0 = performance.now();
    const { page, log } = await open(true, '?model=small&heldout=200');
    try {
      await waitPhase(page, log, ['ready'], 30_000);
      await page.fill('#tune-trials-count', '4');
      await page.fill('#tune-epochs', '2');
      await page.fill('#tune-digits', '300');
      await page.click('#tune-start');
      // Rows appear live, while the study still runs.
      await page.waitForFunction(() => window.__demo.tune.rows.length >= 1, undefined, { timeout: 20_000 });
      const live = await status(page);
      expect(await page.locator('#tune-trials tbody tr').count()).toBe(live.tune.rows.length);
      await page.waitForFunction(() => window.__demo.tune.phase !== 'running', undefined, { timeout: 30_000 });
      const { tune } = await status(page);
      expect(tune.error).toBeUndefined();
      expect(tune.phase).toBe('done');
      expect(tune.rows.map((r) => r.number)).toEqual([0, 1, 2, 3]);
      for (const r of tune.rows) {
        expect(r.params.lr).toBeGreaterThanOrEqual(3e-4);
        expect(r.params.lr).toBeLessThanOrEqual(3e-2);
        expect([4, 8, 16]).toContain(r.params.filters);
        expect(r.params.dropout).toBeGreaterThanOrEqual(0);
        expect(r.params.dropout).toBeLessThanOrEqual(0.5);
        expect(r.valAccuracy!).toBeGreaterThanOrEqual(0);
        expect(r.valAccuracy!).toBeLessThanOrEqual(1);
        // ASHA (η = 2) first judges a trial after its 2nd epoch, the last one here: every trial ran both.
        expect(r.epochs).toBe(2);
      }
      const complete = tune.rows.filter((r) => r.state === 'complete');
      expect(complete.length).toBeGreaterThan(0);
      const bestAcc = Math.max(...complete.map((r) => r.valAccuracy!));
      expect(tune.best!.valAccuracy).toBe(bestAcc);
      // bestSoFar is the running maximum of the complete trials' accuracies.
      let running = -1;
      expect(tune.bestSoFar.map((p) => p.best)).toEqual(
        complete.map((r) => (running = Math.max(running, r.valAccuracy!))),
      );
      expect(Object.keys(tune.importances).sort()).toEqual(['dropout', 'filters', 'lr']);
      const importanceSum = Object.values(tune.importances).reduce((a, b) => a + b, 0);
      expect(importanceSum === 0 || Math.abs(importanceSum - 1) < 1e-9).toBe(true);
      expect(await page.locator('#tune-trials tbody tr').count()).toBe(4);
      expect(await page.locator('#tune-trials tr.best').getAttribute('data-trial')).toBe(String(tune.best!.number));
      expect(await page.locator('#tune-best-curve').getAttribute('data-points')).toBe(String(complete.length));
      expect(await page.locator('#tune-best-curve circle').count()).toBe(complete.length);
      expect(await page.locator('#tune-importances rect').count()).toBe(3);
      expect(await page.locator('#tune-status').textContent()).toContain(`best: trial #${tune.best!.number}`);
      await mkdir(screenshots, { recursive: true });
      await page.locator('#tune').screenshot({ path: join(screenshots, 'demo-tune.png') });

      // "Use best" trains the best configuration as the demo's model (stopped early here).
      await page.click('#tune-use-best');
      await page.waitForFunction(() => window.__demo.step >= 5, undefined, { timeout: 20_000 });
      await page.click('#stop');
      const trained = await waitPhase(page, log, ['trained'], 20_000);
      expect(trained.architecture).toEqual({ filters: tune.best!.params.filters, dropout: tune.best!.params.dropout });
      expect(Number(await page.locator('input[name="lr"]').inputValue())).toBeCloseTo(tune.best!.params.lr, 4);
      expect(trained.evaluation!.labels).toHaveLength(64);

      // Cancel: a 30-trial study stops at the next batch once asked; the panel is usable again.
      await page.fill('#tune-trials-count', '30');
      await page.click('#tune-start');
      await page.waitForFunction(() => window.__demo.tune.rows.length >= 1, undefined, { timeout: 20_000 });
      await page.click('#tune-cancel');
      await page.waitForFunction(() => window.__demo.tune.phase !== 'running', undefined, { timeout: 20_000 });
      const cancelled = (await status(page)).tune;
      expect(cancelled.phase).toBe('cancelled');
      expect(cancelled.rows.length).toBeLessThan(30);
      expect(await page.locator('#tune-start').isEnabled()).toBe(true);
      expect(await page.locator('#start').isEnabled()).toBe(true);
      expect(log).toEqual([]);
      const pruned = tune.rows.filter((r) => r.state === 'pruned').length;
      console.log(
        `demo (tune panel): 4 trials of 2 epochs on 300 digits (${pruned} pruned), use best, a cancelled study: ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
    } finally {
      await page.close();
    }
  }, 60_000);

  it('asked for webgpu where the browser has no WebGPU adapter: trains on wasm and says why', async () => {
    const { page, log } = await open(false, '?backend=webgpu&model=small');
    try {
      const ready = await waitPhase(page, log, ['ready'], 30_000);
      expect(ready.backend).toBe('wasm');
      expect(ready.backendNote).toMatch(
        /WebGPU (is not available in this browser|could not start).*training on wasm instead/,
      );
      const note = page.locator('#backend-note');
      expect(await note.isVisible()).toBe(true);
      expect(await note.textContent()).toBe(ready.backendNote);
      expect(await page.locator('#backend').inputValue()).toBe('wasm');
      expect(log).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});
