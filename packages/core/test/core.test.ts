import {
  assertShape,
  BackendError,
  ConfigError,
  createOptimizer,
  getBackend,
  numTensors,
  ops,
  Rng,
  randomNormal,
  randomUniform,
  ShapeError,
  setBackend,
  setSeed,
  tensor2d,
  tidy,
  truncatedNormal,
} from '@convkit/core';
import { describe, expect, it } from 'vitest';

describe('Rng', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    const c = new Rng(8);
    const sa = Array.from({ length: 100 }, () => a.next());
    const sb = Array.from({ length: 100 }, () => b.next());
    const sc = Array.from({ length: 100 }, () => c.next());
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
    for (const v of sa) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
    }
  });

  it('produces uniform and normal samples with the right moments', () => {
    const r = new Rng(1);
    const n = 50_000;
    let su = 0;
    let sn = 0;
    let sn2 = 0;
    for (let i = 0; i < n; i++) {
      su += r.next();
      const z = r.normal();
      sn += z;
      sn2 += z * z;
    }
    expect(su / n).toBeCloseTo(0.5, 2);
    expect(sn / n).toBeCloseTo(0, 1);
    expect(sn2 / n).toBeCloseTo(1, 1);
  });

  it('truncated normal stays within two standard deviations', () => {
    const t = truncatedNormal([1000], 0, 0.5, new Rng(3));
    const v = t.dataSync();
    t.dispose();
    expect(Math.max(...v)).toBeLessThanOrEqual(1.0000001);
    expect(Math.min(...v)).toBeGreaterThanOrEqual(-1.0000001);
  });

  it('permutation is a permutation', () => {
    const p = new Rng(5).permutation(1000);
    expect([...p].sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('setSeed resets the global stream', () => {
    setSeed(123);
    const a = randomNormal([10]);
    setSeed(123);
    const b = randomUniform([3]);
    setSeed(123);
    const c = randomNormal([10]);
    expect(Array.from(a.dataSync())).toEqual(Array.from(c.dataSync()));
    a.dispose();
    b.dispose();
    c.dispose();
    expect(() => setSeed(1.5)).toThrow(ConfigError);
  });
});

describe('memory', () => {
  it('tidy frees intermediates and numTensors tracks them', () => {
    const before = numTensors();
    const out = tidy(() => {
      const x = tensor2d([
        [1, 2],
        [3, 4],
      ]);
      return ops.sum(ops.mul(x, x));
    });
    expect(numTensors()).toBe(before + 1);
    expect(out.dataSync()[0]).toBe(30);
    out.dispose();
    expect(numTensors()).toBe(before);
  });
});

describe('backend', () => {
  it('runs on cpu by default', async () => {
    await setBackend('cpu');
    expect(getBackend()).toBe('cpu');
  });

  it('names the package to install for a missing backend', async () => {
    await expect(setBackend('webgpu')).rejects.toThrow(BackendError);
    await expect(setBackend('webgpu')).rejects.toThrow(/@convkit\/backend-webgpu/);
    await expect(setBackend('nope')).rejects.toThrow(/Unknown backend 'nope'/);
  });
});

describe('errors and registry', () => {
  it('assertShape reports expected and received shapes', () => {
    expect(() => assertShape('Dense "d1" input', [null, 4], [2, 5])).toThrow(
      'Dense "d1" input: expected shape [null, 4], received [2, 5]',
    );
    expect(() => assertShape('x', [null, 4], [2, 5])).toThrow(ShapeError);
    expect(() => assertShape('x', [null, 4], [7, 4])).not.toThrow();
  });

  it('createOptimizer explains how to get optimizers', () => {
    expect(() => createOptimizer('definitely-not-registered')).toThrow(ConfigError);
  });
});

describe('gradients', () => {
  it('are registered for the kernels a CNN needs (conv, pool, dense, relu, softmax)', async () => {
    const { variableGrads, variable, randomNormal } = await import('@convkit/core');
    const x = randomNormal([2, 6, 6, 2]);
    const w = variable(randomNormal([3, 3, 2, 4]));
    const d = variable(randomNormal([16, 3]));
    const before = numTensors();
    const { value, grads } = variableGrads(() => {
      const h = ops.maxPool(ops.relu(ops.conv2d(x as never, w as never, 1, 'valid')), 2, 2, 'valid');
      const logits = ops.matMul(ops.reshape(h, [2, 16]), d);
      return ops.mean(ops.logSoftmax(logits));
    }, [w, d]);
    expect(grads[w.name].shape).toEqual([3, 3, 2, 4]);
    expect(grads[d.name].shape).toEqual([16, 3]);
    expect(Number.isFinite(value.dataSync()[0])).toBe(true);
    value.dispose();
    Object.values(grads).forEach((g) => g.dispose());
    expect(numTensors()).toBe(before);
    x.dispose();
    w.dispose();
    d.dispose();
  });
});

describe('crc32', () => {
  it('matches the IEEE check value and chains over pieces', async () => {
    const { crc32 } = await import('../src/checksum');
    const bytes = new TextEncoder().encode('123456789');
    expect(crc32(bytes)).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32(bytes.subarray(4), crc32(bytes.subarray(0, 4)))).toBe(0xcbf43926);
  });
});
