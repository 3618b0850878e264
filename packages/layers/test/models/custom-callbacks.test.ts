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

/** Mean sparse categorical cross-entropy of a softmax Dense layer on rows `from..to` (plain JS, float64). */
function referenceLoss(
  x: Float32Array,
  labels: Int32Array | Float32Array,
  kernel: Float32Array,
  bias: Float32Array,
  inputs: number,
  units: number,
  from: number,
  to: number,
): number {
  let sum = 0;
  for (let r = from; r < to; r++) {
    const z = Array.from({ length: units }, (_, j) => {
      let v = bias[j];
      for (let i = 0; i < inputs; i++) v += x[r * inputs + i] * kernel[i * units + j];
      return v;
    });
    const m = Math.max(...z);
    const logSum = m + Math.log(z.reduce((acc, v) => acc + Math.exp(v - m), 0));
    sum += logSum - z[labels[r]];
  }
  return sum / (to - from);
}

describe('plain callback objects: arguments and awaiting, hook by hook', () => {
  it('every hook gets its arguments in Keras order (batch loss vs a plain-JS reference), and each sync or async hook finishes before fit goes on', async () => {
    setSeed(3);
    const x = randomNormal([12, 3]);
    const y = tidy(() => ops.cast(ops.greater(ops.sum(x, 1), 0), 'int32'));
    const model = new Sequential({ layers: [new Dense({ units: 2, activation: 'softmax', inputShape: [3] })] });
    model.compile({ optimizer: new SGD({ learningRate: 0.5 }), loss: 'sparseCategoricalCrossentropy' });
    disposables.push(x, y, model);
    const [xv, yv] = [(await x.data()) as Float32Array, (await y.data()) as Int32Array];
    const before = numTensors();

    const calls: [string, number | undefined, Logs | undefined][] = [];
    let running = 0;
    let overlaps = 0;
    /** Records a call; an async hook stays "running" across a timer, so a hook fit did not await overlaps the next one. */
    const record = async (hook: string, index: number | undefined, logs: Logs | undefined, wait: boolean) => {
      if (running > 0) overlaps++;
      calls.push([hook, index, logs === undefined ? undefined : { ...logs }]);
      if (!wait) return;
      running++;
      await new Promise((r) => setTimeout(r, 2));
      running--;
    };
    let firstBatchReference = Number.NaN;
    let trainEndFinished = false;
    const hooks = {
      async onTrainBegin(logs?: Logs) {
        // the weights before any step give the first batch's loss (shuffle: false → rows 0..3)
        const ws = model.layers[0].weights.map((w) => w.variable);
        const kernel = ws.find((v) => v.shape.length === 2);
        const bias = ws.find((v) => v.shape.length === 1);
        if (!kernel || !bias) throw new Error('Dense has a kernel and a bias');
        const [k, b] = [(await kernel.data()) as Float32Array, (await bias.data()) as Float32Array];
        firstBatchReference = referenceLoss(xv, yv, k, b, 3, 2, 0, 4);
        await record('onTrainBegin', undefined, logs, true);
      },
      onEpochBegin(epoch: number, logs?: Logs) {
        void record('onEpochBegin', epoch, logs, false);
      },
      async onBatchBegin(batch: number, logs?: Logs) {
        await record('onBatchBegin', batch, logs, true);
      },
      onBatchEnd(batch: number, logs?: Logs) {
        void record('onBatchEnd', batch, logs, false);
      },
      async onEpochEnd(epoch: number, logs?: Logs) {
        await record('onEpochEnd', epoch, logs, true);
      },
      async onTrainEnd(logs?: Logs) {
        await record('onTrainEnd', undefined, logs, true);
        trainEndFinished = true;
      },
    };
    const history = await model.fit(x, y, { epochs: 2, batchSize: 4, shuffle: false, callbacks: [hooks] });
    expect(trainEndFinished).toBe(true);
    expect(overlaps).toBe(0);

    const epochOrder = (e: number) => [
      `onEpochBegin ${e}`,
      ...[0, 1, 2].flatMap((b) => [`onBatchBegin ${b}`, `onBatchEnd ${b}`]),
      `onEpochEnd ${e}`,
    ];
    expect(calls.map(([h, i]) => (i === undefined ? h : `${h} ${i}`))).toEqual([
      'onTrainBegin',
      ...epochOrder(0),
      ...epochOrder(1),
      'onTrainEnd',
    ]);
    // begin hooks get no values
    for (const [h, , logs] of calls) if (h.endsWith('Begin')) expect(logs ?? {}).toEqual({});
    // batch ends: { loss, size }, the first loss equal to the reference from the initial weights
    const batchEnds = calls.filter(([h]) => h === 'onBatchEnd').map(([, , logs]) => logs as Logs);
    for (const logs of batchEnds) expect(Object.keys(logs).sort()).toEqual(['loss', 'size']);
    expect(batchEnds.map((l) => l.size)).toEqual([4, 4, 4, 4, 4, 4]);
    expect(batchEnds[0].loss).toBeCloseTo(firstBatchReference, 5);
    // epoch ends: the mean of that epoch's batch losses, the learning rate, as recorded in the History
    const epochEnds = calls.filter(([h]) => h === 'onEpochEnd').map(([, , logs]) => logs as Logs);
    for (const e of [0, 1]) {
      const mean = batchEnds.slice(3 * e, 3 * e + 3).reduce((a, l) => a + l.loss, 0) / 3;
      expect(epochEnds[e].loss).toBeCloseTo(mean, 6);
      expect(epochEnds[e]).toEqual({ loss: history.history.loss[e], lr: 0.5 });
    }
    expect(calls.at(-1)?.[2]).toEqual(epochEnds[1]);
    // training went downhill from the reference, and nothing was left allocated
    expect(epochEnds[1].loss).toBeLessThan(firstBatchReference);
    expect(numTensors()).toBe(before);
  });
});
