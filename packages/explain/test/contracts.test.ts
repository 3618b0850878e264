/**
 * What every method promises besides its numbers: no tensor leaked (success
 * and failure), the caller owns the result, typed errors that name the
 * method, the model and the shapes, and valid `logits` handling.
 */
import {
  ConfigError,
  DataFormatError,
  dispose,
  numTensors,
  ops,
  ShapeError,
  setSeed,
  type Tensor,
} from '@convkit/core';
import { Dense, Flatten, Sequential } from '@convkit/layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { gradCam, gradientTimesInput, integratedGradients, occlusion, saliency, smoothGrad } from '../src/index';
import { smoothNet, uniformImages } from './helpers';

type Method = (m: Sequential, x: Tensor, o?: Record<string, unknown>) => Promise<Tensor>;
const METHODS: [string, Method][] = [
  ['saliency', saliency as Method],
  ['gradientTimesInput', gradientTimesInput as Method],
  ['smoothGrad', (m, x, o) => smoothGrad(m, x, { samples: 3, batchSize: 2, ...o })],
  ['integratedGradients', (m, x, o) => integratedGradients(m, x, { steps: 5, batchSize: 2, ...o })],
  ['gradCam', gradCam as Method],
  ['occlusion', (m, x, o) => occlusion(m, x, { window: 2, batchSize: 5, ...o })],
];

describe('every method', () => {
  let model: Sequential;
  beforeAll(() => {
    setSeed(4);
    model = smoothNet([6, 6, 2], 3);
  });

  it('returns a [N, H, W] map the caller owns and leaks no tensor', async () => {
    const images = uniformImages([3, 6, 6, 2], 1);
    for (const [name, run] of METHODS) {
      for (const options of [{}, { target: [0, 1, 2] }, { score: 'output' }]) {
        const before = numTensors();
        const map = await run(model, images, options);
        expect(map.shape, name).toEqual([3, 6, 6]);
        expect(numTensors() - before, name).toBe(1);
        expect(Array.from(await map.data()).every(Number.isFinite), name).toBe(true);
        map.dispose();
        expect(numTensors(), name).toBe(before);
      }
    }
    images.dispose();
  });

  it('refuses a wrong rank, a wrong shape, a non-float batch and bad targets, with typed errors and no leak', async () => {
    const single = uniformImages([6, 6, 2], 2);
    const wrongSize = uniformImages([2, 5, 6, 2], 2);
    const ints = ops.cast(uniformImages([2, 6, 6, 2], 2), 'int32');
    const images = uniformImages([2, 6, 6, 2], 3);
    const before = numTensors();
    for (const [name, run] of METHODS) {
      const rank = await run(model, single).catch((e) => e);
      expect(rank, name).toBeInstanceOf(ShapeError);
      expect(rank.message, name).toMatch(
        new RegExp(
          `^${name}: images must be a batch of shape \\[N, H, W, C\\]; received a rank-3 tensor of shape \\[6, 6, 2\\] \\(add the batch dimension`,
        ),
      );
      const shape = await run(model, wrongSize).catch((e) => e);
      expect(shape, name).toBeInstanceOf(ShapeError);
      expect(shape.message, name).toMatch(/takes inputs of shape \[null, 6, 6, 2\]; images have shape \[2, 5, 6, 2\]/);
      await expect(run(model, ints), name).rejects.toBeInstanceOf(DataFormatError);
      await expect(run(model, images, { target: 3 }), name).rejects.toThrow(
        /target 3 \(image 0\) is not a class of the model; classes are 0 … 2/,
      );
      await expect(run(model, images, { target: [0] }), name).rejects.toThrow(/target lists 1 classes for 2 images/);
      await expect(run(model, images, { score: 'prob' }), name).rejects.toBeInstanceOf(ConfigError);
    }
    expect(numTensors()).toBe(before);
    dispose([single, wrongSize, ints, images]);
  });

  it("explains the logits of a softmax head by default, and refuses score 'logit' without one", async () => {
    const images = uniformImages([2, 6, 6, 2], 5);
    const logitMap = await saliency(model, images, { target: 0, channels: 'sum' });
    const outputMap = await saliency(model, images, { target: 0, channels: 'sum', score: 'output' });
    const [a, b] = await Promise.all([logitMap.data(), outputMap.data()]);
    expect(Array.from(a).some((v, i) => Math.abs(v - b[i]) > 1e-4)).toBe(true);
    const linear = new Sequential({ layers: [new Flatten({ inputShape: [6, 6, 2] }), new Dense({ units: 3 })] });
    await expect(saliency(linear, images, { score: 'logit' })).rejects.toThrow(
      /score 'logit' needs a model whose output layer has a softmax activation; .*'linear' \(use score: 'output'\)/,
    );
    // A linear model's gradient × input with a zero bias sums to its output exactly.
    const map = await gradientTimesInput(linear, images, { target: 1 });
    const out = linear.predict(images);
    const [m, o] = await Promise.all([map.data(), out.data()]);
    for (let i = 0; i < 2; i++) {
      const sum = m.slice(i * 36, (i + 1) * 36).reduce((x, y) => x + y, 0);
      expect(sum).toBeCloseTo(o[i * 3 + 1], 4);
    }
    out.dispose();
    dispose([logitMap, outputMap, map, images]);
    linear.dispose();
  });

  it('rejects bad numeric options naming them', async () => {
    const images = uniformImages([1, 6, 6, 2], 5);
    await expect(integratedGradients(model, images, { steps: 0 })).rejects.toThrow(
      /steps must be a positive integer; got 0/,
    );
    await expect(smoothGrad(model, images, { noiseLevel: -1 })).rejects.toThrow(/noiseLevel must be ≥ 0/);
    await expect(occlusion(model, images, { window: 7 })).rejects.toThrow(
      /window 7×7 is larger than the images \(6×6\)/,
    );
    await expect(saliency(model, images, { channels: 'max' as never })).rejects.toThrow(
      /unknown channel reduction 'max'; known: sum, maxAbs, sumAbs, l2/,
    );
    images.dispose();
  });
});
