/**
 * `Layer.inferenceOverride`: used by non-training calls (apply, predict), never
 * while training, and a hook that returns undefined falls back to `call` and
 * `outputTransform`. `LayersModel.inferenceOverride`: the same for a whole model
 * (predict, evaluate, call), never while training or with a tap.
 */
import { memory, ops, type Tensor, tensor } from '@convkit/core';
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

  it('a model-level hook replaces the forward pass at inference only, and falls back on undefined', async () => {
    const dense = new Dense({ units: 2, inputShape: [3], useBias: false, kernelInitializer: 'ones' });
    const model = new Sequential({ layers: [dense] });
    const x = tensor([1, 2, 3], [1, 3]);
    const read = async (t: Tensor) => {
      const v = Array.from(await t.data());
      t.dispose();
      return v;
    };
    let calls = 0;
    model.inferenceOverride = (input) => {
      calls++;
      return ops.tile(ops.sum(input, -1, true), [1, 2]);
    };
    expect(await read(model.predict(x))).toEqual([6, 6]);
    expect(await read(model.call(x))).toEqual([6, 6]);
    expect(calls).toBe(2);
    // Training calls and tapped calls run the layers.
    expect(await read(model.call(x, { training: true }))).toEqual([6, 6]);
    const seen: string[] = [];
    const tapped = model.call(x, {
      tap: (layer, out) => {
        seen.push(layer.name);
        return out;
      },
    });
    expect(await read(tapped)).toEqual([6, 6]);
    expect(seen).toEqual([dense.name]);
    expect(calls).toBe(2);
    model.inferenceOverride = () => undefined;
    dense.inferenceOverride = () => tensor([-1, -1], [1, 2]);
    expect(await read(model.predict(x))).toEqual([-1, -1]);
    x.dispose();
    model.dispose();
  });

  it('predict adds its NaN-row guard to a model-level route unless the route says it keeps non-finite rows', async () => {
    const dense = new Dense({ units: 2, inputShape: [3], useBias: false, kernelInitializer: 'ones' });
    const model = new Sequential({ layers: [dense] });
    const x = tensor([1, 2, 3, 1, Number.NaN, 3, Number.POSITIVE_INFINITY, 0, 0], [3, 3]);
    const read = async (t: Tensor) => {
      const v = Array.from(await t.data());
      t.dispose();
      return v;
    };
    const before = memory().numTensors;
    // A route that turns NaN into finite values: predict's guard puts the NaN back.
    const finite = () => tensor([7, 7, 7, 7, 7, 7], [3, 2]);
    model.inferenceOverride = finite;
    expect(await read(model.predict(x))).toEqual([7, 7, NaN, NaN, NaN, NaN]);
    // Marked: its output is returned as is (it is trusted to keep non-finite rows NaN itself).
    model.inferenceOverride = Object.assign(() => tensor([7, 7, NaN, NaN, NaN, NaN], [3, 2]), {
      keepsNonFiniteRows: true,
    });
    expect(await read(model.predict(x))).toEqual([7, 7, NaN, NaN, NaN, NaN]);
    model.inferenceOverride = Object.assign(finite, { keepsNonFiniteRows: true });
    expect(await read(model.predict(x))).toEqual([7, 7, 7, 7, 7, 7]);
    // Marked but declining (undefined): the layers run, with the guard.
    model.inferenceOverride = Object.assign(() => undefined, { keepsNonFiniteRows: true });
    expect(await read(model.predict(x))).toEqual([6, 6, NaN, NaN, NaN, NaN]);
    // Split into batches, marked route: each batch's output as is, concatenated.
    model.inferenceOverride = Object.assign((t: Tensor) => ops.tile(ops.sum(t, -1, true), [1, 2]), {
      keepsNonFiniteRows: true,
    });
    expect(await read(model.predict(x, { batchSize: 2 }))).toEqual([6, 6, NaN, NaN, Infinity, Infinity]);
    expect(memory().numTensors).toBe(before);
    x.dispose();
    model.dispose();
  });
});
