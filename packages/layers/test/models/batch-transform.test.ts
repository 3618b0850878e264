import { type Batch, ConfigError, numTensors, ops, ShapeError, setSeed, tensor2d, tidy } from '@convkit/core';
import { Dense, Sequential } from '@convkit/layers';
import { SGD } from '@convkit/optim';
import { describe, expect, it } from 'vitest';

function linearModel(): Sequential {
  setSeed(3);
  const model = new Sequential({ layers: [new Dense({ units: 1, inputShape: [2], kernelInitializer: 'zeros' })] });
  model.compile({ optimizer: new SGD({ learningRate: 0.1 }), loss: 'mse' });
  return model;
}

describe('fit({ batchTransform })', () => {
  it('trains on the transformed batch, tells the epoch and step, and frees what it returned', async () => {
    const x = tensor2d([
      [1, 0],
      [0, 1],
      [1, 1],
      [0, 0],
    ]);
    const y = tensor2d([[1], [2], [3], [0]]);
    const before = numTensors();
    const calls: Array<{ epoch: number; step: number; rows: number }> = [];
    // Doubling the targets: the fitted weights approach the doubled solution (2, 4).
    const model = linearModel();
    const weightsBefore = numTensors();
    await model.fit(x, y, {
      epochs: 150,
      batchSize: 2,
      shuffle: false,
      batchTransform: (batch: Batch, info) => {
        if (info.epoch < 1) calls.push({ ...info, rows: batch.xs.shape[0] });
        return { xs: batch.xs, ys: tidy(() => ops.mul(batch.ys, 2)) };
      },
    });
    expect(numTensors()).toBe(weightsBefore);
    expect(calls).toEqual([
      { epoch: 0, step: 0, rows: 2 },
      { epoch: 0, step: 1, rows: 2 },
    ]);
    const kernel = Array.from(await model.weights[0].variable.data());
    expect(kernel[0]).toBeCloseTo(2, 1);
    expect(kernel[1]).toBeCloseTo(4, 1);
    model.dispose();
    expect(numTensors()).toBe(before);
    x.dispose();
    y.dispose();
  });

  it('refuses a transform that is not a function, or returns a wrong shape, leaking nothing', async () => {
    const x = tensor2d([
      [1, 0],
      [0, 1],
    ]);
    const y = tensor2d([[1], [2]]);
    const model = linearModel();
    const before = numTensors();
    await expect(model.fit(x, y, { batchTransform: 3 as never })).rejects.toThrow(ConfigError);
    await expect(
      model.fit(x, y, { batchTransform: (b) => ({ xs: tidy(() => ops.concat([b.xs, b.xs], 1)), ys: b.ys }) }),
    ).rejects.toThrow(ShapeError);
    await expect(model.fit(x, y, { batchTransform: () => 'nope' as never })).rejects.toThrow(/must return a batch/);
    await expect(
      model.fit(x, y, {
        batchTransform: () => {
          throw new Error('transform failed');
        },
      }),
    ).rejects.toThrow('transform failed');
    expect(numTensors()).toBe(before);
    model.dispose();
    x.dispose();
    y.dispose();
  });
});
