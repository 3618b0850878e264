/**
 * `call`'s `tap` (sees and may replace each layer's output, Sequential and
 * functional) and `logits` (the output layer's softmax switched off for one
 * call), and `outputActivation`.
 */
import { ConfigError, dispose, numTensors, ops, randomUniform, rngFrom, type Tensor, tidy } from '@convkit/core';
import { describe, expect, it } from 'vitest';
import { Add, Conv2D, Dense, Flatten, Input, type Layer, Model, ReLU, Sequential, Softmax } from '../../src/index';

describe('call({ tap })', () => {
  it('sees every layer once in order, and a replaced output flows on (Sequential and functional)', async () => {
    const seq = new Sequential({
      layers: [
        new Conv2D({ filters: 2, kernelSize: 3, inputShape: [5, 5, 1] }),
        new Flatten(),
        new Dense({ units: 3 }),
      ],
    });
    const x = Input({ shape: [4] });
    const a = new Dense({ units: 4 });
    const b = new Dense({ units: 4 });
    const out = new Add().apply([a.apply(x), b.apply(a.apply(x))] as never);
    const fn = new Model({ inputs: x, outputs: out as never });
    for (const [model, input] of [
      [seq, randomUniform([2, 5, 5, 1], 0, 1, rngFrom(1))],
      [fn, randomUniform([2, 4], 0, 1, rngFrom(2))],
    ] as const) {
      const seen: string[] = [];
      const before = numTensors();
      const [plain, zeroed] = tidy(() => {
        const p = model.call(input as Tensor, {
          tap: (l: Layer, o) => {
            seen.push(l.name);
            return o;
          },
        });
        const first = model === seq ? model.layers[0] : a; // the input layer is not a call
        const z = model.call(input as Tensor, { tap: (l, o) => (l === first ? ops.mul(o, 0) : o) });
        return [p, z];
      });
      expect(seen.length).toBeGreaterThanOrEqual(model.layers.length - (model === fn ? 1 : 0));
      expect(seen[0]).toBe(model === seq ? model.layers[0].name : a.name);
      const reference = model.predict(input as Tensor);
      const [p, r, z] = await Promise.all([plain.data(), reference.data(), zeroed.data()]);
      for (let i = 0; i < p.length; i++) expect(p[i]).toBeCloseTo(r[i], 6);
      expect(Array.from(z).some((v, i) => Math.abs(v - p[i]) > 1e-6)).toBe(true);
      dispose([plain, zeroed, reference]);
      expect(numTensors()).toBe(before);
      (input as Tensor).dispose();
      model.dispose();
    }
  });
});

describe('call({ logits }) and outputActivation', () => {
  it('returns the scores before the softmax and leaves the model as it was', async () => {
    const model = new Sequential({
      layers: [new Flatten({ inputShape: [3, 3, 1] }), new Dense({ units: 4, activation: 'softmax' })],
    });
    expect(model.outputActivation()).toBe('softmax');
    const input = randomUniform([2, 3, 3, 1], 0, 1, rngFrom(3));
    const [logits, probs, again] = tidy(() => [
      model.call(input, { logits: true }),
      model.call(input),
      ops.softmax(model.call(input, { logits: true })),
    ]);
    const [l, p, s] = await Promise.all([logits.data(), probs.data(), again.data()]);
    for (let i = 0; i < p.length; i++) expect(s[i]).toBeCloseTo(p[i], 6);
    expect(Array.from(l).some((v, i) => Math.abs(v - p[i]) > 1e-3)).toBe(true);
    expect(model.outputActivation()).toBe('softmax');
    const linear = new Sequential({ layers: [new Flatten({ inputShape: [3, 3, 1] }), new Dense({ units: 4 })] });
    expect(linear.outputActivation()).toBe('linear');
    expect(() => linear.call(input, { logits: true })).toThrow(ConfigError);
    const layer = new Sequential({ layers: [new Flatten({ inputShape: [3, 3, 1] }), new ReLU(), new Softmax()] });
    expect(layer.outputActivation()).toBeUndefined();
    expect(() => layer.call(input, { logits: true })).toThrow(
      /logits: true needs an output layer with a softmax activation/,
    );
    dispose([input, logits, probs, again]);
    for (const m of [model, linear, layer]) m.dispose();
  });
});
