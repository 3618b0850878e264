/**
 * Rescaling: `x · scale + offset` against hand-computed values, its gradient
 * (the constant `scale`) against finite differences, serialisation through the
 * registry, typed errors for bad options, and no leaked tensors.
 */
import { ConfigError, numTensors, ops, type Tensor, tensor, tidy, variable, variableGrads } from '@convkit/core';
import { describe, expect, it } from 'vitest';
import { deserializeLayer, Rescaling, Sequential, serializeLayer } from '../../src/index';

describe('Rescaling', () => {
  it('computes x · scale + offset (hand-computed), any shape, and leaks nothing', async () => {
    const before = numTensors();
    const layer = new Rescaling({ scale: 1 / 127.5, offset: -1 });
    const x = tensor([0, 127.5, 255, 51], [1, 2, 2, 1]);
    const y = layer.apply(x) as Tensor;
    expect(y.shape).toEqual([1, 2, 2, 1]);
    const got = Array.from(await y.data());
    [-1, 0, 1, 51 / 127.5 - 1].forEach((v, i) => expect(got[i]).toBeCloseTo(v, 6));
    const identity = new Rescaling({ scale: 1 });
    const same = identity.apply(x) as Tensor;
    expect(same).not.toBe(x);
    expect(Array.from(await same.data())).toEqual([0, 127.5, 255, 51]);
    const row = tensor([1, -2, 3], [1, 3]);
    const flat = new Rescaling({ scale: 2, offset: 0.5 }).apply(row) as Tensor;
    expect(Array.from(await flat.data())).toEqual([2.5, -3.5, 6.5]);
    for (const t of [x, y, same, row, flat]) t.dispose();
    expect(numTensors()).toBe(before);
  });

  it('passes gradients scaled by scale (finite differences)', async () => {
    const layer = new Rescaling({ scale: -0.75, offset: 3 });
    const v = variable(tensor([0.3, -1.2, 2], [1, 3]));
    const { grads, value } = variableGrads(() => tidy(() => ops.sum(ops.square(layer.apply(v) as Tensor))), [v]);
    const g = Array.from(await grads[v.name].data());
    const xs = [0.3, -1.2, 2];
    const f = (a: number[]) => a.reduce((s, xi) => s + (xi * -0.75 + 3) ** 2, 0);
    xs.forEach((_, i) => {
      const h = 1e-3;
      const up = xs.map((xj, j) => (j === i ? xj + h : xj));
      const down = xs.map((xj, j) => (j === i ? xj - h : xj));
      expect(g[i]).toBeCloseTo((f(up) - f(down)) / (2 * h), 3);
    });
    value.dispose();
    for (const t of Object.values(grads)) t.dispose();
    v.dispose();
  });

  it('serialises through the registry and in a saved model', () => {
    const layer = new Rescaling({ name: 'pixels', scale: 1 / 255, offset: 0.25 });
    const s = serializeLayer(layer);
    expect(s).toMatchObject({ className: 'Rescaling', config: { name: 'pixels', scale: 1 / 255, offset: 0.25 } });
    const copy = deserializeLayer(s) as Rescaling;
    expect(copy).toBeInstanceOf(Rescaling);
    expect([copy.scale, copy.offset]).toEqual([1 / 255, 0.25]);
    const model = new Sequential({ layers: [new Rescaling({ scale: 2, inputShape: [3] })] });
    const again = Sequential.fromConfig(model.toConfig().config as Record<string, unknown>);
    expect(again.layers[0]).toBeInstanceOf(Rescaling);
    model.dispose();
    again.dispose();
  });

  it('refuses a missing or non-finite scale or offset with a ConfigError naming the option', () => {
    expect(() => new Rescaling({} as never)).toThrow(ConfigError);
    expect(() => new Rescaling({} as never)).toThrow(/scale must be a number/);
    expect(() => new Rescaling({ scale: Number.NaN })).toThrow(/scale must be a number.*NaN/);
    expect(() => new Rescaling({ scale: 1, offset: Number.POSITIVE_INFINITY })).toThrow(/offset must be a number/);
    expect(() => new Rescaling({ scale: '2' as unknown as number })).toThrow(ConfigError);
  });
});
