/**
 * The smoke run: selects convkit's 'wasm' backend, builds a small CNN and
 * trains it for a few steps on deterministic synthetic 28×28 images.
 */
import '@convkit/backend-wasm';
import { getThreadsCount } from '@convkit/backend-wasm';
import { ConfigError, dispose, getBackend, setBackend, setSeed, type Tensor, tensor1d, tensor4d } from '@convkit/core';
import { Conv2D, Dense, Flatten, MaxPool2D, Sequential, saveModel } from '@convkit/layers';
import { Adam } from '@convkit/optim';

/** What the page reports on `window.__convkitSmoke` and in `#result`. */
export interface SmokeResult {
  /** Active backend after `setBackend('wasm')`. */
  backend: string;
  /** Threads convkit's wasm kernels run on (1 without cross-origin isolation). */
  threads: number;
  /** `globalThis.crossOriginIsolated` as the page saw it. */
  crossOriginIsolated: boolean;
  /** `navigator.hardwareConcurrency`, for context. */
  hardwareConcurrency: number;
  /** Training loss after each step, in order. */
  losses: number[];
  /** Wall time of the training steps, in milliseconds. */
  trainMs: number;
  /** How `saveModel(model, './checkpoint')` (a Node-only target) ended: 'ConfigError' in a browser. */
  directorySave: string;
}

/** Options of {@link runSmoke}. */
export interface SmokeOptions {
  /** Training steps (default 8). */
  steps?: number;
  /** Images per batch (default 32). */
  batchSize?: number;
}

const CLASSES = 10;
const SIZE = 28;

/** Mulberry32: a tiny seeded generator so the data is the same on every run. */
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

/**
 * `n` images of class `i % 10`: low noise plus a bright 6×6 square whose
 * position encodes the class (a 5×2 grid), so a small CNN separates them fast.
 */
function syntheticBatch(n: number, seed: number): { xs: Tensor; ys: Tensor } {
  const rand = mulberry32(seed);
  const pixels = new Float32Array(n * SIZE * SIZE);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const label = i % CLASSES;
    labels[i] = label;
    const top = 2 + Math.floor(label / 5) * 14 + Math.floor(rand() * 3);
    const left = 1 + (label % 5) * 5 + Math.floor(rand() * 2);
    const base = i * SIZE * SIZE;
    for (let p = 0; p < SIZE * SIZE; p++) pixels[base + p] = rand() * 0.2;
    for (let r = top; r < Math.min(SIZE, top + 6); r++)
      for (let c = left; c < Math.min(SIZE, left + 4); c++) pixels[base + r * SIZE + c] = 0.8 + rand() * 0.2;
  }
  return { xs: tensor4d(pixels, [n, SIZE, SIZE, 1]), ys: tensor1d(labels, 'int32') };
}

/** Trains Conv2D(8, 3×3, relu) → MaxPool2D → Flatten → Dense(10, softmax) on 'wasm'. */
export async function runSmoke(options: SmokeOptions = {}): Promise<SmokeResult> {
  const steps = options.steps ?? 8;
  const batchSize = options.batchSize ?? 32;
  await setBackend('wasm');
  setSeed(7);
  const model = new Sequential({
    layers: [
      new Conv2D({ filters: 8, kernelSize: 3, activation: 'relu', inputShape: [SIZE, SIZE, 1] }),
      new MaxPool2D({ poolSize: 2 }),
      new Flatten(),
      new Dense({ units: CLASSES, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: 'sparseCategoricalCrossentropy' });
  // The same batch every step: the loss must fall monotonically-ish as the model fits it.
  const { xs, ys } = syntheticBatch(batchSize, 1234);
  const losses: number[] = [];
  const t0 = performance.now();
  let trainMs = 0;
  let directorySave = 'not tried';
  try {
    for (let s = 0; s < steps; s++) losses.push(await model.trainOnBatch(xs, ys));
    trainMs = performance.now() - t0;
    // A directory is a Node-only target: the browser build refuses it with a typed error.
    directorySave = await saveModel(model, './checkpoint').then(
      () => 'saved',
      (e: unknown) => (e instanceof ConfigError ? 'ConfigError' : String(e)),
    );
  } finally {
    dispose([xs, ys]);
    model.dispose();
  }
  return {
    backend: getBackend(),
    threads: getThreadsCount(),
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    hardwareConcurrency: navigator.hardwareConcurrency,
    losses,
    trainMs,
    directorySave,
  };
}
