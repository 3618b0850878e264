/**
 * `Layer.inferenceOverride`: used by non-training calls (apply, predict), never
 * while training, and a hook that returns undefined falls back to `call` and
 * `outputTransform`.
 */
import { ops, type Tensor, tensor } from '@convkit/core';
import { describe, expect, it } from 'vitest';
import { Dense, Sequential } from '../../src';

describe('Layer.inferenceOverride', () => {
  it('replaces call + outputTransform at inference only, and falls back on undefined', async () => {
    const dense = new Dense({ units: 2, inputShape: [3], useBias: false, kernelInitializer: 'ones' });
    const model = new Sequential({ layers: [dense] });
    const x = tensor([1, 2, 3], [1, 3]);
    const read = async (t: Tensor) => {
      const v = Array.from(await t.data());
      t.dispose();
      return v;
    };
    dense.outputTransform = (y) => ops.mul(y, 10);
    expect(await read(dense.apply(x) as Tensor)).toEqual([60, 60]);
    let calls = 0;
    dense.inferenceOverride = () => {
      calls++;
      return tensor([-1, -1], [1, 2]);
    };
    expect(await read(dense.apply(x) as Tensor)).toEqual([-1, -1]);
    expect(await read(model.predict(x))).toEqual([-1, -1]);
    expect(await read(dense.apply(x, { training: true }) as Tensor)).toEqual([60, 60]);
    expect(calls).toBe(2);
    dense.inferenceOverride = () => undefined;
    expect(await read(model.predict(x))).toEqual([60, 60]);
    x.dispose();
    model.dispose();
  });
});
