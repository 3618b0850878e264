import { ConfigError, getRng, Rng, setSeed, tensor } from '@convkit/core';
import { describe, expect, it } from 'vitest';
import {
  Conv2D,
  computeFans,
  GlorotUniform,
  getInitializer,
  getRegularizer,
  HeNormal,
  initializerRegistry,
  L1,
  L1L2,
  L2,
  serializeInitializer,
  serializeRegularizer,
  VarianceScaling,
} from '../../src/layers/index';

function sample(name: string | object, shape: number[], seed = 1): Float32Array {
  const init = getInitializer(name as never);
  const v = init.init(shape, new Rng(seed));
  const d = v.dataSync() as Float32Array;
  v.dispose();
  return d;
}

function moments(d: ArrayLike<number>): { mean: number; std: number; min: number; max: number } {
  let s = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < d.length; i++) {
    s += d[i];
    min = Math.min(min, d[i]);
    max = Math.max(max, d[i]);
  }
  const mean = s / d.length;
  let v = 0;
  for (let i = 0; i < d.length; i++) v += (d[i] - mean) ** 2;
  return { mean, std: Math.sqrt(v / d.length), min, max };
}

describe('initializers', () => {
  it('computes Keras fans (receptive field × channels for HWIO and depthwise kernels)', () => {
    expect(computeFans([5])).toEqual({ fanIn: 5, fanOut: 5 });
    expect(computeFans([4, 6])).toEqual({ fanIn: 4, fanOut: 6 });
    expect(computeFans([3, 3, 8, 16])).toEqual({ fanIn: 72, fanOut: 144 });
    expect(computeFans([5, 5, 3, 2])).toEqual({ fanIn: 75, fanOut: 50 });
  });

  it('constant kinds', () => {
    expect(Array.from(sample('zeros', [3]))).toEqual([0, 0, 0]);
    expect(Array.from(sample('ones', [2]))).toEqual([1, 1]);
    expect(Array.from(sample({ className: 'Constant', config: { value: 2.5 } }, [2]))).toEqual([2.5, 2.5]);
  });

  it.each([
    ['glorotUniform', [3, 3, 16, 32], 'uniform', Math.sqrt(6 / (144 + 288))],
    ['glorot_normal', [40, 60], 'normal', Math.sqrt(2 / 100)],
    ['heUniform', [3, 3, 16, 32], 'uniform', Math.sqrt(6 / 144)],
    ['HeNormal', [3, 3, 16, 32], 'normal', Math.sqrt(2 / 144)],
    ['lecunNormal', [100, 50], 'normal', Math.sqrt(1 / 100)],
  ] as const)('%s has the Keras scale', (name, shape, kind, scale) => {
    const d = sample(name, [...shape]);
    const m = moments(d);
    expect(Math.abs(m.mean)).toBeLessThan(scale * 0.1);
    if (kind === 'uniform') {
      expect(m.max).toBeLessThanOrEqual(scale);
      expect(m.min).toBeGreaterThanOrEqual(-scale);
      expect(m.std).toBeCloseTo(scale / Math.sqrt(3), 2);
    } else {
      // Truncated at ±2σ and rescaled so that the std is the target.
      expect(m.std / scale).toBeGreaterThan(0.93);
      expect(m.std / scale).toBeLessThan(1.07);
      expect(m.max).toBeLessThanOrEqual((2 * scale) / 0.8796 + 1e-6);
    }
  });

  it('random kinds honour their parameters', () => {
    const u = moments(sample({ className: 'RandomUniform', config: { minval: 1, maxval: 3 } }, [2000]));
    expect(u.min).toBeGreaterThanOrEqual(1);
    expect(u.max).toBeLessThan(3);
    expect(u.mean).toBeCloseTo(2, 1);
    const n = moments(sample({ className: 'RandomNormal', config: { mean: 5, stddev: 2 } }, [4000]));
    expect(n.mean).toBeCloseTo(5, 0);
    expect(n.std).toBeCloseTo(2, 0);
    const tn = moments(sample({ className: 'TruncatedNormal', config: { stddev: 1 } }, [2000]));
    expect(tn.max).toBeLessThanOrEqual(2);
    expect(tn.min).toBeGreaterThanOrEqual(-2);
  });

  it('is reproducible with setSeed (through a layer) and with its own seed', () => {
    const kernels: number[][] = [];
    for (let i = 0; i < 2; i++) {
      setSeed(77);
      const conv = new Conv2D({ filters: 2, kernelSize: 3 });
      conv.build([null, 4, 4, 1]);
      kernels.push(Array.from(conv.kernel!.variable.dataSync()));
      conv.dispose();
    }
    expect(kernels[0]).toEqual(kernels[1]);
    const a = sample({ className: 'HeNormal', config: { seed: 5 } }, [10], 1);
    const b = sample({ className: 'HeNormal', config: { seed: 5 } }, [10], 2);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(getRng()).toBeDefined();
  });

  it('serialises and resolves every spelling; rejects bad configs', () => {
    expect(serializeInitializer(new GlorotUniform())).toEqual({ className: 'GlorotUniform', config: {} });
    expect(serializeInitializer(new HeNormal({ seed: 3 }))).toEqual({ className: 'HeNormal', config: { seed: 3 } });
    const vs = new VarianceScaling({ scale: 2, mode: 'fanOut', distribution: 'uniform' });
    expect(getInitializer(serializeInitializer(vs)).getConfig()).toEqual(vs.getConfig());
    expect(getInitializer('he_uniform').className).toBe('HeUniform');
    expect(initializerRegistry.names()).toContain('LecunNormal');
    expect(() => getInitializer('nope')).toThrow(ConfigError);
    expect(() => getInitializer({ className: 'RandomUniform', config: { minval: 1, maxval: 0 } })).toThrow(ConfigError);
    expect(() => new VarianceScaling({ mode: 'fanMiddle' as never })).toThrow(ConfigError);
    expect(() => new VarianceScaling({ scale: -1 })).toThrow(ConfigError);
  });
});

describe('regularizers', () => {
  it('compute l1, l2 and l1l2 penalties', () => {
    const w = tensor([1, -2, 3], [3]);
    const val = (r: { apply(x: typeof w): typeof w }) => {
      const p = r.apply(w);
      const v = p.dataSync()[0];
      p.dispose();
      return v;
    };
    expect(val(getRegularizer('l1'))).toBeCloseTo(0.06, 6);
    expect(val(getRegularizer('l2'))).toBeCloseTo(0.14, 6);
    expect(val(getRegularizer('l1l2'))).toBeCloseTo(0.2, 6);
    expect(val(new L1L2({ l1: 1, l2: 0.5 }))).toBeCloseTo(6 + 7, 5);
    expect(val(new L2({ l2: 0 }))).toBe(0);
    w.dispose();
  });

  it('serialise and resolve; reject bad factors', () => {
    expect(serializeRegularizer(new L1({ l1: 0.2 }))).toEqual({ className: 'L1', config: { l1: 0.2 } });
    expect(getRegularizer({ className: 'L2', config: { l2: 0.3 } }).getConfig()).toEqual({ l2: 0.3 });
    expect(getRegularizer({ className: 'L1L2', config: { l1: 0.1, l2: 0.2 } }).getConfig()).toEqual({
      l1: 0.1,
      l2: 0.2,
    });
    expect(() => getRegularizer('l3')).toThrow(ConfigError);
    expect(() => new L1({ l1: -1 })).toThrow(ConfigError);
  });
});
