import { ConfigError, rngFrom, type Tensor } from '@convkit/core';
import {
  Activation,
  Add,
  AvgPool2D,
  BatchNormalization,
  Concatenate,
  Conv2D,
  Dense,
  DepthwiseConv2D,
  Dropout,
  ELU,
  Flatten,
  GlobalAvgPool2D,
  GlobalMaxPool2D,
  Input,
  type LayersModel,
  LeakyReLU,
  MaxPool2D,
  Model,
  Normalization,
  RandomFlip,
  ReLU,
  ReLU6,
  Rescaling,
  Reshape,
  SeparableConv2D,
  Sequential,
  Softmax,
} from '@convkit/layers';
import { describe, expect, it } from 'vitest';
import { exportOnnx, UnsupportedLayerError } from '../src/index';
import { maxAbsDiff, numTensors, randomImages, randomizeWeights, runOnnx } from './helpers';

/** Exports `model`, runs it in ONNX Runtime and compares with `predict` on the same batch; no tensor leaks. */
async function expectSameAsConvkit(model: LayersModel, shape: [number, number, number, number], seed = 1) {
  randomizeWeights(model, seed);
  const { t: x, data } = randomImages(rngFrom(seed + 100), shape);
  const before = numTensors();
  const bytes = await exportOnnx(model);
  expect(numTensors()).toBe(before);
  const y = model.predict(x) as Tensor;
  const expected = (await y.data()) as Float32Array;
  const got = await runOnnx(bytes, data, shape);
  expect([...got.dims]).toEqual(y.shape);
  const diff = maxAbsDiff(got.data, expected);
  expect(diff).toBeLessThan(1e-4);
  // Outputs are not trivially equal (the comparison could fail).
  expect(maxAbsDiff(expected, new Float32Array(expected.length))).toBeGreaterThan(1e-3);
  x.dispose();
  y.dispose();
  model.dispose();
  return { bytes, diff };
}

describe('exportOnnx runs in ONNX Runtime like predict', () => {
  it('reference CNN: Rescaling, Conv (valid/same, strides), MaxPool, AvgPool, Flatten, Dense, Dropout, softmax', async () => {
    // H ≠ W so that a transposed kernel or flatten order shows.
    const model = new Sequential({
      layers: [
        new Rescaling({ scale: 2.5, offset: -0.75, inputShape: [13, 9, 3] }),
        new Conv2D({ filters: 6, kernelSize: 3, activation: 'relu' }),
        new MaxPool2D({ poolSize: 2 }),
        new Conv2D({ filters: 5, kernelSize: [3, 2], strides: 2, padding: 'same', activation: 'tanh' }),
        new AvgPool2D({ poolSize: 2, strides: 1, padding: 'same' }), // 3×2 left: Flatten's order matters
        new Flatten(),
        new Dense({ units: 7, activation: 'sigmoid' }),
        new Dropout({ rate: 0.5 }),
        new Dense({ units: 4, activation: 'softmax' }),
      ],
    });
    await expectSameAsConvkit(model, [3, 13, 9, 3]);
  });

  it('batch norm, Normalization, depthwise (multiplier, dilation with strides), separable, global pooling, activation layers', async () => {
    const model = new Sequential({
      layers: [
        new RandomFlip({ inputShape: [13, 10, 2] }),
        new Normalization(), // adapted statistics (weights) on an NHWC feature map
        new Conv2D({ filters: 4, kernelSize: 3, padding: 'same', dilationRate: 2, useBias: false }),
        new BatchNormalization(),
        new Normalization({ mean: [0.1, -0.2, 0.3, 0], variance: [2, 0.5, 1, 0], invert: true }),
        new ReLU6(),
        new DepthwiseConv2D({ kernelSize: 3, depthMultiplier: 2, strides: 2, dilationRate: 2, padding: 'same' }),
        new BatchNormalization({ center: false }),
        new LeakyReLU({ alpha: 0.1 }),
        new SeparableConv2D({ filters: 6, kernelSize: 3, padding: 'same', activation: 'elu' }),
        new ReLU({ maxValue: 0.4, negativeSlope: 0.05 }),
        new ELU({ alpha: 0.7 }),
        new MaxPool2D({ poolSize: 2, strides: 1, padding: 'same' }),
        new GlobalAvgPool2D(),
        new Dense({ units: 5 }),
        new Normalization({ mean: 0.25, variance: 4 }), // one statistic for every feature, on a 2-D input
        new BatchNormalization({ scale: false }),
        new Activation({ activation: 'swish' }),
        new Dense({ units: 3 }),
        new Softmax(),
      ],
    });
    await expectSameAsConvkit(model, [2, 13, 10, 2], 2);
  });

  it('functional: residual Add, three-way Add, Concatenate on channels and on features', async () => {
    const x0 = Input({ shape: [8, 7, 3] });
    const x = new Rescaling({ scale: 0.5 }).apply(x0); // Mul only
    const a = new Conv2D({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(x);
    const b = new Conv2D({ filters: 4, kernelSize: 1 }).apply(x);
    const c = new DepthwiseConv2D({ kernelSize: 3, padding: 'same', depthMultiplier: 2 }).apply(
      new Conv2D({ filters: 2, kernelSize: 1 }).apply(x),
    );
    const sum = new ReLU().apply(new Add().apply([a, b]));
    const sum3 = new Add().apply([a, b, c]);
    const cat = new Concatenate().apply([sum, sum3, x]);
    const pooled = new GlobalMaxPool2D().apply(cat);
    const flat = new Flatten().apply(new MaxPool2D({ poolSize: 2 }).apply(cat));
    const features = new Concatenate().apply([pooled, new Dense({ units: 5, activation: 'tanh' }).apply(flat)]);
    const out = new Dense({ units: 3, activation: 'softmax' }).apply(features);
    await expectSameAsConvkit(new Model({ inputs: x0, outputs: out }), [3, 8, 7, 3], 3);
  });

  it('feature-map outputs and Dense on a feature map come back in NHWC order; Reshape keeps convkit order', async () => {
    const x = Input({ shape: [6, 5, 2] });
    const conv = new Conv2D({ filters: 3, kernelSize: 3, padding: 'same' }).apply(x);
    const dense = new Dense({ units: 4, activation: 'relu' }).apply(conv); // per-pixel, on the last axis
    const shared = new Dense({ units: 4, activation: 'relu' }); // one layer, called twice
    const reshaped = new Reshape({ targetShape: [5, 6, 4] }).apply(shared.apply(shared.apply(dense)));
    const out = new GlobalAvgPool2D({ keepDims: true }).apply(
      new Conv2D({ filters: 2, kernelSize: 2 }).apply(reshaped),
    );
    const model = new Model({ inputs: x, outputs: new Add().apply([out, out]) });
    await expectSameAsConvkit(model, [2, 6, 5, 2], 4);

    const plain = new Sequential({
      layers: [
        new Conv2D({ filters: 3, kernelSize: 3, strides: 2, padding: 'same', inputShape: [7, 6, 2] }),
        new Softmax(),
      ],
    });
    await expectSameAsConvkit(plain, [2, 7, 6, 2], 5);
  });
});

describe('exportOnnx refuses what it cannot write', () => {
  it('a layer class without an ONNX export, naming it; nothing leaks', async () => {
    class Doubler extends Activation {
      static override readonly className = 'Doubler';
    }
    const model = new Sequential({
      layers: [
        new Conv2D({ filters: 2, kernelSize: 3, inputShape: [5, 5, 1] }),
        new Doubler({ activation: 'relu', name: 'twice' }),
      ],
    });
    const before = numTensors();
    const err = await exportOnnx(model).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnsupportedLayerError);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as UnsupportedLayerError).layerName).toBe('twice');
    expect((err as Error).message).toMatch(/Doubler layer "twice".*supported: .*Conv2D/);
    expect(numTensors()).toBe(before);
    model.dispose();
  });

  it('a custom activation function in a functional model', async () => {
    const x = Input({ shape: [3] });
    const cube = Object.defineProperty((t: Tensor) => t, 'name', { value: 'cube' });
    const y = new Dense({ units: 2, activation: cube as never, name: 'cubed' }).apply(x);
    const model = new Model({ inputs: x, outputs: y });
    await expect(exportOnnx(model)).rejects.toThrow(/Dense layer "cubed".*activation 'cube'/);
    model.dispose();
  });

  it('an activation ONNX opset 13 has no node for, and unsupported options', async () => {
    const gelu = new Sequential({
      layers: [new Dense({ units: 2, activation: 'gelu', inputShape: [3], name: 'head' })],
    });
    await expect(exportOnnx(gelu)).rejects.toThrow(/Dense layer "head".*activation 'gelu'/);
    gelu.dispose();
    const thr = new Sequential({ layers: [new ReLU({ threshold: 0.5, inputShape: [3], name: 'thr' })] });
    await expect(exportOnnx(thr)).rejects.toThrow(/ReLU layer "thr".*threshold 0.5/);
    thr.dispose();
    const bn = new Sequential({ layers: [new BatchNormalization({ axis: 1, inputShape: [4, 4, 2], name: 'bn1' })] });
    await expect(exportOnnx(bn)).rejects.toThrow(UnsupportedLayerError);
    bn.dispose();
    const m = new Sequential({ layers: [new Dense({ units: 2, inputShape: [3] })] });
    await expect(exportOnnx(m, { batchSize: 0 })).rejects.toThrow(/batchSize/);
    await expect(exportOnnx(m, { inputName: 'x', outputName: 'x' })).rejects.toThrow(ConfigError);
    m.dispose();
  });
});

describe('exportOnnx options', () => {
  it('names and a fixed batch size', async () => {
    const model = new Sequential({ layers: [new Dense({ units: 2, inputShape: [3] })] });
    randomizeWeights(model, 9);
    const bytes = await exportOnnx(model, { inputName: 'pixels', outputName: 'scores', batchSize: 2 });
    const data = new Float32Array([1, 2, 3, -1, 0, 0.5]);
    const got = await runOnnx(bytes, data, [2, 3], { input: 'pixels', output: 'scores' });
    // Hand-computed: x · W + b.
    const [w, b] = model.layers[0].getWeights();
    const W = (await w.data()) as Float32Array;
    const B = (await b.data()) as Float32Array;
    w.dispose();
    b.dispose();
    const expected = [0, 1].flatMap((r) =>
      [0, 1].map((u) => B[u] + [0, 1, 2].reduce((s, i) => s + data[r * 3 + i] * W[i * 2 + u], 0)),
    );
    expect(maxAbsDiff(got.data, expected)).toBeLessThan(1e-5);
    await expect(runOnnx(bytes, data.subarray(0, 3), [1, 3], { input: 'pixels', output: 'scores' })).rejects.toThrow();
    model.dispose();
  });
});
