/**
 * `fit`, `evaluate`, `predict` and `trainOnBatch` of a tiny CNN on 'cpu' and on
 * 'webgpu' (SwiftShader in CI): no synchronous read on either backend (every
 * `readSync` — what `dataSync` and `arraySync` call — is counted and refused),
 * no tensor left behind, and the webgpu results equal the cpu ones.
 *
 * Tiny shapes: each new shape compiles new shaders on the software adapter.
 * `@convkit/backend-webgpu` comes through the test alias (vitest.config.ts),
 * not a dependency: it depends on this package already.
 */
import '../../backend-webgpu/test/setup';
import { refuseSyncReads, seeded } from '../../backend-webgpu/test/sync-reads';
import '@convkit/backend-webgpu';
import { NonFiniteError, numTensors, ops, setBackend, type Tensor, tensor } from '@convkit/core';
import { Adam } from '@convkit/optim';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { Conv2D, Dense, Flatten, MaxPool2D, Sequential } from '../src';

const N = 12;
const BATCH = 6;

function tinyCnn(): Sequential {
  const model = new Sequential({
    layers: [
      new Conv2D({ filters: 3, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [5, 5, 1] }),
      new MaxPool2D({ poolSize: 2 }),
      new Flatten(),
      new Dense({ units: 3, activation: 'softmax' }),
    ],
  });
  model.compile({
    optimizer: new Adam({ learningRate: 0.05 }),
    loss: 'sparseCategoricalCrossentropy',
    metrics: ['accuracy'],
  });
  // the same starting point on both backends
  const weights = model.getWeights();
  const seededWeights = weights.map((w, i) =>
    tensor(
      seeded(50 + i, w.size).map((v) => v - 0.5),
      w.shape,
    ),
  );
  model.setWeights(seededWeights);
  tf.dispose([...weights, ...seededWeights]);
  return model;
}

interface Run {
  losses: number[];
  evalLoss: number;
  stepLoss: number;
  predictions: Float32Array;
  weights: Float32Array[];
}

const runs = new Map<string, Run>();

describe.each(['cpu', 'webgpu'] as const)('a tiny CNN on %s', (backend) => {
  it('fits, evaluates, predicts and trains on a batch without a synchronous read or a leak', async () => {
    await setBackend(backend);
    const before = numTensors();
    const model = tinyCnn();
    const x = tensor(seeded(7, N * 25), [N, 5, 5, 1]);
    const y = tensor(
      Int32Array.from({ length: N }, (_, i) => i % 3),
      [N],
      'int32',
    );
    const guard = refuseSyncReads(backend);
    let run: Run;
    try {
      const history = await model.fit(x, y, { epochs: 2, batchSize: BATCH, shuffle: false, verbose: 0 });
      const logs = await model.evaluate(x, y, { batchSize: BATCH });
      const p: Tensor = model.predict(x, { batchSize: BATCH });
      const predictions = (await p.data()) as Float32Array;
      p.dispose();
      const stepLoss = await model.trainOnBatch(x, y);
      const after = model.getWeights();
      const weights = await Promise.all(after.map(async (w) => (await w.data()) as Float32Array));
      tf.dispose(after);
      run = { losses: history.history.loss as number[], evalLoss: logs.loss as number, stepLoss, predictions, weights };
    } finally {
      guard.restore();
    }
    expect(guard.count(), `synchronous reads on ${backend}`).toBe(0);
    tf.dispose([x, y]);
    model.dispose();
    expect(numTensors(), `live tensors on ${backend}`).toBe(before);
    expect(run.losses.length).toBe(2);
    expect(run.losses[1]).toBeLessThan(run.losses[0]);
    expect(run.predictions.length).toBe(N * 3);
    runs.set(backend, run);
  });
});

describe('the sync-read guard', () => {
  it('catches a synchronous read (so the counts above can fail)', async () => {
    for (const backend of ['cpu', 'webgpu']) {
      await setBackend(backend);
      const t = tensor([1, 2, 3]);
      const guard = refuseSyncReads(backend);
      try {
        expect(() => t.dataSync()).toThrow(/synchronous read/);
        expect(() => t.arraySync()).toThrow(/synchronous read/);
        expect(guard.count()).toBe(2);
      } finally {
        guard.restore();
        t.dispose();
      }
    }
  });
});

describe('webgpu against cpu', () => {
  it('gives the same losses, predictions and weights', () => {
    const cpu = runs.get('cpu');
    const gpu = runs.get('webgpu');
    expect(cpu && gpu, 'both backend runs completed').toBeTruthy();
    if (!cpu || !gpu) return;
    const close = (a: ArrayLike<number>, b: ArrayLike<number>, what: string) => {
      expect(a.length, what).toBe(b.length);
      for (let i = 0; i < b.length; i++) {
        expect(Math.abs(a[i] - b[i]), `${what}[${i}]: ${a[i]} vs ${b[i]}`).toBeLessThanOrEqual(
          1e-4 * (1 + Math.abs(b[i])),
        );
      }
    };
    close(gpu.losses, cpu.losses, 'fit losses');
    close([gpu.evalLoss, gpu.stepLoss], [cpu.evalLoss, cpu.stepLoss], 'evaluate and trainOnBatch losses');
    close(gpu.predictions, cpu.predictions, 'predictions');
    gpu.weights.forEach((w, i) => close(w, cpu.weights[i], `weight ${i}`));
  });
});

describe('the NaN guard on webgpu', () => {
  it('refuses a step with a NaN gradient or an overflowing update before anything changes, with no read or leak', async () => {
    await setBackend('webgpu');
    const model = tinyCnn();
    const x = tensor(seeded(7, BATCH * 25), [BATCH, 5, 5, 1]);
    const y = tensor(
      Int32Array.from({ length: BATCH }, (_, i) => i % 3),
      [BATCH],
      'int32',
    );
    const snapshot = async () => {
      const ws = model.getWeights();
      const values = await Promise.all(ws.map(async (w) => Array.from((await w.data()) as Float32Array)));
      tf.dispose(ws);
      return values;
    };
    await model.trainOnBatch(x, y); // creates Adam's slots
    const optimizer = model.optimizer;
    if (!optimizer) throw new Error('tinyCnn is compiled');
    const weights = await snapshot();
    const iterations = optimizer.iterations;
    const before = numTensors();
    const guard = refuseSyncReads('webgpu');
    try {
      // d/dp sqrt(0·p) = Inf · 0 = NaN while the loss is 0
      model.compile({ optimizer, loss: (_y: Tensor, p: Tensor) => ops.mean(ops.sqrt(ops.mul(p, 0))) });
      const nan = await model.trainOnBatch(x, y).catch((e: unknown) => e);
      expect(nan).toBeInstanceOf(NonFiniteError);
      expect(String(nan)).toMatch(/the gradient of 'conv2d_\d+\/kernel'.*became NaN or infinite \(loss 0\)/);
      // finite loss and gradients (~1e20) whose square overflows Adam's second moment
      model.compile({ optimizer, loss: (_y: Tensor, p: Tensor) => ops.mul(ops.sum(ops.mul(p, p)), 1e21) });
      const overflow = await model.trainOnBatch(x, y).catch((e: unknown) => e);
      expect(overflow).toBeInstanceOf(NonFiniteError);
      expect(String(overflow)).toMatch(/the update made .*optimizer's state.*restored/);
    } finally {
      guard.restore();
    }
    expect(guard.count(), 'synchronous reads on webgpu').toBe(0);
    expect(numTensors(), 'live tensors after the refused steps').toBe(before);
    expect(optimizer.iterations).toBe(iterations);
    expect(await snapshot()).toEqual(weights);
    tf.dispose([x, y]);
    model.dispose();
  });
});
