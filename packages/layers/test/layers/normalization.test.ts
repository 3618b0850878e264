/**
 * Normalization: Keras's `(x − mean) / max(√variance, 1e-7)` per feature,
 * checked against hand-computed values and a plain-JS reference of `adapt`
 * (population mean and variance over every axis but the last), `invert`,
 * serialisation, typed errors for bad options and shapes, no leaked tensors.
 */
import { ConfigError, numTensors, ShapeError, type Tensor, tensor } from '@convkit/core';
import { describe, expect, it } from 'vitest';
import { deserializeLayer, Normalization, Sequential, serializeLayer } from '../../src/index';
import { randomArray } from './helpers';

/** Applies `layer` to a new tensor of `data`, returns the values and frees both tensors. */
async function run(layer: Normalization, data: number[], shape: number[]): Promise<number[]> {
  const x = tensor(data, shape);
  const y = layer.apply(x) as Tensor;
  const v = Array.from(await y.data());
  x.dispose();
  y.dispose();
  return v;
}

describe('Normalization', () => {
  it('normalises with given statistics, per feature or one for all, and inverts (hand-computed)', async () => {
    const before = numTensors();
    const x = [1, 10, 3, 30];
    expect(await run(new Normalization({ mean: [2, 20], variance: [1, 100] }), x, [2, 2])).toEqual([-1, -1, 1, 1]);
    expect(await run(new Normalization({ mean: 1, variance: 4 }), x, [2, 2])).toEqual([0, 4.5, 1, 14.5]);
    const back = new Normalization({ mean: [2, 20], variance: [1, 100], invert: true });
    expect(await run(back, [-1, -1, 1, 1], [2, 2])).toEqual(x);
    // A zero variance divides by 1e-7, as Keras does, rather than by zero.
    const [scaled] = await run(new Normalization({ mean: 0, variance: 0 }), [1e-7], [1, 1]);
    expect(scaled).toBeCloseTo(1, 5);
    expect(numTensors()).toBe(before);
  });

  it('adapt() sets the per-channel population mean and variance of images (plain-JS reference)', async () => {
    const [n, h, w, c] = [3, 4, 5, 3];
    const data = Array.from(randomArray(n * h * w * c, 7, 2), (v, i) => v * (1 + (i % c)) + (i % c) * 3);
    const mean = new Array(c).fill(0);
    const sq = new Array(c).fill(0);
    data.forEach((v, i) => {
      mean[i % c] += v / (n * h * w);
    });
    data.forEach((v, i) => {
      sq[i % c] += (v - mean[i % c]) ** 2 / (n * h * w);
    });
    const layer = new Normalization();
    const x = tensor(data, [n, h, w, c]);
    const before = numTensors();
    layer.adapt(x);
    expect(numTensors()).toBe(before + 2); // the mean and variance weights, nothing else
    const [m, v] = layer.getWeights();
    const got = [Array.from(await m.data()), Array.from(await v.data())];
    m.dispose();
    v.dispose();
    got[0].forEach((g, i) => expect(g).toBeCloseTo(mean[i], 4));
    got[1].forEach((g, i) => expect(g).toBeCloseTo(sq[i], 3));
    expect(layer.weights.every((wt) => !wt.trainable)).toBe(true);
    const y = layer.apply(x) as Tensor;
    const out = Array.from(await y.data());
    out.forEach((o, i) => expect(o).toBeCloseTo((data[i] - mean[i % c]) / Math.sqrt(sq[i % c]), 3));
    y.dispose();
    x.dispose();
    layer.dispose();
  });

  it('serialises: given statistics in the config, adapted ones as weights of a saved model', async () => {
    const fixed = new Normalization({ name: 'n', mean: [1, 2], variance: [3, 4], invert: true });
    const s = serializeLayer(fixed);
    expect(s.config).toMatchObject({ name: 'n', axis: -1, invert: true, mean: [1, 2], variance: [3, 4] });
    const copy = deserializeLayer(s) as Normalization;
    expect([copy.mean, copy.variance, copy.invert]).toEqual([[1, 2], [3, 4], true]);
    const model = new Sequential({ layers: [new Normalization({ inputShape: [2] })] });
    expect(model.weights.map((w) => w.name)).toEqual([
      expect.stringMatching(/\/mean$/),
      expect.stringMatching(/\/variance$/),
    ]);
    expect(model.countParams()).toBe(4);
    expect(serializeLayer(model.layers[0]).config).not.toHaveProperty('mean');
    model.dispose();
  });

  it('refuses bad options and shapes with typed errors naming them', () => {
    expect(() => new Normalization({ mean: [1, 2] })).toThrow(ConfigError);
    expect(() => new Normalization({ mean: [1, 2] })).toThrow(/give both mean and variance, or neither/);
    expect(() => new Normalization({ mean: 0, variance: -1 })).toThrow(
      /variance must be a number or a list of non-negative/,
    );
    expect(() => new Normalization({ mean: [Number.NaN], variance: [1] })).toThrow(/mean must be/);
    expect(() => new Normalization({ mean: [1, 2], variance: [1] })).toThrow(/mean has 2 values and variance 1/);
    expect(() => new Normalization({ axis: 1 })).toThrow(/axis 1 is not supported/);
    expect(() => new Normalization({ invert: 'yes' as unknown as boolean })).toThrow(ConfigError);
    const three = new Normalization({ mean: [1, 2, 3], variance: [1, 1, 1] });
    const x = tensor([1, 2, 3, 4], [2, 2]);
    expect(() => three.apply(x)).toThrow(ShapeError);
    expect(() => three.apply(x)).toThrow(/mean has 3 values but the input \[2, 2\] has 2 features/);
    expect(() => three.adapt(x)).toThrow(/adapt\(\) applies only without them/);
    x.dispose();
  });
});
