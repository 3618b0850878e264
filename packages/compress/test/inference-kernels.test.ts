/**
 * Compressed models on compressed kernels (wasm backend): an int8 model from
 * PTQ, from QAT and loaded from a .ckz predicts on the integer kernels what the
 * float-simulated int8 model predicts (same classes on held-out data, logits
 * within one int8 step of their range), and a pruned model on the sparse
 * kernels what the dense one predicts; no tensor leaks across the new predict
 * paths. Inference-only kernels: training keeps the simulated path (checked).
 */
import { memory, ops, setBackend, setSeed, type Tensor, tidy } from '@convkit/core';
import '@convkit/backend-wasm';
import { Conv2D, Dense, Flatten, type LayersModel, MaxPool2D, Sequential } from '@convkit/layers';
import { Adam } from '@convkit/optim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clearInferenceKernels,
  decodeCompressed,
  encodeCompressed,
  formatReport,
  inferenceKernelsOf,
  logitsOf,
  measureModel,
  prepareQat,
  pruneOneShot,
  type QuantizedModel,
  quantizeModel,
  restoreQuantization,
  useIntegerKernels,
  useSparseKernels,
} from '../src';
import { toyCnn, toyData } from './helpers';

let model: LayersModel;
let train: { x: Tensor; y: Tensor };
let test: { x: Tensor; y: Tensor };

beforeAll(async () => {
  await setBackend('wasm');
  setSeed(11);
  train = toyData(256);
  test = toyData(200);
  model = toyCnn(8, 16);
  model.compile({
    optimizer: new Adam({ learningRate: 0.02 }),
    loss: 'sparseCategoricalCrossentropy',
    metrics: ['accuracy'],
  });
  await model.fit(train.x, train.y, { epochs: 3, batchSize: 32, verbose: 0 });
});

afterAll(() => {
  model.dispose();
  for (const t of [train.x, train.y, test.x, test.y]) t.dispose();
});

async function logits(m: LayersModel, x: Tensor): Promise<Float32Array> {
  const t = logitsOf(m, x);
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}

/** Compares integer-kernel logits with the simulated model's: same classes, max |Δ| within one int8 step of the range. */
async function expectSameAsSimulated(q: QuantizedModel, what: string) {
  const routed = inferenceKernelsOf(q.model).int8;
  expect(routed.length, `${what}: layers on integer kernels`).toBeGreaterThanOrEqual(3);
  const before = memory().numTensors;
  const onInt = await logits(q.model, test.x);
  expect(memory().numTensors, `${what}: tensors after an integer-kernel predict`).toBe(before);
  clearInferenceKernels(q.model);
  const simulated = await logits(q.model, test.x);
  expect(useIntegerKernels(q.model, q.spec)).toEqual(routed);
  const classes = 2;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of simulated) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const step = (hi - lo) / 255;
  let worst = 0;
  let sameClass = 0;
  for (let i = 0; i < simulated.length / classes; i++) {
    const a = simulated.subarray(i * classes, (i + 1) * classes);
    const b = onInt.subarray(i * classes, (i + 1) * classes);
    if (a.indexOf(Math.max(...a)) === b.indexOf(Math.max(...b))) sameClass++;
    for (let c = 0; c < classes; c++) worst = Math.max(worst, Math.abs(a[c] - b[c]));
  }
  expect(sameClass, `${what}: same classes`).toBe(simulated.length / classes);
  expect(worst, `${what}: max |Δlogit| against one int8 step ${step}`).toBeLessThanOrEqual(step);
  return onInt;
}

describe('int8 models on the integer kernels', () => {
  it('PTQ: predicts what the simulated int8 model predicts, and training keeps the simulated path', async () => {
    const q = await quantizeModel(model, { calibrationData: train.x });
    try {
      // conv2 (input: conv1's grid through the pool) and both Dense layers; conv1 sees the raw image.
      expect(inferenceKernelsOf(q.model).int8).toEqual([
        q.model.layers[2].name,
        q.model.layers[4].name,
        q.model.layers[5].name,
      ]);
      await expectSameAsSimulated(q, 'PTQ');
      // a training-mode call ignores the routes: it equals the simulated forward pass
      const diff = tidy(() => {
        const a = q.model.call(test.x, { training: true }) as Tensor;
        clearInferenceKernels(q.model);
        const b = q.model.call(test.x, { training: true }) as Tensor;
        useIntegerKernels(q.model, q.spec);
        return ops.max(ops.abs(ops.sub(a, b)));
      });
      expect(await diff.data()).toEqual(new Float32Array([0]));
      diff.dispose();
    } finally {
      q.model.dispose();
    }
  });

  it('loaded from .ckz: routes again and predicts as the model that was saved', async () => {
    const q = await quantizeModel(model, { calibrationData: train.x });
    try {
      const saved = await logits(q.model, test.x);
      const bytes = await encodeCompressed(q.model, {
        weights: 'int8',
        int8Scales: q.int8Scales,
        metadata: { quantization: q.spec },
      });
      const loaded = await decodeCompressed(bytes);
      try {
        expect(inferenceKernelsOf(loaded.model).int8).toEqual([]);
        expect(restoreQuantization(loaded.model, loaded.metadata)).toBe(true);
        expect(inferenceKernelsOf(loaded.model).int8).toEqual(inferenceKernelsOf(q.model).int8);
        const again = await logits(loaded.model, test.x);
        for (let i = 0; i < saved.length; i++) expect(Math.abs(again[i] - saved[i])).toBeLessThan(1e-5);
      } finally {
        loaded.model.dispose();
      }
    } finally {
      q.model.dispose();
    }
  });

  it('QAT: the finalized model runs on the integer kernels too', async () => {
    const copy = toyCnn(8, 16);
    copy.compile({ optimizer: new Adam({ learningRate: 0.02 }), loss: 'sparseCategoricalCrossentropy' });
    copy.setWeights(model.getWeights());
    try {
      const qat = await prepareQat(copy, { calibrationData: train.x });
      await copy.fit(train.x, train.y, { epochs: 1, batchSize: 64, verbose: 0 });
      const q = await qat.finalize();
      try {
        await expectSameAsSimulated(q, 'QAT');
      } finally {
        q.model.dispose();
      }
    } finally {
      copy.dispose();
    }
  });

  it('on a backend without the integer kernels (cpu) the routes step aside: exactly the simulated model', async () => {
    const q = await quantizeModel(model, { calibrationData: train.x });
    try {
      await setBackend('cpu');
      expect(ops.compressedKernelsAvailable('int8')).toBe(false);
      const routed = await logits(q.model, test.x);
      clearInferenceKernels(q.model);
      const simulated = await logits(q.model, test.x);
      expect(routed).toEqual(simulated);
    } finally {
      await setBackend('wasm');
      q.model.dispose();
    }
  });

  it('a Dense layer on a rank-4 input (no Flatten) runs simulated on its rounded input: still the simulated model', async () => {
    const m = new Sequential({
      layers: [
        new Conv2D({ filters: 4, kernelSize: 3, activation: 'relu', inputShape: [8, 8, 1] }),
        new MaxPool2D({ poolSize: 2 }),
        new Dense({ units: 3, activation: 'relu' }),
        new Flatten(),
        new Dense({ units: 2 }),
      ],
    });
    const q = await quantizeModel(m, { calibrationData: train.x });
    try {
      expect(inferenceKernelsOf(q.model).int8).toEqual([q.model.layers[2].name, q.model.layers[4].name]);
      const routed = await (async () => {
        const t = q.model.predict(test.x);
        const v = (await t.data()) as Float32Array;
        t.dispose();
        return v;
      })();
      clearInferenceKernels(q.model);
      const t = q.model.predict(test.x);
      const simulated = (await t.data()) as Float32Array;
      t.dispose();
      for (let i = 0; i < simulated.length; i++) expect(Math.abs(routed[i] - simulated[i])).toBeLessThan(1e-3);
    } finally {
      q.model.dispose();
      m.dispose();
    }
  });

  it('rejects a bad spec or option with a ConfigError', () => {
    expect(() => useIntegerKernels(model, {} as never)).toThrow(/spec must be a QuantizationSpec/);
    expect(() => useIntegerKernels(model, { weights: {}, activations: null } as never)).toThrow(/useIntegerKernels/);
    expect(() => useSparseKernels(model, { minReduction: 0 })).toThrow(/minReduction must be a positive integer/);
    expect(inferenceKernelsOf(model)).toEqual({ int8: [], sparse: [], chain: [] });
  });

  it('rejects malformed stored weight scales with a SerializationError naming the kernel', async () => {
    const q = await quantizeModel(model, { calibrationData: train.x });
    try {
      const name = Object.keys(q.spec.weights)[1];
      const bad = { ...q.spec, weights: { ...q.spec.weights, [name]: { axis: 3, scales: [1, -1] } } };
      expect(() => restoreQuantization(q.model, { quantization: bad })).toThrow(new RegExp(name));
    } finally {
      q.model.dispose();
    }
  });
});

describe('pruned models on the sparse kernels', () => {
  it('90% pruned: routed by strip(), predicts what the dense layers predict, no leaks', async () => {
    const copy = toyCnn(8, 16);
    copy.setWeights(model.getWeights());
    try {
      const pruner = await pruneOneShot(copy, { sparsity: 0.9 });
      pruner.strip();
      // conv1 has 9 weights per output: too short a reduction to skip zeros
      expect(inferenceKernelsOf(copy).sparse).toEqual([copy.layers[2].name, copy.layers[4].name]);
      const before = memory().numTensors;
      const sparse = await logits(copy, test.x);
      expect(memory().numTensors).toBe(before);
      clearInferenceKernels(copy);
      const dense = await logits(copy, test.x);
      for (let i = 0; i < dense.length; i++)
        expect(Math.abs(sparse[i] - dense[i])).toBeLessThan(1e-4 * (1 + Math.abs(dense[i])));
    } finally {
      copy.dispose();
    }
  });
});

describe('the report times compressed rows on the compressed kernels', () => {
  it("names the kernels: 'int8' as-is, 'float' in 'float-kernels' mode, 'sparse' for a pruned model", async () => {
    const q = await quantizeModel(model, { calibrationData: train.x });
    const copy = toyCnn(8, 16);
    copy.setWeights(model.getWeights());
    try {
      const testData: [Tensor, Tensor] = [test.x, test.y];
      const int8 = await measureModel('int8', q.model, { testData, latencyRuns: 2 });
      expect(int8.kernels).toBe('int8');
      expect(int8.latencyMode).toBe('as-is');
      const onFloat = await measureModel('int8 float', q.model, { testData, latencyRuns: 2, latency: 'float-kernels' });
      expect(onFloat.kernels).toBe('float');
      expect(onFloat.accuracy).toBe(int8.accuracy);
      (await pruneOneShot(copy, { sparsity: 0.9 })).strip();
      const sparse = await measureModel('pruned', copy, { testData, latencyRuns: 2 });
      expect(sparse.kernels).toBe('sparse');
      const table = formatReport([int8, onFloat, sparse]);
      expect(table.split('\n')[0]).toMatch(/kernels$/);
      expect(table).toContain('* int8 weights timed on float kernels');
      expect(inferenceKernelsOf(q.model).int8.length).toBe(3); // the 'float-kernels' run put the hooks back
    } finally {
      q.model.dispose();
      copy.dispose();
    }
  });
});
