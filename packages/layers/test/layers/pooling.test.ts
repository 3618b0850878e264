import { ConfigError, numTensors, ShapeError } from '@convkit/core';
import { describe, expect, it } from 'vitest';
import { AvgPool2D, GlobalAvgPool2D, GlobalMaxPool2D, MaxPool2D } from '../../src/layers/index';
import { checkGradients, distinctArray, expectClose, inputVar, naivePool, randomArray, t } from './helpers';

const ramp16 = Array.from({ length: 16 }, (_, i) => i + 1);

describe('MaxPool2D / AvgPool2D', () => {
  it('hand-computed 4×4 examples', () => {
    const x = t(ramp16, [1, 4, 4, 1]);
    const max = new MaxPool2D();
    const y = max.apply(x);
    expect(y.shape).toEqual([1, 2, 2, 1]);
    expect(Array.from(y.dataSync())).toEqual([6, 8, 14, 16]);
    const avg = new AvgPool2D({ poolSize: 3, strides: 2, padding: 'same' });
    const z = avg.apply(x);
    // pad_total = 1, pad_before = 0; averages count only real elements.
    expect(Array.from(z.dataSync())).toEqual([6, 7.5, 12, 13.5]);
    for (const a of [x, y, z]) a.dispose();
  });

  const configs = [
    { poolSize: 2, strides: 2, padding: 'valid' },
    { poolSize: 2, strides: 2, padding: 'same' },
    { poolSize: 3, strides: 1, padding: 'same' },
    { poolSize: 3, strides: 2, padding: 'valid' },
    { poolSize: [2, 3], strides: [1, 2], padding: 'same' },
    { poolSize: 2, strides: 3, padding: 'same' },
  ] as const;

  it.each(configs)('match a naive reference: %o', (cfg) => {
    const xs = [2, 5, 7, 3];
    const xv = randomArray(2 * 5 * 7 * 3, 13);
    const x = t(xv, xs);
    const pair = (v: number | readonly number[]) => (typeof v === 'number' ? [v, v] : [...v]) as [number, number];
    for (const [Cls, kind] of [
      [MaxPool2D, 'max'],
      [AvgPool2D, 'avg'],
    ] as const) {
      const layer = new Cls({ poolSize: cfg.poolSize as never, strides: cfg.strides as never, padding: cfg.padding });
      const y = layer.apply(x);
      const ref = naivePool(xv, xs, pair(cfg.poolSize), pair(cfg.strides), cfg.padding, kind);
      expect(y.shape).toEqual(ref.shape);
      expect(layer.computeOutputShape([null, 5, 7, 3])).toEqual([null, ...ref.shape.slice(1)]);
      expectClose(y.dataSync(), ref.data, 1e-5);
      y.dispose();
    }
    x.dispose();
  });

  it('strides default to poolSize', () => {
    expect(new MaxPool2D({ poolSize: 3 }).strides).toEqual([3, 3]);
    expect(new AvgPool2D().poolSize).toEqual([2, 2]);
  });

  it.each([
    { poolSize: 2, strides: 2, padding: 'valid' },
    { poolSize: 3, strides: 2, padding: 'same' },
    { poolSize: 2, strides: 1, padding: 'same' },
  ] as const)('gradients: %o', (cfg) => {
    const x = inputVar(distinctArray(1 * 5 * 5 * 2, 3), [1, 5, 5, 2]);
    for (const layer of [new MaxPool2D(cfg), new AvgPool2D(cfg)]) {
      checkGradients(() => layer.apply(x), [x]);
    }
    x.dispose();
  });

  it('errors', () => {
    const p = new MaxPool2D({ name: 'pool_e', poolSize: 3 });
    expect(() => p.computeOutputShape([1, 4, 4])).toThrow(ShapeError);
    expect(() => p.computeOutputShape([1, 4, 4])).toThrow(
      'MaxPool2D layer "pool_e" expects a 4-D input [batch, height, width, channels], received [1, 4, 4]',
    );
    expect(() => p.computeOutputShape([1, 2, 2, 1])).toThrow(ShapeError);
    expect(() => new AvgPool2D({ poolSize: 0 })).toThrow(ConfigError);
    expect(() => new AvgPool2D({ padding: 'full' as never })).toThrow(ConfigError);
    expect(() => new MaxPool2D({ strides: [1, 2, 3] as never })).toThrow(ConfigError);
  });
});

describe('global pooling', () => {
  it('mean / max over H and W', () => {
    const xv = randomArray(2 * 3 * 4 * 5, 2);
    const x = t(xv, [2, 3, 4, 5]);
    const avg = new GlobalAvgPool2D();
    const max = new GlobalMaxPool2D({ keepDims: true });
    const a = avg.apply(x);
    const m = max.apply(x);
    expect(a.shape).toEqual([2, 5]);
    expect(m.shape).toEqual([2, 1, 1, 5]);
    expect(avg.computeOutputShape([null, 3, 4, 5])).toEqual([null, 5]);
    expect(max.computeOutputShape([null, 3, 4, 5])).toEqual([null, 1, 1, 5]);
    const refA = new Float64Array(10);
    const refM = new Float64Array(10).fill(Number.NEGATIVE_INFINITY);
    for (let b = 0; b < 2; b++)
      for (let i = 0; i < 12; i++)
        for (let c = 0; c < 5; c++) {
          const v = xv[(b * 12 + i) * 5 + c];
          refA[b * 5 + c] += v / 12;
          refM[b * 5 + c] = Math.max(refM[b * 5 + c], v);
        }
    expectClose(a.dataSync(), refA, 1e-5);
    expectClose(m.dataSync(), refM, 1e-6);
    expect(() => avg.apply(t([1, 2], [1, 2]))).toThrow(ShapeError);
    for (const z of [x, a, m]) z.dispose();
  });

  it('gradients', () => {
    const x = inputVar(distinctArray(2 * 3 * 3 * 2, 5), [2, 3, 3, 2]);
    checkGradients(() => new GlobalAvgPool2D().apply(x), [x]);
    const gm = new GlobalMaxPool2D();
    checkGradients(() => gm.apply(x), [x]);
    x.dispose();
  });

  it('pooling layers leak no tensors', () => {
    const x = t(randomArray(2 * 4 * 4 * 2, 1), [2, 4, 4, 2]);
    for (const layer of [
      new MaxPool2D(),
      new AvgPool2D({ padding: 'same', poolSize: 3 }),
      new GlobalAvgPool2D(),
      new GlobalMaxPool2D(),
    ]) {
      layer.apply(x).dispose();
      const before = numTensors();
      for (let i = 0; i < 3; i++) layer.apply(x).dispose();
      expect(numTensors()).toBe(before);
    }
    x.dispose();
  });
});
