/**
 * The whole-model int8 chain (`useIntegerKernels` → model-level route → `ops.quantizedSequence`):
 * on held-out real MNIST digits it predicts the simulated int8 model's classes with logits within
 * one int8 step of their range, on 1 and 2 threads; it steps aside (the per-layer routes or the
 * simulated path run, same values as before) for a layer it does not cover, an activation it
 * cannot fuse, a swapped hook, training calls and backends without its kernel. Nothing leaks.
 */
import { getThreadsCount, setThreadsCount } from '@convkit/backend-wasm';
import { memory, setBackend, setSeed, type Tensor, tensor } from '@convkit/core';
import { loadMnistDigits } from '@convkit/data/mnist';
import { Conv2D, Dense, Flatten, type LayersModel, MaxPool2D, ReLU, Sequential, sliceBatch } from '@convkit/layers';
import { Adam } from '@convkit/optim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clearInferenceKernels,
  inferenceKernelsOf,
  logitsOf,
  type QuantizedModel,
  quantizeModel,
  useIntegerKernels,
} from '../src';

let model: LayersModel;
let q: QuantizedModel;
let trainX: Tensor;
let testX: Tensor;

/** Conv 8 → pool → Conv 16 → pool → Flatten → Dense 32 → Dense 10 (softmax) on 28×28×1: the reference CNN, smaller. */
function cnn(extra: 'none' | 'relu-layer' = 'none'): Sequential {
  return new Sequential({
    layers: [
      new Conv2D({ filters: 8, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }),
      new MaxPool2D({ poolSize: 2 }),
      new Conv2D({ filters: 16, kernelSize: 3, activation: extra === 'relu-layer' ? 'linear' : 'relu' }),
      ...(extra === 'relu-layer' ? [new ReLU()] : []),
      new MaxPool2D({ poolSize: 2 }),
      new Flatten(),
      new Dense({ units: 32, activation: 'relu' }),
      new Dense({ units: 10, activation: 'softmax' }),
    ],
  });
}

beforeAll(async () => {
  await setBackend('wasm');
  setSeed(3);
  const digits = await loadMnistDigits({ count: 1400, seed: 2 });
  const all = digits.toBatch();
  trainX = sliceBatch(all.xs, 0, 1000);
  const trainY = sliceBatch(all.ys, 0, 1000);
  testX = sliceBatch(all.xs, 1000, 400);
  all.xs.dispose();
  all.ys.dispose();
  model = cnn();
  model.compile({ optimizer: new Adam({ learningRate: 0.003 }), loss: 'sparseCategoricalCrossentropy' });
  await model.fit(trainX, trainY, { epochs: 1, batchSize: 50, verbose: 0 });
  trainY.dispose();
  q = await quantizeModel(model, { calibrationData: sliceBatch(trainX, 0, 256) });
}, 60_000);

afterAll(async () => {
  await setThreadsCount(1);
  q.model.dispose();
  model.dispose();
  trainX.dispose();
  testX.dispose();
});

async function logits(m: LayersModel, x: Tensor): Promise<Float32Array> {
  const t = logitsOf(m, x);
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}

/** Same classes, and logits within one int8 step of the reference's range. */
function expectAgree(got: Float32Array, ref: Float32Array, what: string) {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of ref) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const step = (hi - lo) / 255;
  let same = 0;
  let worst = 0;
  const n = ref.length / 10;
  for (let i = 0; i < n; i++) {
    const a = Array.from(ref.subarray(i * 10, i * 10 + 10));
    const b = Array.from(got.subarray(i * 10, i * 10 + 10));
    if (a.indexOf(Math.max(...a)) === b.indexOf(Math.max(...b))) same++;
    for (let c = 0; c < 10; c++) worst = Math.max(worst, Math.abs(a[c] - b[c]));
  }
  expect(same, `${what}: same class`).toBe(n);
  expect(worst, `${what}: max |Δlogit| against one int8 step (${step})`).toBeLessThanOrEqual(step);
}

/** The simulated int8 model's logits (no compressed routes), then the routes back. */
async function simulated(x: Tensor): Promise<Float32Array> {
  clearInferenceKernels(q.model);
  try {
    return await logits(q.model, x);
  } finally {
    useIntegerKernels(q.model, q.spec);
  }
}

describe('whole-model int8 chain', () => {
  it('covers the reference CNN and says so', () => {
    const k = inferenceKernelsOf(q.model);
    expect(k.chain).toEqual(q.model.layers.map((l) => l.name));
    expect(k.int8).toEqual([q.model.layers[2].name, q.model.layers[5].name, q.model.layers[6].name]);
    clearInferenceKernels(q.model);
    expect(q.model.inferenceOverride).toBeUndefined();
    expect(inferenceKernelsOf(q.model).chain).toEqual([]);
    useIntegerKernels(q.model, q.spec);
    expect(inferenceKernelsOf(q.model).chain).toHaveLength(q.model.layers.length);
  });

  it.each([1, 2])('predicts the simulated model on held-out digits (%i thread(s)), no leaks', async (threads) => {
    await setThreadsCount(threads);
    expect(getThreadsCount()).toBe(threads);
    const ref = await simulated(testX);
    let calls = 0;
    const route = q.model.inferenceOverride!;
    q.model.inferenceOverride = (x) => {
      calls++;
      return route(x);
    };
    try {
      const before = memory().numTensors;
      const got = await logits(q.model, testX);
      const one = sliceBatch(testX, 0, 1);
      const probs = q.model.predict(one, { batchSize: 1 });
      probs.dispose();
      one.dispose();
      expect(memory().numTensors, 'tensors after chain predicts').toBe(before);
      expect(calls, 'the chain ran').toBeGreaterThanOrEqual(2);
      expectAgree(got, ref, `${threads} thread(s)`);
      // The chain against the per-layer routes: the same integer arithmetic.
      q.model.inferenceOverride = undefined;
      const perLayer = await logits(q.model, testX);
      for (let i = 0; i < got.length; i++) expect(Math.abs(got[i] - perLayer[i])).toBeLessThan(1e-5);
    } finally {
      q.model.inferenceOverride = route;
    }
  });

  it('keeps samples with NaN or ±Infinity all-NaN itself (predict adds no guard), batch 1 and 4', async () => {
    await setThreadsCount(1);
    expect(q.model.inferenceOverride?.keepsNonFiniteRows).toBe(true);
    const x = sliceBatch(testX, 0, 4);
    const values = Float32Array.from(await x.data());
    values[784 + 300] = Number.NaN;
    values[3 * 784 + 5] = Number.NEGATIVE_INFINITY;
    const dirty = tensor(values, [4, 28, 28, 1]);
    const before = memory().numTensors;
    const clean = q.model.predict(x);
    const got = q.model.predict(dirty);
    const [c, d] = [(await clean.data()) as Float32Array, (await got.data()) as Float32Array];
    for (let i = 0; i < d.length; i++) {
      const row = Math.floor(i / 10);
      if (row === 1 || row === 3) expect(d[i], `at ${i}`).toBeNaN();
      else expect(d[i], `at ${i}`).toBe(c[i]);
    }
    const one = sliceBatch(dirty, 1, 1);
    const single = q.model.predict(one, { batchSize: 1 });
    for (const v of await single.data()) expect(v).toBeNaN();
    for (const t of [clean, got, one, single]) t.dispose();
    expect(memory().numTensors).toBe(before);
    x.dispose();
    dirty.dispose();
  });

  it('probabilities match the simulated model (softmax inside the chain)', async () => {
    await setThreadsCount(1);
    const x = sliceBatch(testX, 0, 64);
    const a = q.model.predict(x);
    clearInferenceKernels(q.model);
    const b = q.model.predict(x);
    useIntegerKernels(q.model, q.spec);
    const [pa, pb] = [(await a.data()) as Float32Array, (await b.data()) as Float32Array];
    for (let i = 0; i < pa.length; i++) expect(Math.abs(pa[i] - pb[i])).toBeLessThan(0.02);
    for (let r = 0; r < 64; r++) expect(pa.subarray(r * 10, r * 10 + 10).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
    x.dispose();
    a.dispose();
    b.dispose();
  });

  it('steps aside for training calls, swapped hooks and activations it cannot fuse', async () => {
    const route = q.model.inferenceOverride!;
    const x = sliceBatch(testX, 0, 4);
    let calls = 0;
    q.model.inferenceOverride = (t) => {
      calls++;
      return route(t);
    };
    const y = q.model.call(x, { training: true });
    y.dispose();
    expect(calls, 'a training call does not use the chain').toBe(0);
    q.model.inferenceOverride = route;
    // A swapped output hook (as calibration does): the chain declines.
    const layer = q.model.layers[2];
    const hook = layer.outputTransform;
    layer.outputTransform = (t) => t;
    expect(route(x)).toBeUndefined();
    layer.outputTransform = hook;
    // An activation the chain does not fuse, in the middle: declines (the per-layer routes handle it).
    const dense = q.model.layers[5] as unknown as { activation: unknown };
    const act = dense.activation;
    const tanh = (t: Tensor) => t;
    Object.defineProperty(tanh, 'name', { value: 'tanh' });
    dense.activation = tanh;
    expect(route(x)).toBeUndefined();
    dense.activation = act;
    const ok = route(x);
    expect(ok).toBeDefined();
    ok?.dispose();
    x.dispose();
  });

  it('a model with a layer the chain does not cover keeps the per-layer routes and their values', async () => {
    const m = cnn('relu-layer');
    const qm = await quantizeModel(m, { calibrationData: sliceBatch(trainX, 0, 128) });
    try {
      expect(inferenceKernelsOf(qm.model).chain).toEqual([]);
      expect(qm.model.inferenceOverride).toBeUndefined();
      expect(inferenceKernelsOf(qm.model).int8.length).toBeGreaterThanOrEqual(2);
      const x = sliceBatch(testX, 0, 50);
      const got = await logits(qm.model, x);
      clearInferenceKernels(qm.model);
      const ref = await logits(qm.model, x);
      expectAgree(got, ref, 'per-layer routes');
      x.dispose();
    } finally {
      qm.model.dispose();
      m.dispose();
    }
  });

  it('on a backend without the chain kernel (cpu) predicts exactly what it predicted before', async () => {
    const x = sliceBatch(testX, 0, 20);
    await setBackend('cpu');
    try {
      expect(q.model.inferenceOverride!(x)).toBeUndefined();
      const before = memory().numTensors;
      const got = await logits(q.model, x);
      expect(memory().numTensors).toBe(before);
      clearInferenceKernels(q.model);
      const ref = await logits(q.model, x);
      useIntegerKernels(q.model, q.spec);
      expect(Array.from(got)).toEqual(Array.from(ref));
    } finally {
      await setBackend('wasm');
      x.dispose();
    }
  });
});
