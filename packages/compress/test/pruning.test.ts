import { ConfigError, numTensors, ops, setSeed, tensor } from '@convkit/core';
import { Callback, Dense, Sequential } from '@convkit/layers';
import { Adam } from '@convkit/optim';
import { afterEach, describe, expect, it } from 'vitest';
import {
  blockMask,
  ConstantSparsity,
  globalMasks,
  magnitudeMask,
  PolynomialDecay,
  pruneLowMagnitude,
  pruneOneShot,
  withL1Regularization,
} from '../src/pruning';
import { countNonzeroParams } from '../src/stats';
import { toyCnn, toyData } from './helpers';

const disposables: Array<{ dispose(): void }> = [];
afterEach(() => {
  for (const d of disposables.splice(0)) d.dispose();
});

describe('pruning schedules', () => {
  it('PolynomialDecay follows final + (initial − final)(1 − t)^power, as TFMOT', () => {
    const s = new PolynomialDecay({
      initialSparsity: 0.2,
      finalSparsity: 0.8,
      beginStep: 10,
      endStep: 110,
      power: 3,
      frequency: 10,
    });
    expect(s.sparsityAt(0)).toBe(0);
    expect(s.sparsityAt(10)).toBeCloseTo(0.2, 12);
    // t = 0.5: 0.8 + (0.2 − 0.8)·0.125 = 0.725
    expect(s.sparsityAt(60)).toBeCloseTo(0.725, 12);
    expect(s.sparsityAt(110)).toBeCloseTo(0.8, 12);
    expect(s.sparsityAt(500)).toBeCloseTo(0.8, 12);
    expect([0, 9, 10, 15, 20, 110, 111, 120].map((k) => s.shouldPrune(k))).toEqual([
      false,
      false,
      true,
      false,
      true,
      true,
      false,
      false,
    ]);
  });

  it('ConstantSparsity prunes from beginStep at the given frequency until endStep', () => {
    const s = new ConstantSparsity({ targetSparsity: 0.5, beginStep: 4, endStep: 12, frequency: 4 });
    expect([0, 4, 8].map((k) => s.sparsityAt(k))).toEqual([0, 0.5, 0.5]);
    expect([3, 4, 6, 8, 12, 16].map((k) => s.shouldPrune(k))).toEqual([false, true, false, true, true, false]);
    const forever = new ConstantSparsity({ targetSparsity: 0.5 });
    expect(forever.shouldPrune(1_000_000)).toBe(true);
  });

  it('rejects bad schedule options', () => {
    expect(() => new PolynomialDecay({ finalSparsity: 1, endStep: 10 })).toThrow(ConfigError);
    expect(() => new PolynomialDecay({ finalSparsity: 0.5, beginStep: 10, endStep: 10 })).toThrow(/endStep/);
    expect(() => new ConstantSparsity({ targetSparsity: -0.1 })).toThrow(/targetSparsity/);
    expect(() => new ConstantSparsity({ targetSparsity: 0.5, frequency: 0 })).toThrow(/frequency/);
  });
});

describe('masks', () => {
  it('magnitudeMask zeroes exactly round(s·n) smallest magnitudes', () => {
    const v = new Float32Array([0.5, -0.1, 0.3, -0.9, 0.05, 0.2, -0.4, 0.7]);
    expect([...magnitudeMask(v, 0.5)]).toEqual([1, 0, 0, 1, 0, 0, 1, 1]);
    expect([...magnitudeMask(v, 0)]).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    expect([...magnitudeMask(v, 0.25)]).toEqual([1, 0, 1, 1, 0, 1, 1, 1]);
  });

  it('global masks rank all kernels together', () => {
    const a = new Float32Array([0.01, 0.02, 0.03, 0.04]);
    const b = new Float32Array([1, 2, 3, 4]);
    const [ma, mb] = globalMasks([a, b], 0.5);
    expect([...ma]).toEqual([0, 0, 0, 0]);
    expect([...mb]).toEqual([1, 1, 1, 1]);
  });

  it('2:4 block masks keep the two largest of every four input channels for each output', () => {
    // Dense kernel [in=4, out=2], row-major: index = i·2 + o.
    const v = new Float32Array([0.1, -4, 0.9, 3, -0.5, -2, 0.7, 1]);
    const m = blockMask(v, [4, 2], [2, 4]);
    // output 0: |0.1|,|0.9|,|-0.5|,|0.7| → keep rows 1 and 3; output 1: |-4|,|3|,|-2|,|1| → rows 0 and 1
    expect([...m]).toEqual([0, 1, 1, 1, 0, 0, 1, 0]);
    // conv kernel [1, 1, 6, 1]: groups {0..3} and the short last group {4, 5}
    const c = blockMask(new Float32Array([1, 2, 3, 4, 5, 6]), [1, 1, 6, 1], [2, 4]);
    expect([...c]).toEqual([0, 0, 1, 1, 1, 1]);
  });
});

describe('pruneLowMagnitude', () => {
  it('drives sparsity up during fit and keeps pruned weights exactly zero through every optimizer step', async () => {
    setSeed(5);
    const { x, y } = toyData(192);
    const model = toyCnn();
    disposables.push(x, y, model);
    model.compile({
      optimizer: new Adam({ learningRate: 0.01 }),
      loss: 'sparseCategoricalCrossentropy',
      metrics: ['accuracy'],
    });
    const pruner = pruneLowMagnitude(model, {
      schedule: new PolynomialDecay({
        initialSparsity: 0,
        finalSparsity: 0.75,
        beginStep: 0,
        endStep: 20,
        frequency: 5,
      }),
    });
    const seen: number[] = [];
    // The first epoch creates the masks and the optimizer's state; later epochs must not grow the count.
    await model.fit(x, y, { epochs: 1, batchSize: 32, callbacks: [pruner.callback()] });
    seen.push((await pruner.sparsity()).overall);
    const before = numTensors();
    const history = await model.fit(x, y, {
      epochs: 6,
      initialEpoch: 1,
      batchSize: 32,
      callbacks: [
        pruner.callback(),
        new (class extends Callback {
          override async onEpochEnd(): Promise<void> {
            seen.push((await pruner.sparsity()).overall);
          }
        })(),
      ],
    });
    expect(numTensors()).toBe(before);
    expect(pruner.stepCount).toBe(36);
    expect(seen[0]).toBeLessThan(seen[seen.length - 1]);
    const { weights, overall } = await pruner.sparsity();
    expect(overall).toBeCloseTo(0.75, 2);
    for (const w of weights) expect(w.sparsity).toBeCloseTo(0.75, 2);
    // Still learning, and the zeros are the same exact zeros after more training.
    expect(history.history.loss[4]).toBeLessThan(history.history.loss[0]);
    const zerosBefore = pruner.weights.map((w) => Array.from(w.variable.dataSync()).map((v) => v === 0));
    await model.fit(x, y, { epochs: 1, batchSize: 32, callbacks: [pruner.callback()] });
    pruner.weights.forEach((w, i) => {
      const data = w.variable.dataSync();
      zerosBefore[i].forEach((z, j) => {
        if (z) expect(data[j] === 0).toBe(true); // +0 or -0
      });
    });
    const stripped = pruner.strip();
    expect(stripped).toBe(model);
    expect(numTensors()).toBeLessThan(before); // the masks are freed
    const { nonzero, params } = await countNonzeroParams(model);
    expect(nonzero).toBeLessThan(0.4 * params);
    expect(() => pruner.step()).toThrow(/strip/);
  });

  it('global scope prunes the large dense kernel more than the small conv kernel', async () => {
    setSeed(6);
    const model = toyCnn();
    disposables.push(model);
    // Shrink the conv weights so a global ranking takes them first.
    const conv = model.layers[0].weights[0];
    const t = tensor(new Float32Array(72).fill(1e-4), conv.shape);
    conv.write(t);
    t.dispose();
    const pruner = await pruneOneShot(model, { sparsity: 0.5, scope: 'global' });
    const sparsity = await pruner.sparsity();
    const byName = Object.fromEntries(sparsity.weights.map((w) => [w.weight, w.sparsity]));
    expect(byName[conv.name]).toBe(1);
    expect(sparsity.overall).toBeCloseTo(0.5, 3);
    pruner.strip();
  });

  it('one-shot N:M pruning gives 2 nonzeros in every 4 input channels and survives fine-tuning', async () => {
    setSeed(7);
    const { x, y } = toyData(64);
    const model = new Sequential({
      layers: [new Dense({ units: 3, inputShape: [8] }), new Dense({ units: 2, activation: 'softmax' })],
    });
    const flat = ops.reshape(ops.slice(x, [0, 0, 0, 0], [64, 1, 8, 1]), [64, 8]);
    disposables.push(x, y, model, flat);
    model.compile({ optimizer: new Adam({ learningRate: 0.05 }), loss: 'sparseCategoricalCrossentropy' });
    const pruner = await pruneOneShot(model, { sparsity: 0, layers: [model.layers[0].name], blockSparsity: [2, 4] });
    await model.fit(flat, y, { epochs: 2, batchSize: 16, callbacks: [pruner.callback()] });
    const k = model.layers[0].weights[0].variable.dataSync();
    for (let o = 0; o < 3; o++) {
      for (let g = 0; g < 8; g += 4) {
        let nz = 0;
        for (let i = g; i < g + 4; i++) if (k[i * 3 + o] !== 0) nz++;
        expect(nz).toBeLessThanOrEqual(2);
      }
    }
    expect((await pruner.sparsity()).overall).toBeCloseTo(0.5, 6);
    pruner.strip();
  });

  it('names the layer when asked to prune one without a kernel, and validates options', () => {
    const model = toyCnn();
    disposables.push(model);
    expect(() =>
      pruneLowMagnitude(model, {
        schedule: new ConstantSparsity({ targetSparsity: 0.5 }),
        layers: [model.layers[1].name],
      }),
    ).toThrow(/MaxPool2D layer .* has no kernel/);
    expect(() =>
      pruneLowMagnitude(model, { schedule: new ConstantSparsity({ targetSparsity: 0.5 }), layers: ['nope'] }),
    ).toThrow(/has no layer 'nope'/);
    expect(() => pruneOneShot(model, { sparsity: 0, blockSparsity: [4, 4] })).toThrow(/blockSparsity/);
  });

  it('withL1Regularization copies the model with an L1 penalty on the kernels', async () => {
    setSeed(8);
    const model = toyCnn();
    disposables.push(model);
    const reg = withL1Regularization(model, 1e-3);
    disposables.push(reg);
    expect(reg.layers[0].getConfig().kernelRegularizer).toEqual({ className: 'L1', config: { l1: 1e-3 } });
    expect(model.layers[0].getConfig().kernelRegularizer).toBeUndefined();
    const a = model.getWeights();
    const b = reg.getWeights();
    a.forEach((t, i) => expect(Array.from(b[i].dataSync())).toEqual(Array.from(t.dataSync())));
    [...a, ...b].forEach((t) => t.dispose());
    const penalties = reg.layers.flatMap((l) => l.regularizationLosses());
    expect(penalties.length).toBe(4);
    penalties.forEach((p) => p.dispose());
  });
});
