import { ConfigError, numTensors, ops, ShapeError, setSeed, type Tensor } from '@convkit/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { Conv2D, DepthwiseConv2D, SeparableConv2D } from '../../src/layers/index';
import { checkGradients, expectClose, inputVar, naiveConv2d, naiveDepthwise, randomArray, t } from './helpers';

const ramp16 = Array.from({ length: 16 }, (_, i) => i + 1);

function run(layer: { apply(x: Tensor): Tensor }, x: Tensor): { data: Float32Array; shape: number[] } {
  const y = layer.apply(x);
  const out = { data: y.dataSync() as Float32Array, shape: y.shape };
  y.dispose();
  return out;
}

beforeEach(() => setSeed(1));

describe('Conv2D forward', () => {
  it('computes a 4×4 input with a 2×2 ones kernel, valid and same (TF pads after for even kernels)', () => {
    const x = t(ramp16, [1, 4, 4, 1]);
    const valid = new Conv2D({ filters: 1, kernelSize: 2, kernelInitializer: 'ones' });
    const same = new Conv2D({ filters: 1, kernelSize: 2, padding: 'same', kernelInitializer: 'ones' });
    const v = run(valid, x);
    expect(v.shape).toEqual([1, 3, 3, 1]);
    expect(Array.from(v.data)).toEqual([14, 18, 22, 30, 34, 38, 46, 50, 54]);
    const s = run(same, x);
    expect(s.shape).toEqual([1, 4, 4, 1]);
    // pad_total = 1, pad_before = 0: the extra zero row/column is at the bottom/right.
    expect(Array.from(s.data)).toEqual([14, 18, 22, 12, 30, 34, 38, 20, 46, 50, 54, 28, 27, 29, 31, 16]);
    for (const l of [valid, same]) l.dispose();
    x.dispose();
  });

  it('computes stride 2, 3×3 kernel, same padding by hand', () => {
    const x = t(ramp16, [1, 4, 4, 1]);
    const conv = new Conv2D({ filters: 1, kernelSize: 3, strides: 2, padding: 'same', kernelInitializer: 'ones' });
    const y = run(conv, x);
    expect(y.shape).toEqual([1, 2, 2, 1]);
    expect(Array.from(y.data)).toEqual([54, 45, 72, 54]);
    conv.dispose();
    x.dispose();
  });

  it('adds the bias and applies the activation', () => {
    const x = t(ramp16, [1, 4, 4, 1]);
    const conv = new Conv2D({
      filters: 2,
      kernelSize: 1,
      activation: 'relu',
      kernelInitializer: { className: 'Constant', config: { value: -1 } },
      biasInitializer: { className: 'Constant', config: { value: 5 } },
    });
    const y = run(conv, x);
    expect(Array.from(y.data.slice(0, 12))).toEqual([4, 4, 3, 3, 2, 2, 1, 1, 0, 0, 0, 0]);
    conv.dispose();
    x.dispose();
  });

  const configs = [
    { kernelSize: 3, strides: 1, padding: 'valid', dilationRate: 1 },
    { kernelSize: 3, strides: 1, padding: 'same', dilationRate: 1 },
    { kernelSize: 2, strides: 2, padding: 'same', dilationRate: 1 },
    { kernelSize: [2, 3], strides: [2, 1], padding: 'same', dilationRate: 1 },
    { kernelSize: 4, strides: 3, padding: 'same', dilationRate: 1 },
    { kernelSize: 3, strides: 2, padding: 'valid', dilationRate: 1 },
    { kernelSize: 3, strides: 1, padding: 'same', dilationRate: 2 },
    { kernelSize: 2, strides: 1, padding: 'valid', dilationRate: [2, 3] },
    { kernelSize: 3, strides: 2, padding: 'same', dilationRate: 2 },
  ] as const;

  it.each(configs)('matches a naive Float64 reference: %o', (cfg) => {
    const xs = [2, 7, 8, 3];
    const xv = randomArray(2 * 7 * 8 * 3, 11);
    const x = t(xv, xs);
    const conv = new Conv2D({
      filters: 4,
      kernelSize: cfg.kernelSize as number | [number, number],
      strides: cfg.strides as number | [number, number],
      padding: cfg.padding,
      dilationRate: cfg.dilationRate as number | [number, number],
      biasInitializer: 'randomNormal',
    });
    const y = run(conv, x);
    const [k, b] = conv.getWeights();
    const kd = k.dataSync();
    const bd = b.dataSync();
    const pair = (v: number | readonly number[]) => (typeof v === 'number' ? [v, v] : [...v]) as [number, number];
    const ref = naiveConv2d(xv, xs, kd, k.shape, {
      strides: pair(cfg.strides),
      dilation: pair(cfg.dilationRate),
      padding: cfg.padding,
    });
    for (let i = 0; i < ref.data.length; i++) ref.data[i] += bd[i % 4];
    expect(y.shape).toEqual(ref.shape);
    expect(conv.computeOutputShape([null, 7, 8, 3])).toEqual([null, ...ref.shape.slice(1)]);
    expectClose(y.data, ref.data, 1e-5);
    for (const w of [k, b, x]) w.dispose();
    conv.dispose();
  });
});

describe('Conv2D gradients (finite differences)', () => {
  const cases = [
    { strides: 1, padding: 'valid', dilationRate: 1 },
    { strides: 2, padding: 'same', dilationRate: 1 },
    { strides: 1, padding: 'same', dilationRate: 2 },
    { strides: 2, padding: 'valid', dilationRate: [1, 2] },
  ] as const;
  it.each(cases)('input, kernel and bias: %o', (cfg) => {
    const x = inputVar(randomArray(1 * 5 * 6 * 2, 3), [1, 5, 6, 2]);
    const conv = new Conv2D({
      filters: 3,
      kernelSize: 2,
      strides: cfg.strides,
      padding: cfg.padding,
      dilationRate: cfg.dilationRate as number | [number, number],
      activation: 'tanh',
      biasInitializer: 'randomNormal',
    });
    conv.apply(x).dispose();
    checkGradients(() => conv.apply(x), [x, ...conv.trainableWeights.map((w) => w.variable)]);
    conv.dispose();
    x.dispose();
  });
});

describe('Conv2D fused path (conv + bias + relu/linear as one kernel)', () => {
  it.each(['linear', 'relu'] as const)(
    '%s: gradients by finite differences and values against the unfused ops',
    (act) => {
      const x = inputVar(randomArray(2 * 5 * 6 * 2, 5), [2, 5, 6, 2]);
      const conv = new Conv2D({
        filters: 3,
        kernelSize: 3,
        padding: 'same',
        activation: act,
        biasInitializer: 'randomNormal',
      });
      const y = conv.apply(x);
      const [k, b] = conv.getWeights();
      const ref = ops.conv2d(x as never, k as never, 1, 'same');
      const withBias = ops.add(ref, b);
      const expected = act === 'relu' ? ops.relu(withBias) : withBias;
      expectClose(y.dataSync() as Float32Array, expected.dataSync() as Float32Array, 1e-6);
      for (const tt of [y, k, b, ref, withBias, expected]) if (!tt.isDisposed) tt.dispose();
      // A smaller step for relu keeps the finite differences off its kink.
      checkGradients(() => conv.apply(x), [x, ...conv.trainableWeights.map((w) => w.variable)], {
        eps: act === 'relu' ? 1e-3 : 1e-2,
      });
      conv.dispose();
      x.dispose();
    },
  );
});

describe('DepthwiseConv2D', () => {
  const configs = [
    { kernelSize: 3, depthMultiplier: 1, strides: 1, padding: 'valid', dilationRate: 1 },
    { kernelSize: 3, depthMultiplier: 2, strides: 2, padding: 'same', dilationRate: 1 },
    { kernelSize: 2, depthMultiplier: 3, strides: 1, padding: 'same', dilationRate: 2 },
    { kernelSize: [3, 2], depthMultiplier: 2, strides: [1, 2], padding: 'valid', dilationRate: 1 },
  ] as const;

  it.each(configs)('matches a naive reference: %o', (cfg) => {
    const xs = [2, 6, 7, 3];
    const xv = randomArray(2 * 6 * 7 * 3, 5);
    const x = t(xv, xs);
    const layer = new DepthwiseConv2D({
      kernelSize: cfg.kernelSize as number | [number, number],
      depthMultiplier: cfg.depthMultiplier,
      strides: cfg.strides as number | [number, number],
      padding: cfg.padding,
      dilationRate: cfg.dilationRate,
      biasInitializer: 'randomNormal',
    });
    const y = run(layer, x);
    const [k, b] = layer.getWeights();
    const ks = typeof cfg.kernelSize === 'number' ? [cfg.kernelSize, cfg.kernelSize] : cfg.kernelSize;
    expect(k.shape).toEqual([...ks, 3, cfg.depthMultiplier]);
    const pair = (v: number | readonly number[]) => (typeof v === 'number' ? [v, v] : [...v]) as [number, number];
    const ref = naiveDepthwise(xv, xs, k.dataSync(), k.shape, {
      strides: pair(cfg.strides),
      dilation: pair(cfg.dilationRate),
      padding: cfg.padding,
    });
    const bd = b.dataSync();
    const co = 3 * cfg.depthMultiplier;
    for (let i = 0; i < ref.data.length; i++) ref.data[i] += bd[i % co];
    expect(y.shape).toEqual(ref.shape);
    expect(layer.computeOutputShape(xs)).toEqual(ref.shape);
    expectClose(y.data, ref.data, 1e-5);
    for (const w of [k, b, x]) w.dispose();
    layer.dispose();
  });

  it.each([
    { strides: 1, dilationRate: 1, padding: 'same' },
    { strides: 2, dilationRate: 1, padding: 'valid' },
    { strides: 1, dilationRate: 2, padding: 'same' },
  ] as const)('gradients: %o', (cfg) => {
    const x = inputVar(randomArray(1 * 5 * 5 * 2, 8), [1, 5, 5, 2]);
    const layer = new DepthwiseConv2D({ kernelSize: 2, depthMultiplier: 2, ...cfg, biasInitializer: 'randomNormal' });
    layer.apply(x).dispose();
    checkGradients(() => layer.apply(x), [x, ...layer.trainableWeights.map((w) => w.variable)]);
    layer.dispose();
    x.dispose();
  });
});

describe('SeparableConv2D', () => {
  it('equals depthwise then pointwise reference', () => {
    const xs = [1, 6, 6, 2];
    const xv = randomArray(72, 21);
    const x = t(xv, xs);
    const layer = new SeparableConv2D({
      filters: 3,
      kernelSize: 3,
      depthMultiplier: 2,
      padding: 'same',
      strides: 2,
      biasInitializer: 'randomUniform',
    });
    const y = run(layer, x);
    const [dw, pw, b] = layer.getWeights();
    expect(dw.shape).toEqual([3, 3, 2, 2]);
    expect(pw.shape).toEqual([1, 1, 4, 3]);
    const mid = naiveDepthwise(xv, xs, dw.dataSync(), dw.shape, { strides: [2, 2], padding: 'same' });
    const ref = naiveConv2d(mid.data, mid.shape, pw.dataSync(), pw.shape);
    const bd = b.dataSync();
    for (let i = 0; i < ref.data.length; i++) ref.data[i] += bd[i % 3];
    expect(y.shape).toEqual([1, 3, 3, 3]);
    expectClose(y.data, ref.data, 1e-5);
    for (const w of [dw, pw, b, x]) w.dispose();
    layer.dispose();
  });

  it('gradients, with dilation', () => {
    const x = inputVar(randomArray(1 * 5 * 5 * 2, 9), [1, 5, 5, 2]);
    const layer = new SeparableConv2D({ filters: 2, kernelSize: 2, dilationRate: 2, padding: 'same' });
    layer.apply(x).dispose();
    checkGradients(() => layer.apply(x), [x, ...layer.trainableWeights.map((w) => w.variable)]);
    layer.dispose();
    x.dispose();
  });
});

describe('convolution shapes and errors', () => {
  it('computeOutputShape agrees with the real output across many configurations', () => {
    for (const padding of ['valid', 'same'] as const)
      for (const k of [1, 2, 3])
        for (const s of [1, 2, 3])
          for (const d of [1, 2])
            for (const [h, w] of [
              [5, 5],
              [6, 7],
            ]) {
              if (padding === 'valid' && (k - 1) * d + 1 > Math.min(h, w)) continue;
              const x = t(new Float32Array(h * w * 2), [1, h, w, 2]);
              for (const layer of [
                new Conv2D({ filters: 2, kernelSize: k, strides: s, dilationRate: d, padding }),
                new DepthwiseConv2D({ kernelSize: k, strides: s, dilationRate: d, padding, depthMultiplier: 2 }),
                new SeparableConv2D({ filters: 3, kernelSize: k, strides: s, dilationRate: d, padding }),
              ]) {
                const y = layer.apply(x);
                expect(layer.computeOutputShape([1, h, w, 2])).toEqual(y.shape);
                y.dispose();
                layer.dispose();
              }
              x.dispose();
            }
  });

  it('throws ShapeError naming the layer and shapes', () => {
    const conv = new Conv2D({ filters: 2, kernelSize: 3, name: 'conv2d_x' });
    const x3 = t(new Float32Array(4 * 5 * 5), [4, 5, 5]);
    expect(() => conv.apply(x3)).toThrow(ShapeError);
    expect(() => conv.apply(x3)).toThrow(
      'Conv2D layer "conv2d_x" expects a 4-D input [batch, height, width, channels], received [4, 5, 5]',
    );
    const tiny = t(new Float32Array(2 * 2), [1, 2, 2, 1]);
    expect(() => conv.apply(tiny)).toThrow(/conv2d_x.*\[1, 2, 2, 1\]/);
    const ok = t(new Float32Array(25), [1, 5, 5, 1]);
    conv.apply(ok).dispose();
    const wrongChannels = t(new Float32Array(50), [1, 5, 5, 2]);
    expect(() => conv.apply(wrongChannels)).toThrow(ShapeError);
    expect(() => new DepthwiseConv2D({ kernelSize: 2 }).computeOutputShape([1, 4, 4])).toThrow(/DepthwiseConv2D/);
    for (const x of [x3, tiny, ok, wrongChannels]) x.dispose();
    conv.dispose();
  });

  it('throws ConfigError for bad options', () => {
    expect(() => new Conv2D({ filters: 0, kernelSize: 3 })).toThrow(ConfigError);
    expect(() => new Conv2D({ filters: 2.5, kernelSize: 3 })).toThrow(/Conv2D layer .*filters/);
    expect(() => new Conv2D({ filters: 2, kernelSize: [3] as unknown as number })).toThrow(ConfigError);
    expect(() => new Conv2D({ filters: 2, kernelSize: 3, padding: 'causal' as 'same' })).toThrow(ConfigError);
    expect(() => new Conv2D({ filters: 2, kernelSize: 3, strides: 0 })).toThrow(ConfigError);
    expect(() => new Conv2D({ filters: 2, kernelSize: 3, activation: 'nope' })).toThrow(ConfigError);
    expect(() => new Conv2D({ filters: 2, kernelSize: 3, kernelInitializer: 'nope' })).toThrow(ConfigError);
    expect(() => new Conv2D({ filters: 2, kernelSize: 3, kernelRegularizer: 'l3' })).toThrow(ConfigError);
    expect(() => new DepthwiseConv2D({ kernelSize: 3, depthMultiplier: 0 })).toThrow(ConfigError);
    expect(() => new SeparableConv2D({ filters: 2 } as never)).toThrow(/kernelSize/);
  });

  it('does not leak tensors across repeated forward passes', () => {
    const x = t(randomArray(50, 1), [1, 5, 5, 2]);
    for (const layer of [
      new Conv2D({ filters: 2, kernelSize: 3, dilationRate: 2, padding: 'same', activation: 'gelu' }),
      new DepthwiseConv2D({ kernelSize: 2, dilationRate: 2 }),
      new SeparableConv2D({ filters: 2, kernelSize: 2, activation: 'relu' }),
    ]) {
      layer.apply(x).dispose();
      const before = numTensors();
      for (let i = 0; i < 3; i++) layer.apply(x, { training: true }).dispose();
      expect(numTensors()).toBe(before);
      layer.dispose();
    }
    x.dispose();
    expect(ops).toBeDefined();
  });
});
