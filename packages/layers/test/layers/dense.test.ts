import { ConfigError, numTensors, ShapeError, setSeed } from '@convkit/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { Dense, Flatten, Reshape } from '../../src/layers/index';
import { checkGradients, expectClose, inputVar, randomArray, t } from './helpers';

beforeEach(() => setSeed(3));

describe('Dense', () => {
  it('computes x·W + b by hand', () => {
    const layer = new Dense({
      units: 2,
      kernelInitializer: 'ones',
      biasInitializer: { className: 'Constant', config: { value: 0.5 } },
    });
    const x = t([1, 2, 3, -1, 0, 4], [2, 3]);
    const y = layer.apply(x);
    expect(y.shape).toEqual([2, 2]);
    expect(Array.from(y.dataSync())).toEqual([6.5, 6.5, 3.5, 3.5]);
    y.dispose();
    x.dispose();
    layer.dispose();
  });

  it('matches a naive reference with activation, and works on rank-3 inputs along the last axis', () => {
    const layer = new Dense({ units: 3, activation: 'sigmoid', biasInitializer: 'randomNormal' });
    const xv = randomArray(2 * 4 * 5, 4);
    const x = t(xv, [2, 4, 5]);
    const y = layer.apply(x);
    expect(y.shape).toEqual([2, 4, 3]);
    expect(layer.computeOutputShape([null, 4, 5])).toEqual([null, 4, 3]);
    const [w, b] = layer.getWeights();
    const wd = w.dataSync();
    const bd = b.dataSync();
    const ref = new Float64Array(24);
    for (let r = 0; r < 8; r++)
      for (let u = 0; u < 3; u++) {
        let acc = bd[u];
        for (let i = 0; i < 5; i++) acc += xv[r * 5 + i] * wd[i * 3 + u];
        ref[r * 3 + u] = 1 / (1 + Math.exp(-acc));
      }
    expectClose(y.dataSync(), ref, 1e-5);
    for (const z of [y, x, w, b]) z.dispose();
    layer.dispose();
  });

  it('gradients w.r.t. input, kernel and bias', () => {
    const layer = new Dense({ units: 3, activation: 'tanh', biasInitializer: 'randomNormal' });
    const x = inputVar(randomArray(8, 5), [2, 4]);
    layer.apply(x).dispose();
    checkGradients(() => layer.apply(x), [x, ...layer.trainableWeights.map((w) => w.variable)]);
    x.dispose();
    layer.dispose();
  });

  it('adds its L2 penalty as a regularisation loss', () => {
    const layer = new Dense({
      units: 2,
      kernelInitializer: 'ones',
      kernelRegularizer: 'l2',
      biasRegularizer: { className: 'L1', config: { l1: 0.5 } },
      biasInitializer: 'ones',
    });
    const x = t([1, 2, 3], [1, 3]);
    layer.apply(x).dispose();
    const losses = layer.regularizationLosses();
    expect(losses.map((l) => l.dataSync()[0])).toEqual([expect.closeTo(0.06, 6), expect.closeTo(1, 6)]);
    for (const l of losses) l.dispose();
    x.dispose();
    layer.dispose();
  });

  it('rejects bad configs and shapes with errors naming the layer', () => {
    expect(() => new Dense({ units: 0 })).toThrow(ConfigError);
    expect(() => new Dense({} as never)).toThrow(/Dense layer .*units/);
    const layer = new Dense({ units: 2, name: 'dense_q' });
    const x1 = t([1, 2, 3], [3]);
    expect(() => layer.apply(x1)).toThrow(ShapeError);
    expect(() => layer.apply(x1)).toThrow(/dense_q.*\[3\]/);
    const x = t([1, 2, 3], [1, 3]);
    layer.apply(x).dispose();
    const bad = t([1, 2, 3, 4], [1, 4]);
    expect(() => layer.apply(bad)).toThrow(/dense_q.*\[1, 4\]/);
    for (const z of [x1, x, bad]) z.dispose();
    layer.dispose();
  });

  it('leaks no tensors', () => {
    const layer = new Dense({ units: 4, activation: 'relu' });
    const x = t(randomArray(6, 1), [2, 3]);
    layer.apply(x).dispose();
    const before = numTensors();
    for (let i = 0; i < 3; i++) layer.apply(x).dispose();
    expect(numTensors()).toBe(before);
    x.dispose();
    layer.dispose();
  });
});

describe('Flatten', () => {
  it('flattens everything but the batch axis in row-major order', () => {
    const layer = new Flatten();
    const x = t([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 2, 1]);
    const y = layer.apply(x);
    expect(y.shape).toEqual([2, 4]);
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(layer.computeOutputShape([null, 3, 4, 5])).toEqual([null, 60]);
    expect(layer.computeOutputShape([null, null, 4])).toEqual([null, null]);
    const other = t(new Float32Array(10), [2, 5]);
    expect(() => layer.apply(other)).toThrow(ShapeError);
    for (const z of [x, y, other]) z.dispose();
  });
});

describe('Reshape', () => {
  it('reshapes per sample and infers one -1', () => {
    const layer = new Reshape({ targetShape: [-1, 2] });
    const x = t([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [2, 6]);
    const y = layer.apply(x);
    expect(y.shape).toEqual([2, 3, 2]);
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(layer.computeOutputShape([null, 2, 2, 2])).toEqual([null, 4, 2]);
    expect(new Reshape({ targetShape: [3, 4] }).computeOutputShape([5, 12])).toEqual([5, 3, 4]);
    for (const z of [x, y]) z.dispose();
  });

  it('throws on incompatible sizes and bad target shapes', () => {
    const layer = new Reshape({ targetShape: [5], name: 'reshape_z' });
    expect(() => layer.computeOutputShape([null, 6])).toThrow(ShapeError);
    expect(() => layer.computeOutputShape([null, 6])).toThrow(/reshape_z.*\[null, 6\]/);
    expect(() => new Reshape({ targetShape: [4] }).computeOutputShape([null, 2, 3])).toThrow(ShapeError);
    expect(() => new Reshape({ targetShape: [-1, 4] }).computeOutputShape([null, 6])).toThrow(ShapeError);
    expect(() => new Reshape({ targetShape: [-1, -1] })).toThrow(ConfigError);
    expect(() => new Reshape({ targetShape: [0, 2] })).toThrow(ConfigError);
    expect(() => new Reshape({} as never)).toThrow(ConfigError);
  });
});
