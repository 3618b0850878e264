import { quantizeModel } from '@convkit/compress';
import { ConfigError, rngFrom, type Tensor } from '@convkit/core';
import {
  BatchNormalization,
  Conv2D,
  Dense,
  DepthwiseConv2D,
  Flatten,
  MaxPool2D,
  SeparableConv2D,
  Sequential,
} from '@convkit/layers';
import { describe, expect, it } from 'vitest';
import { exportOnnx, UnsupportedLayerError } from '../src/index';
import { maxAbsDiff, numTensors, randomImages, randomizeWeights, runOnnx } from './helpers';

function net(): Sequential {
  return new Sequential({
    layers: [
      new Conv2D({ filters: 16, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [9, 8, 2] }),
      new BatchNormalization(),
      new DepthwiseConv2D({ kernelSize: 3, depthMultiplier: 2 }),
      new SeparableConv2D({ filters: 16, kernelSize: 2, activation: 'relu' }),
      new MaxPool2D({ poolSize: 2 }),
      new Flatten(),
      new Dense({ units: 32, activation: 'relu' }),
      new Dense({ units: 3 }),
    ],
  });
}

describe('exportOnnx of int8 models (QuantizeLinear / DequantizeLinear)', () => {
  it('runs in ONNX Runtime like the quantized convkit model, and stores int8 codes', async () => {
    const model = net();
    randomizeWeights(model, 11);
    const shape: [number, number, number, number] = [4, 9, 8, 2];
    const calib = randomImages(rngFrom(12), [32, 9, 8, 2]);
    const q = await quantizeModel(model, { calibrationData: calib.t });
    calib.t.dispose();
    expect(Object.keys(q.spec.activations).length).toBeGreaterThan(0);

    const before = numTensors();
    const bytes = await exportOnnx(q.model, { quantization: q.spec });
    expect(numTensors()).toBe(before);
    const { t: x, data } = randomImages(rngFrom(13), shape);
    const y = q.model.predict(x) as Tensor;
    const expected = (await y.data()) as Float32Array;
    // As written (no graph rewrites), ONNX Runtime computes exactly what convkit simulates.
    const got = await runOnnx(bytes, data, shape, undefined, { graphOptimizationLevel: 'disabled' });
    expect(maxAbsDiff(got.data, expected)).toBeLessThan(1e-4);
    // With its default optimisations it fuses the QDQ pairs into integer kernels (QLinearConv, ...),
    // which round intermediate sums differently: the same result to within a few activation levels.
    const fused = await runOnnx(bytes, data, shape);
    const range = expected.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(maxAbsDiff(fused.data, expected)).toBeLessThan(0.05 * range);

    // Without the spec's activation steps the outputs differ (the QDQ nodes matter), and the
    // float file is larger (its kernels are 4 bytes a weight, not 1).
    q.model.layers.forEach((l) => {
      l.outputTransform = undefined;
    });
    const floatBytes = await exportOnnx(q.model);
    const plain = await runOnnx(floatBytes, data, shape);
    expect(maxAbsDiff(plain.data, expected)).toBeGreaterThan(1e-3);
    const kernelParams = q.model.layers
      .flatMap((l) => l.weights)
      .filter((w) => /kernel$/.test(w.name))
      .reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
    expect(floatBytes.length - bytes.length).toBeGreaterThan(kernelParams * 2);

    x.dispose();
    y.dispose();
    q.model.dispose();
    model.dispose();
  });

  it('refuses an output transform without a spec, and weights off the spec grid', async () => {
    const model = net();
    randomizeWeights(model, 21);
    const calib = randomImages(rngFrom(22), [8, 9, 8, 2]);
    const q = await quantizeModel(model, { calibrationData: calib.t });
    calib.t.dispose();
    await expect(exportOnnx(q.model)).rejects.toThrow(UnsupportedLayerError);
    // The float model's kernels are not codes × scales.
    await expect(exportOnnx(model, { quantization: { weights: q.spec.weights, activations: {} } })).rejects.toThrow(
      /not on the grid/,
    );
    await expect(
      exportOnnx(model, { quantization: { weights: {}, activations: { x: { scale: 0, zeroPoint: 0 } } } as never }),
    ).rejects.toThrow(ConfigError);
    q.model.dispose();
    model.dispose();
  });
});
