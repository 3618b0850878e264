/**
 * A tiny CNN (`Sequential` from @convkit/layers) trained with `fit` for two
 * batches on 'webgpu' ends with the same weights and losses as on 'cpu', reads
 * nothing synchronously on the way (every `readSync` of the webgpu backend is
 * counted and refused), and leaks no tensor.
 */
import './setup';
import '@convkit/backend-webgpu';
import { numTensors, setBackend, type Tensor, tensor } from '@convkit/core';
import { Conv2D, Dense, Flatten, MaxPool2D, Sequential } from '@convkit/layers';
import { SGD } from '@convkit/optim';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectClose, randomFloats } from './helpers';

const N = 16;
const BATCH = 8;

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

/** Seeded weights in the model's own order, so both backends start from the same point. */
function initialWeights(shapes: number[][]): { values: Float32Array; shape: number[] }[] {
  return shapes.map((shape, i) => ({
    values: randomFloats(
      100 + i,
      shape.reduce((a, b) => a * b, 1),
    ).map((v) => v * 0.5),
    shape,
  }));
}

const xValues = randomFloats(7, N * 6 * 6).map((v) => (v + 1) / 2);
const yValues = Int32Array.from({ length: N }, (_, i) => (i * 7) % 3);

/** Counts synchronous reads on the 'webgpu' backend and refuses them, until `restore()`. */
function refuseSyncReads(): { count: () => number; restore: () => void } {
  const backend = tf.engine().findBackend('webgpu') as tf.KernelBackend;
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

async function train(backend: 'cpu' | 'webgpu'): Promise<{
  weights: Float32Array[];
  start: Float32Array[];
  losses: number[];
  accuracy: number[];
  syncReads: number;
}> {
  await setBackend(backend);
  const before = numTensors();
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
  const init = initialWeights(shapes);
  const initTensors = init.map((w) => tensor(w.values, w.shape));
  model.setWeights(initTensors);
  for (const t of initTensors) t.dispose();
  const x = tensor(xValues, [N, 6, 6, 1]);
  const y = tensor(yValues, [N], 'int32');
  const guard = backend === 'webgpu' ? refuseSyncReads() : undefined;
  let history: Awaited<ReturnType<Sequential['fit']>>;
  try {
    history = await model.fit(x, y, { epochs: 2, batchSize: BATCH, shuffle: false, verbose: 0 });
  } finally {
    guard?.restore();
  }
  const after: Tensor[] = model.getWeights();
  const weights = await Promise.all(after.map(async (w) => Float32Array.from(await w.data())));
  for (const t of [...after, x, y]) t.dispose();
  model.dispose();
  expect(numTensors(), `${backend}: live tensors after fit`).toBe(before);
  return {
    weights,
    start: init.map((w) => w.values),
    losses: history.history.loss as number[],
    accuracy: history.history.accuracy as number[],
    syncReads: guard?.count() ?? 0,
  };
}

describe('training on webgpu', () => {
  it('fit (2 epochs × 2 batches, with metrics) matches cpu, with no synchronous read and no leak', async () => {
    const cpu = await train('cpu');
    const gpu = await train('webgpu');
    expect(gpu.syncReads, 'synchronous reads during fit on webgpu').toBe(0);
    expect(gpu.losses.length).toBe(2);
    expectClose(gpu.losses, cpu.losses, 'epoch losses', 1e-4);
    expect(gpu.accuracy).toEqual(cpu.accuracy);
    expect(cpu.losses[1]).toBeLessThan(cpu.losses[0]);
    for (let i = 0; i < cpu.weights.length; i++) {
      // training moved every weight tensor, so equality below is not the starting point twice
      const moved = cpu.weights[i].reduce((m, v, j) => Math.max(m, Math.abs(v - cpu.start[i][j])), 0);
      expect(moved, `weight ${i} moved on cpu`).toBeGreaterThan(1e-3);
      expectClose(gpu.weights[i], cpu.weights[i], `weight ${i} after fit`, 1e-4);
    }
  });

  it('the guard itself catches a synchronous read (so the count above can fail)', async () => {
    await setBackend('webgpu');
    const t = tensor([1, 2, 3]);
    const guard = refuseSyncReads();
    try {
      expect(() => t.dataSync()).toThrow(/synchronous read/);
      expect(guard.count()).toBe(1);
    } finally {
      guard.restore();
      t.dispose();
    }
  });
});
