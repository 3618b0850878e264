/**
 * Plain callback objects, as in TensorFlow.js: every hook optional, possibly
 * async (awaited in order), called with `this` the object itself, which also
 * sees `this.model` and `this.params`; entries that are not callbacks are a
 * ConfigError naming the entry, before training starts.
 */
import { ConfigError, numTensors, ops, randomNormal, setSeed, tidy } from '@convkit/core';
import { Callback, Dense, type Logs, Sequential, TerminateOnNaN } from '@convkit/layers';
import { SGD } from '@convkit/optim';
import { afterEach, describe, expect, it } from 'vitest';

const disposables: { dispose(): void }[] = [];
afterEach(() => {
  for (const d of disposables.splice(0)) d.dispose();
});

function setup() {
  setSeed(1);
  const x = randomNormal([16, 4]);
  const y = tidy(() => ops.cast(ops.greater(ops.sum(x, 1), 0), 'int32'));
  const model = new Sequential({ layers: [new Dense({ units: 2, activation: 'softmax', inputShape: [4] })] });
  model.compile({ optimizer: new SGD({ learningRate: 0.1 }), loss: 'sparseCategoricalCrossentropy' });
  disposables.push(x, y, model);
  return { x, y, model };
}

describe('plain callback objects', () => {
  it('calls every hook with the Keras arguments, awaits async hooks in order, binds this to the object', async () => {
    const { x, y, model } = setup();
    const events: string[] = [];
    const recorder = {
      seen: 0,
      onTrainBegin() {
        events.push(`trainBegin ${this.seen}`);
      },
      async onEpochBegin(epoch: number) {
        await new Promise((r) => setTimeout(r, 5));
        events.push(`epochBegin ${epoch}`);
      },
      onBatchBegin(batch: number) {
        events.push(`batchBegin ${batch}`);
      },
      async onBatchEnd(batch: number, logs?: Logs) {
        await Promise.resolve();
        this.seen++;
        events.push(`batchEnd ${batch} ${logs?.size} ${Number.isFinite(logs?.loss)}`);
      },
      onEpochEnd(epoch: number, logs?: Logs) {
        events.push(`epochEnd ${epoch} ${Object.keys(logs ?? {}).join(',')}`);
      },
      onTrainEnd(logs?: Logs) {
        events.push(`trainEnd ${this.seen} ${logs?.loss !== undefined}`);
      },
    };
    const after = { onEpochEnd: (epoch: number) => void events.push(`second ${epoch}`) };
    await model.fit(x, y, { epochs: 2, batchSize: 8, callbacks: [recorder, after] });
    expect(events).toEqual([
      'trainBegin 0',
      'epochBegin 0',
      'batchBegin 0',
      'batchEnd 0 8 true',
      'batchBegin 1',
      'batchEnd 1 8 true',
      'epochEnd 0 loss,lr',
      'second 0',
      'epochBegin 1',
      'batchBegin 0',
      'batchEnd 0 8 true',
      'batchBegin 1',
      'batchEnd 1 8 true',
      'epochEnd 1 loss,lr',
      'second 1',
      'trainEnd 4 true',
    ]);
    expect(recorder.seen).toBe(4);
  });

  it('gives the object this.model and this.params, can stop training, and accepts {} and instances of other classes', async () => {
    const { x, y, model } = setup();
    const stopper = {
      epochs: [] as number[],
      model: undefined as unknown,
      params: undefined as unknown,
      onEpochEnd(epoch: number) {
        this.epochs.push(epoch);
        if (epoch === 1) (this.model as Sequential).stopTraining = true;
      },
    };
    /** Not a `Callback` subclass (as from another copy of the package): its methods and setModel are used. */
    class Foreign {
      model?: unknown;
      calls = 0;
      setModel(m: unknown) {
        this.model = m;
      }
      onBatchEnd() {
        this.calls++;
      }
    }
    const foreign = new Foreign();
    const h = await model.fit(x, y, { epochs: 5, batchSize: 8, callbacks: [{}, stopper, foreign] });
    expect(h.epoch).toEqual([0, 1]);
    expect(stopper.model).toBe(model);
    expect(stopper.params).toMatchObject({ epochs: 5, steps: 2, samples: 16, batchSize: 8 });
    expect(foreign.model).toBe(model);
    expect(foreign.calls).toBe(4);
    // a frozen object works too (nothing can be set on it)
    await model.fit(x, y, { epochs: 1, callbacks: [Object.freeze({ onEpochEnd() {} })] });
  });

  it('onTrainError runs when fit rejects, and a throwing hook rejects fit', async () => {
    const { x, y, model } = setup();
    const seen: unknown[] = [];
    const failing = {
      onEpochEnd() {
        throw new Error('boom');
      },
      onTrainError(e: unknown) {
        seen.push(e);
      },
    };
    await expect(model.fit(x, y, { epochs: 2, callbacks: [failing] })).rejects.toThrow('boom');
    expect(seen).toHaveLength(1);
  });

  it('rejects entries that are not callbacks with a ConfigError naming the entry, before training', async () => {
    const { x, y, model } = setup();
    const started: string[] = [];
    const spy = { onTrainBegin: () => void started.push('begin') };
    const count = numTensors();
    const cases: [unknown, RegExp][] = [
      [42, /callbacks\[1\] is number 42; a callback is a Callback instance or an object with hooks/],
      [null, /callbacks\[1\] is null/],
      ['onEpochEnd', /callbacks\[1\] is the string 'onEpochEnd'/],
      [undefined, /callbacks\[1\] is undefined/],
      [TerminateOnNaN, /callbacks\[1\] is the class TerminateOnNaN, not an instance: write new TerminateOnNaN\(\)/],
      [() => 1, /callbacks\[1\] is a function; a callback is an object with hooks/],
      [{ onEpochEnd: 3 }, /callbacks\[1\]\.onEpochEnd must be a function, received number 3/],
      [{ onEpochEnds() {} }, /callbacks\[1\] has a method 'onEpochEnds', which is not a callback hook/],
    ];
    for (const [entry, message] of cases) {
      const run = model.fit(x, y, { callbacks: [spy, entry] as never });
      await expect(run).rejects.toBeInstanceOf(ConfigError);
      await expect(run).rejects.toThrow(message);
    }
    await expect(model.fit(x, y, { callbacks: spy as never })).rejects.toThrow(/callbacks must be an array/);
    expect(started).toEqual([]);
    expect(numTensors()).toBe(count);
  });

  it('Callback subclasses keep working beside plain objects', async () => {
    const { x, y, model } = setup();
    class Counter extends Callback {
      n = 0;
      override onBatchEnd(): void {
        this.n++;
      }
    }
    const counter = new Counter();
    await model.fit(x, y, { epochs: 1, batchSize: 4, callbacks: [counter, { onBatchEnd() {} }] });
    expect(counter.n).toBe(4);
    expect(counter.model).toBe(model);
  });
});
