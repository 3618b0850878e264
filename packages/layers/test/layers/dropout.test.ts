import { ConfigError, numTensors, setSeed } from '@convkit/core';
import { describe, expect, it } from 'vitest';
import { Dropout } from '../../src/layers/index';
import { t } from './helpers';

const N = 4000;
const ones = () => t(new Float32Array(N).fill(1), [40, 100]);

describe('Dropout', () => {
  it('is the identity at inference (and returns a tensor the caller owns)', () => {
    const layer = new Dropout({ rate: 0.5 });
    const x = t([1, 2, 3, 4], [2, 2]);
    const y = layer.apply(x);
    expect(y).not.toBe(x);
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3, 4]);
    y.dispose();
    expect(Array.from(x.dataSync())).toEqual([1, 2, 3, 4]);
    x.dispose();
  });

  it('drops about `rate` of the elements and scales the rest by 1/(1-rate)', () => {
    const layer = new Dropout({ rate: 0.3 });
    const x = ones();
    const y = layer.apply(x, { training: true });
    const d = y.dataSync();
    const zeros = d.filter((v) => v === 0).length;
    expect(Math.abs(zeros / N - 0.3)).toBeLessThan(0.03);
    for (const v of d) if (v !== 0) expect(v).toBeCloseTo(1 / 0.7, 5);
    // The expectation is preserved.
    const mean = Array.from(d).reduce((a, b) => a + b, 0) / N;
    expect(Math.abs(mean - 1)).toBeLessThan(0.05);
    x.dispose();
    y.dispose();
  });

  it('is reproducible with setSeed, and with its own seed', () => {
    const x = ones();
    const masks: number[][] = [];
    for (let i = 0; i < 2; i++) {
      setSeed(123);
      const y = new Dropout({ rate: 0.5 }).apply(x, { training: true });
      masks.push(Array.from(y.dataSync()));
      y.dispose();
    }
    expect(masks[0]).toEqual(masks[1]);
    const a = new Dropout({ rate: 0.5, seed: 9 }).apply(x, { training: true });
    const b = new Dropout({ rate: 0.5, seed: 9 }).apply(x, { training: true });
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    const c = new Dropout({ rate: 0.5 }).apply(x, { training: true });
    expect(Array.from(c.dataSync())).not.toEqual(masks[0]);
    for (const z of [a, b, c, x]) z.dispose();
  });

  it('validates rate and leaks no tensors', () => {
    expect(() => new Dropout({ rate: 1 })).toThrow(ConfigError);
    expect(() => new Dropout({ rate: -0.1 })).toThrow(ConfigError);
    expect(() => new Dropout({} as never)).toThrow(/Dropout layer .*rate/);
    const layer = new Dropout({ rate: 0.2 });
    const x = t([1, 2, 3], [1, 3]);
    layer.apply(x).dispose();
    const before = numTensors();
    for (let i = 0; i < 3; i++) {
      layer.apply(x, { training: true }).dispose();
      layer.apply(x).dispose();
    }
    expect(numTensors()).toBe(before);
    x.dispose();
  });
});
