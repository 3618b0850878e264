/**
 * The webgpu page's run: trains the tiny CNN of
 * `packages/backend-webgpu/test/training.test.ts` (same seeds, same weights)
 * with `fit` for 2 epochs × 2 batches, first on 'cpu' and then on 'webgpu', in
 * the same page, with every synchronous read on 'webgpu' counted and refused,
 * and reports losses, accuracies and final weights for the test to compare.
 */
import '@convkit/backend-webgpu';
import { webgpuAdapterInfo } from '@convkit/backend-webgpu';
import { getBackend, numTensors, setBackend, type Tensor, tensor } from '@convkit/core';
import { Conv2D, Dense, Flatten, MaxPool2D, Sequential } from '@convkit/layers';
import { SGD } from '@convkit/optim';

/** One backend's training run. */
export interface ParityRun {
  /** The backend active during `fit`. */
  backend: string;
  /** Mean loss of each epoch. */
  losses: number[];
  /** Accuracy of each epoch. */
  accuracy: number[];
  /** Every weight tensor after training, flattened, in the model's order. */
  weights: number[][];
  /** Live tensors before building the model and after disposing everything. */
  tensorsBefore: number;
  /** Live tensors after the run; equals `tensorsBefore` when nothing leaked. */
  tensorsAfter: number;
  /** Wall time of `fit`, in milliseconds. */
  fitMs: number;
}

/** What the page reports on `window.__convkitWebgpu` and in `#result`. */
export interface ParityResult {
  /** `webgpuAdapterInfo()` after `setBackend('webgpu')`. */
  adapter: { summary: string; architecture: string; software: boolean } | undefined;
  /** The initial weights both runs start from, flattened. */
  start: number[][];
  /** The run on 'cpu' (the reference). */
  cpu: ParityRun;
  /** The run on 'webgpu'. */
  webgpu: ParityRun;
  /** Synchronous reads attempted on 'webgpu' during `fit` (each one was refused). */
  syncReads: number;
  /** What a deliberate `dataSync()` under the guard threw: shows the guard catches reads. */
  guardProbe: string;
}

const N = 16;
const BATCH = 8;

/** Mulberry32 floats in [-1, 1): the same sequence as the Node test's `randomFloats`. */
function randomFloats(seed: number, n: number): Float32Array {
  let a = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  }
  return out;
}

function tinyCnn(): Sequential {
  return new Sequential({
    layers: [
      new Conv2D({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [6, 6, 1] }),
      new MaxPool2D({ poolSize: 2 }),
      new Flatten(),
      new Dense({ units: 3, activation: 'softmax' }),
    ],
  });
}

const xValues = randomFloats(7, N * 6 * 6).map((v) => (v + 1) / 2);
const yValues = Int32Array.from({ length: N }, (_, i) => (i * 7) % 3);

/** The part of a tfjs kernel backend the guard replaces. */
interface ReadSyncHolder {
  readSync: (...args: unknown[]) => unknown;
}

/**
 * Counts synchronous reads on the 'webgpu' backend and refuses them (in
 * Chromium the real one returns zeros and loses the device), until `restore()`.
 * The page imports nothing from `@tensorflow/*`: it reaches the engine that
 * `@convkit/core` created through the global tfjs-core keeps it under.
 */
function refuseSyncReads(): { count: () => number; restore: () => void } {
  const engine = (globalThis as { _tfengine?: { findBackend(name: string): ReadSyncHolder | null } })._tfengine;
  const backend = engine?.findBackend('webgpu');
  if (!backend) throw new Error('webgpu page: the tfjs engine or its webgpu backend was not found');
  const original = backend.readSync;
  let n = 0;
  backend.readSync = () => {
    n++;
    throw new Error('synchronous read (readSync/dataSync/arraySync) on the webgpu backend');
  };
  return {
    count: () => n,
    restore: () => {
      backend.readSync = original;
    },
  };
}

async function train(
  backend: 'cpu' | 'webgpu',
  start: number[][],
  guard?: () => { count: () => number; restore: () => void },
): Promise<{ run: ParityRun; syncReads: number }> {
  await setBackend(backend);
  const tensorsBefore = numTensors();
  const model = tinyCnn();
  model.compile({
    optimizer: new SGD({ learningRate: 0.2, momentum: 0.5 }),
    loss: 'sparseCategoricalCrossentropy',
    metrics: ['accuracy', 'top2'],
  });
  const shapes = model.getWeights().map((w) => {
    const s = w.shape;
    w.dispose();
    return s;
  });
  const init = shapes.map((shape, i) => {
    const values = randomFloats(
      100 + i,
      shape.reduce((a, b) => a * b, 1),
    ).map((v) => v * 0.5);
    if (start.length === i) start.push(Array.from(values));
    return tensor(values, shape);
  });
  model.setWeights(init);
  for (const t of init) t.dispose();
  const x = tensor(xValues, [N, 6, 6, 1]);
  const y = tensor(yValues, [N], 'int32');
  const active = getBackend();
  const g = guard?.();
  const t0 = performance.now();
  let history: Awaited<ReturnType<Sequential['fit']>>;
  try {
    history = await model.fit(x, y, { epochs: 2, batchSize: BATCH, shuffle: false, verbose: 0 });
  } finally {
    g?.restore();
  }
  const fitMs = performance.now() - t0;
  const after: Tensor[] = model.getWeights();
  const weights = await Promise.all(after.map(async (w) => Array.from(await w.data())));
  for (const t of [...after, x, y]) t.dispose();
  model.dispose();
  const run: ParityRun = {
    backend: active,
    losses: history.history.loss as number[],
    accuracy: history.history.accuracy as number[],
    weights,
    tensorsBefore,
    tensorsAfter: numTensors(),
    fitMs,
  };
  return { run, syncReads: g?.count() ?? 0 };
}

/** Checks that the guard refuses a deliberate `dataSync()` (without reaching the real one). */
async function probeGuard(): Promise<string> {
  await setBackend('webgpu');
  const t = tensor([1, 2, 3]);
  const g = refuseSyncReads();
  try {
    t.dataSync();
    return 'no error';
  } catch (e) {
    return `${g.count()}: ${e instanceof Error ? e.message : String(e)}`;
  } finally {
    g.restore();
    t.dispose();
  }
}

/** Trains on 'cpu', then on 'webgpu' under the sync-read guard; the test compares the two. */
export async function runParity(): Promise<ParityResult> {
  const start: number[][] = [];
  const cpu = await train('cpu', start);
  const webgpu = await train('webgpu', start, refuseSyncReads);
  const info = webgpuAdapterInfo();
  const guardProbe = await probeGuard();
  await setBackend('cpu');
  return {
    adapter: info && { summary: info.summary, architecture: info.architecture, software: info.software },
    start,
    cpu: cpu.run,
    webgpu: webgpu.run,
    syncReads: webgpu.syncReads,
    guardProbe,
  };
}
