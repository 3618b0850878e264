import { ConfigError, numTensors, ShapeError, type Tensor } from '@convkit/core';
import { describe, expect, it } from 'vitest';
import {
  Activation,
  activationNames,
  ELU,
  getActivation,
  LeakyReLU,
  ReLU,
  ReLU6,
  registerActivation,
  Softmax,
  serializeActivation,
} from '../../src/layers/index';
import { checkGradients, distinctArray, expectClose, inputVar, t } from './helpers';

const xs = [-3, -1.5, -0.5, -0.1, 0.1, 0.5, 1, 2, 5, 7];

function erf(x: number): number {
  // Abramowitz–Stegun 7.1.26 is too coarse; use a series / continued fraction in Float64.
  const sign = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  if (a < 3) {
    let sum = 0;
    let term = a;
    for (let n = 0; n < 60; n++) {
      sum += term / (2 * n + 1);
      term *= (-a * a) / (n + 1);
    }
    return (sign * 2 * sum) / Math.sqrt(Math.PI);
  }
  return sign * (1 - (Math.exp(-a * a) / (a * Math.sqrt(Math.PI))) * (1 - 1 / (2 * a * a)));
}

const sig = (v: number) => 1 / (1 + Math.exp(-v));
const reference: Record<string, (v: number) => number> = {
  relu: (v) => Math.max(v, 0),
  relu6: (v) => Math.min(Math.max(v, 0), 6),
  leakyRelu: (v) => (v >= 0 ? v : 0.2 * v),
  leaky_relu: (v) => (v >= 0 ? v : 0.2 * v),
  elu: (v) => (v > 0 ? v : Math.exp(v) - 1),
  sigmoid: sig,
  tanh: Math.tanh,
  gelu: (v) => 0.5 * v * (1 + erf(v / Math.SQRT2)),
  geluApproximate: (v) => 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v ** 3))),
  linear: (v) => v,
  swish: (v) => v * sig(v),
  silu: (v) => v * sig(v),
  softplus: (v) => Math.log1p(Math.exp(v)),
};

function values(y: Tensor): number[] {
  const d = Array.from(y.dataSync());
  y.dispose();
  return d;
}

describe('activation functions by name', () => {
  it.each(Object.keys(reference))('%s matches its Float64 definition', (name) => {
    const x = t(xs, [2, 5]);
    const fn = getActivation(name);
    expectClose(values(fn(x)), xs.map(reference[name]), 1e-5);
    x.dispose();
  });

  it('softmax normalises the last axis', () => {
    const x = t([1, 2, 3, 0, 0, 0], [2, 3]);
    const e = [Math.exp(1), Math.exp(2), Math.exp(3)];
    const s = e[0] + e[1] + e[2];
    expectClose(values(getActivation('softmax')(x)), [...e.map((v) => v / s), 1 / 3, 1 / 3, 1 / 3], 1e-6);
    x.dispose();
  });

  it('serialises to names, resolves aliases, rejects unknown names, accepts custom ones', () => {
    expect(serializeActivation(getActivation('leaky_relu'))).toBe('leakyRelu');
    expect(serializeActivation(getActivation(undefined))).toBe('linear');
    expect(() => getActivation('nope')).toThrow(ConfigError);
    expect(activationNames()).toEqual(expect.arrayContaining(['relu', 'gelu', 'geluApproximate', 'softmax', 'swish']));
    const cube = registerActivation('cube', (x) =>
      t(
        Array.from(x.dataSync(), (v) => v ** 3),
        x.shape,
      ),
    );
    expect(getActivation('cube')).toBe(cube);
    expect(serializeActivation(cube)).toBe('cube');
    const anon = Object.assign((x: Tensor) => x, {}) as never;
    expect(() => serializeActivation(anon)).toThrow(ConfigError);
  });

  it.each([
    'relu',
    'relu6',
    'leakyRelu',
    'elu',
    'sigmoid',
    'tanh',
    'gelu',
    'geluApproximate',
    'swish',
    'softmax',
    'softplus',
  ])('%s gradient matches finite differences', (name) => {
    // Distinct values ≥ 0.05 away from 0 and 6, so no kink sits inside a finite-difference step.
    const x = inputVar(distinctArray(12, 4, 0.7), [3, 4]);
    const fn = getActivation(name);
    checkGradients(() => fn(x), [x]);
    x.dispose();
  });
});

describe('activation layers', () => {
  it('ReLU with maxValue, negativeSlope and threshold follows Keras', () => {
    const x = t(xs, [10]);
    const layer = new ReLU({ maxValue: 4, negativeSlope: 0.1, threshold: 0.2 });
    const ref = xs.map((v) => (v >= 4 ? 4 : v >= 0.2 ? v : 0.1 * (v - 0.2)));
    expectClose(values(layer.apply(x)), ref, 1e-6);
    const edges = t([0.2, 4, 0.19], [3]);
    expectClose(values(layer.apply(edges)), [0.2, 4, 0.1 * (0.19 - 0.2)], 1e-6);
    edges.dispose();
    expectClose(values(new ReLU().apply(x)), xs.map(reference.relu), 1e-7);
    expectClose(values(new ReLU({ maxValue: 6 }).apply(x)), xs.map(reference.relu6), 1e-7);
    expectClose(values(new ReLU6().apply(x)), xs.map(reference.relu6), 1e-7);
    expect(() => new ReLU({ maxValue: -1 })).toThrow(ConfigError);
    expect(() => new ReLU({ negativeSlope: Number.NaN })).toThrow(ConfigError);
    x.dispose();
  });

  it('LeakyReLU, ELU, Activation and Softmax(axis)', () => {
    const x = t(xs, [2, 5]);
    expectClose(
      values(new LeakyReLU().apply(x)),
      xs.map((v) => (v >= 0 ? v : 0.3 * v)),
      1e-6,
    );
    expectClose(
      values(new LeakyReLU({ alpha: 0.05 }).apply(x)),
      xs.map((v) => (v >= 0 ? v : 0.05 * v)),
      1e-6,
    );
    expectClose(
      values(new ELU({ alpha: 0.5 }).apply(x)),
      xs.map((v) => (v > 0 ? v : 0.5 * (Math.exp(v) - 1))),
      1e-6,
    );
    expectClose(values(new ELU().apply(x)), xs.map(reference.elu), 1e-6);
    expectClose(values(new Activation({ activation: 'gelu' }).apply(x)), xs.map(reference.gelu), 1e-5);
    const sm = values(new Softmax({ axis: 0 }).apply(x));
    for (let j = 0; j < 5; j++) {
      const a = Math.exp(xs[j]);
      const b = Math.exp(xs[5 + j]);
      expect(sm[j]).toBeCloseTo(a / (a + b), 6);
      expect(sm[5 + j]).toBeCloseTo(b / (a + b), 6);
    }
    expect(() => new Softmax({ axis: 2 }).apply(x)).toThrow(ShapeError);
    expect(() => new LeakyReLU({ alpha: -1 })).toThrow(ConfigError);
    expect(() => new Activation({} as never)).toThrow(ConfigError);
    x.dispose();
  });

  it('layer gradients (ReLU with options, ELU alpha, Softmax axis 0)', () => {
    const x = inputVar(distinctArray(12, 9, 0.7), [3, 4]);
    for (const layer of [
      new ReLU({ maxValue: 2.5, negativeSlope: 0.1, threshold: 0.3 }),
      new ELU({ alpha: 0.7 }),
      new Softmax({ axis: 0 }),
      new LeakyReLU({ alpha: 0.2 }),
    ]) {
      checkGradients(() => layer.apply(x), [x]);
    }
    x.dispose();
  });

  it('accept any shape and leak no tensors', () => {
    const layer = new Activation({ activation: 'gelu' });
    const a = t(xs, [10]);
    const b = t(xs, [2, 5]);
    layer.apply(a).dispose();
    const before = numTensors();
    for (let i = 0; i < 3; i++) {
      layer.apply(b).dispose();
      new ReLU({ maxValue: 1, threshold: 0.5 }).apply(a).dispose();
      new Softmax({ axis: 0 }).apply(b).dispose();
      new ELU({ alpha: 2 }).apply(a).dispose();
    }
    expect(numTensors()).toBe(before);
    a.dispose();
    b.dispose();
  });
});
