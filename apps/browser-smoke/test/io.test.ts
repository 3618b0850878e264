/**
 * Browser model storage in headless Chromium (the Chromium `launchChromium`
 * finds; never a downloaded one), from a page Vite builds against the
 * packages' dist/: `indexeddb://` round trips in convkit's format and in
 * TensorFlow.js's (its own database and records, which tf.loadLayersModel
 * reads), a record laid out as TensorFlow.js writes it, and `downloads://` in
 * both formats, caught with playwright's download event and loaded back in
 * Node. Predictions must match the page's model exactly (same float32 weights).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Tensor, tensor } from '@convkit/core';
import { type LayersModel, loadModel } from '@convkit/layers';
import type { Browser, Download } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../../scripts/tools/static-server.mjs';
import type { IoReport } from '../src/io-main';
import { launchChromium } from './serve';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = resolve(appDir, '../..');
const INPUT_SHAPE = [2, 5, 5, 1];
const INPUT = Array.from({ length: 50 }, (_, i) => Math.sin(i));

let browser: Browser | undefined;
let server: Server | undefined;
let outDir: string;

beforeAll(async () => {
  for (const pkg of ['core', 'layers']) {
    const entry = join(repoRoot, 'packages', pkg, 'dist', 'index.js');
    if (!existsSync(entry)) throw new Error(`io test: ${entry} is missing; build the packages first (\`pnpm build\`).`);
  }
  // Its own output folder, so it never races the smoke test's dist/.
  outDir = await mkdtemp(join(tmpdir(), 'convkit-io-page-'));
  await build({
    root: appDir,
    configFile: false,
    base: './',
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, target: 'es2022', rollupOptions: { input: join(appDir, 'io.html') } },
  });
  browser = await launchChromium('browser io', ['--disable-gpu']);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (server) await new Promise((ok) => server?.close(ok));
  await rm(outDir, { recursive: true, force: true });
});

async function predict(model: LayersModel): Promise<number[]> {
  const x = tensor(INPUT, INPUT_SHAPE);
  const y = model.predict(x) as Tensor;
  const v = Array.from(await y.data());
  x.dispose();
  y.dispose();
  return v;
}

describe('browser model storage (indexeddb://, downloads://) in headless Chromium', () => {
  it('round trips through IndexedDB in both formats and downloads both formats', async () => {
    const served = await serveStatic(outDir, { isolated: false });
    server = served.server;
    const context = await browser!.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const log: string[] = [];
    page.on('pageerror', (e) => log.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') log.push(`console.error: ${m.text()}`);
    });
    await page.goto(`${served.url}io.html`);
    await page
      .waitForFunction(() => ['done', 'error'].includes(window.__convkitIo?.status ?? ''), undefined, {
        timeout: 30_000,
      })
      .catch((e: Error) => {
        throw new Error(`page did not finish: ${e.message}\n${log.join('\n')}`);
      });
    const report = (await page.evaluate(() => window.__convkitIo)) as IoReport;
    if (report.status !== 'done') {
      throw new Error(`page reported: ${report.status === 'error' ? report.error : report.status}\n${log.join('\n')}`);
    }
    expect(report.want).toHaveLength(6);
    for (const name of ['convkit-io', 'tfjs-io', 'written-by-tfjs'])
      expect(report.loaded[name], name).toEqual(report.want);
    // TensorFlow.js's database, as tfjs-core's BrowserIndexedDB creates and reads it.
    expect(report.tfjsStores.sort()).toEqual(['model_info_store', 'models_store']);
    expect(report.tfjsKeys).toContain('tfjs-io');
    expect(report.tfjsArtifactKeys).toEqual(
      expect.arrayContaining(['modelTopology', 'weightData', 'weightSpecs', 'format']),
    );
    expect(report.missing.serializationError).toBe(true);
    expect(report.missing.message).toMatch(/No model 'no-such-model' in IndexedDB/);

    // downloads://: four files, caught by playwright, loaded back in Node.
    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await page.evaluate(() => window.__convkitDownload?.());
    await expect.poll(() => downloads.length, { timeout: 10_000 }).toBe(4);
    const dir = await mkdtemp(join(tmpdir(), 'convkit-io-dl-'));
    try {
      const names = downloads.map((d) => d.suggestedFilename()).sort();
      expect(names).toEqual(['dl-convkit.json', 'dl-convkit.weights.bin', 'dl-tfjs.json', 'dl-tfjs.weights.bin']);
      for (const d of downloads) await d.saveAs(join(dir, d.suggestedFilename()));
      const tfjsJson = JSON.parse(await readFile(join(dir, 'dl-tfjs.json'), 'utf8'));
      expect(tfjsJson.format).toBe('layers-model');
      expect(tfjsJson.weightsManifest[0].paths).toEqual(['./dl-tfjs.weights.bin']);
      const fromTfjs = await loadModel(join(dir, 'dl-tfjs.json'));
      expect(await predict(fromTfjs)).toEqual(report.want);
      fromTfjs.dispose();
      const fromConvkit = await loadModel({
        load: async () => ({
          modelJson: await readFile(join(dir, 'dl-convkit.json'), 'utf8'),
          weights: new Uint8Array(await readFile(join(dir, 'dl-convkit.weights.bin'))).buffer,
        }),
      });
      expect(await predict(fromConvkit)).toEqual(report.want);
      fromConvkit.dispose();
    } finally {
      await rm(dir, { recursive: true, force: true });
      await context.close();
    }
  });
});
