import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConfigError,
  type GradientPair,
  NonFiniteError,
  numTensors,
  type Optimizer,
  ops,
  randomNormal,
  setSeed,
  type Tensor,
  tidy,
} from '@convkit/core';
import {
  Callback,
  Dense,
  EarlyStopping,
  formatPath,
  LearningRateScheduler,
  type Logs,
  loadModel,
  type ModelArtifacts,
  ModelCheckpoint,
  ProgressBar,
  type ProgressEvent,
  ReduceLROnPlateau,
  Sequential,
  TerminateOnNaN,
} from '@convkit/layers';
import { SGD } from '@convkit/optim';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fileHandlerTestHooks } from '../../src/models/io/file-handler';

const disposables: { dispose(): void }[] = [];
afterEach(() => {
  for (const d of disposables.splice(0)) d.dispose();
  fileHandlerTestHooks.onStage = undefined;
  vi.restoreAllMocks();
});

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'convkit-callbacks-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** 16 samples of 4 features, 2 classes; a Dense softmax classifier. Tiny, so each epoch is a few ms. */
function setup(seed: number, optimizer: Optimizer = new SGD({ learningRate: 0.1 })) {
  setSeed(seed);
  const x = randomNormal([16, 4]);
  const y = tidy(() => ops.cast(ops.greater(ops.sum(x, 1), 0), 'int32'));
  const model = new Sequential({ layers: [new Dense({ units: 2, activation: 'softmax', inputShape: [4] })] });
  model.compile({ optimizer, loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  disposables.push(x, y, model);
  return { x, y, model };
}

/** Overwrites `key` in the epoch logs with scripted values, so monitors see a known sequence. */
class Script extends Callback {
  constructor(
    private readonly key: string,
    private readonly values: number[],
  ) {
    super();
  }
  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    logs[this.key] = this.values[epoch];
  }
}

/** Records host copies of the weights after every epoch (or before every batch). */
class WeightRecorder extends Callback {
  epochs: number[][][] = [];
  beforeBatch: number[][] = [];
  override onEpochEnd(): void {
    this.epochs.push(read(this.model.getWeights()));
  }
  override onBatchBegin(): void {
    this.beforeBatch = read(this.model.getWeights());
  }
}

function read(tensors: Tensor[]): number[][] {
  const out = tensors.map((t) => Array.from(t.dataSync()));
  for (const t of tensors) t.dispose();
  return out;
}

describe('EarlyStopping', () => {
  it('stops after `patience` epochs without improvement and restores the best weights', async () => {
    const { x, y, model } = setup(1);
    const recorder = new WeightRecorder();
    const early = new EarlyStopping({ monitor: 'val_loss', patience: 2, restoreBestWeights: true });
    const start = numTensors();
    // best at epoch 1; epochs 2 and 3 do not improve → stop at epoch 3
    const script = new Script('val_loss', [1.0, 0.5, 0.6, 0.55, 0.1, 0.1]);
    const h = await model.fit(x, y, { epochs: 6, batchSize: 8, callbacks: [script, recorder, early] });
    expect(h.epoch).toEqual([0, 1, 2, 3]);
    expect(early.stoppedEpoch).toBe(3);
    expect(early.bestEpoch).toBe(1);
    expect(early.best).toBe(0.5);
    expect(read(model.getWeights())).toEqual(recorder.epochs[1]);
    expect(read(model.getWeights())).not.toEqual(recorder.epochs[3]);
    expect(numTensors()).toBe(start);
  });

  it('maximises accuracy-like keys, honours minDelta and keeps the last weights without restore', async () => {
    const { x, y, model } = setup(2);
    const recorder = new WeightRecorder();
    const early = new EarlyStopping({ monitor: 'val_accuracy', minDelta: 0.05, patience: 1 });
    expect(early.mode).toBe('max');
    // 0.52 is not better than 0.5 by more than minDelta → stop at epoch 1
    const script = new Script('val_accuracy', [0.5, 0.52, 0.9]);
    const h = await model.fit(x, y, { epochs: 3, batchSize: 8, callbacks: [script, recorder, early] });
    expect(h.epoch).toEqual([0, 1]);
    expect(read(model.getWeights())).toEqual(recorder.epochs[1]);
    expect(() => new EarlyStopping({ patience: -1 })).toThrow(ConfigError);
    expect(() => new EarlyStopping({ mode: 'up' as never })).toThrow(ConfigError);
  });
});

describe('learning-rate callbacks', () => {
  it('LearningRateScheduler sets the rate before every epoch', async () => {
    const { x, y, model } = setup(3);
    const seen: number[] = [];
    const h = await model.fit(x, y, {
      epochs: 3,
      batchSize: 8,
      callbacks: [
        new LearningRateScheduler((epoch, lr) => {
          seen.push(lr);
          return 0.1 / (epoch + 1);
        }),
      ],
    });
    expect(h.history.lr).toEqual([0.1, 0.05, 0.1 / 3]);
    expect(seen).toEqual([0.1, 0.1, 0.05]);
    expect(model.optimizer!.learningRate).toBeCloseTo(0.1 / 3);
    const bad = new LearningRateScheduler(() => Number.NaN);
    await expect(model.fit(x, y, { epochs: 1, callbacks: [bad] })).rejects.toThrow(/returned NaN at epoch 0/);
  });

  it('ReduceLROnPlateau multiplies by factor after patience, waits cooldown, stops at minLr', async () => {
    const { x, y, model } = setup(4);
    const plateau = new ReduceLROnPlateau({ monitor: 'val_loss', factor: 0.5, patience: 1, cooldown: 1, minLr: 0.02 });
    const h = await model.fit(x, y, {
      epochs: 8,
      batchSize: 16,
      callbacks: [new Script('val_loss', [1, 1, 1, 1, 1, 1, 1, 1]), plateau],
    });
    // `lr` in the history is the rate each epoch trained with. As in Keras, the
    // last cooldown epoch already counts towards patience.
    expect(h.history.lr).toEqual([0.1, 0.1, 0.05, 0.025, 0.02, 0.02, 0.02, 0.02]);
    expect(model.optimizer!.learningRate).toBe(0.02);
  });

  it('ReduceLROnPlateau does not reduce while the monitored value improves', async () => {
    const { x, y, model } = setup(5);
    const plateau = new ReduceLROnPlateau({ patience: 1, factor: 0.1 });
    await model.fit(x, y, { epochs: 4, batchSize: 16, callbacks: [new Script('val_loss', [4, 3, 2, 1]), plateau] });
    expect(model.optimizer!.learningRate).toBe(0.1);
    expect(() => new ReduceLROnPlateau({ factor: 1 })).toThrow(ConfigError);
  });
});

describe('ModelCheckpoint', () => {
  it('saveBestOnly saves exactly the improving epochs', async () => {
    const { x, y, model } = setup(6);
    const saved: ModelArtifacts[] = [];
    const recorder = new WeightRecorder();
    const ckpt = new ModelCheckpoint({ save: async (a) => void saved.push(a) }, { saveBestOnly: true });
    await model.fit(x, y, {
      epochs: 4,
      batchSize: 8,
      callbacks: [new Script('val_loss', [1, 0.5, 0.7, 0.3]), recorder, ckpt],
    });
    expect(saved).toHaveLength(3);
    expect(ckpt.best).toBe(0.3);
    const lastKernel = new Float32Array(saved[2].weights, 0, 8);
    expect(Array.from(lastKernel)).toEqual(recorder.epochs[3][0]);
  });

  it('fills placeholders in the path', () => {
    expect(formatPath('ckpt/e{epoch:03d}-{val_loss:.2f}-{missing}', 4, { val_loss: 0.12345 })).toBe(
      'ckpt/e005-0.12-{missing}',
    );
    expect(formatPath('ckpt/{epoch}', 0, {})).toBe('ckpt/1');
  });

  it('writes atomically: a save that fails midway leaves the previous checkpoint loadable', async () => {
    const { x, y, model } = setup(7);
    const dir = join(root, 'atomic');
    const recorder = new WeightRecorder();
    const ckpt = new ModelCheckpoint(dir);
    let epoch = 0;
    const failOnThird = new (class extends Callback {
      override onEpochBegin(e: number): void {
        epoch = e;
      }
    })();
    fileHandlerTestHooks.onStage = (stage) => {
      if (epoch === 2 && stage === 'afterModelJson') throw new Error('disk full (injected)');
    };
    const start = numTensors();
    await expect(
      model.fit(x, y, { epochs: 4, batchSize: 8, callbacks: [failOnThird, recorder, ckpt] }),
    ).rejects.toThrow('disk full (injected)');
    fileHandlerTestHooks.onStage = undefined;
    expect(numTensors()).toBe(start);
    expect(recorder.epochs).toHaveLength(3);
    const loaded = await loadModel(dir);
    disposables.push(loaded);
    // The checkpoint of epoch 2 (index 1) survived intact; epoch 3's weights never landed.
    expect(read(loaded.getWeights())).toEqual(recorder.epochs[1]);
    expect(read(loaded.getWeights())).not.toEqual(recorder.epochs[2]);
  });
});

/** Plain gradient descent that writes NaN into every weight on step `badStep` (the loss stays finite). */
class PoisonedSgd implements Optimizer {
  readonly className = 'PoisonedSgd';
  learningRate = 0.1;
  iterations = 0;
  constructor(private readonly badStep: number) {}
  applyGradients(pairs: readonly GradientPair[]): void {
    this.iterations++;
    for (const { variable, gradient } of pairs) {
      const next = tidy(() =>
        this.iterations === this.badStep
          ? ops.mul(variable, Number.NaN)
          : ops.sub(variable, ops.mul(gradient, this.learningRate)),
      );
      variable.assign(next);
      next.dispose();
    }
  }
  getConfig() {
    return {};
  }
  getState() {
    return [];
  }
  setState(): void {}
  dispose(): void {}
}

describe('TerminateOnNaN', () => {
  it('rejects with NonFiniteError naming epoch, batch and weight, and restores the weights of before the step', async () => {
    const { x, y, model } = setup(8, new PoisonedSgd(3));
    const recorder = new WeightRecorder();
    const start = numTensors();
    const run = model.fit(x, y, { epochs: 3, batchSize: 8, callbacks: [recorder, new TerminateOnNaN()] });
    await expect(run).rejects.toThrow(NonFiniteError);
    await run.catch((e: Error) => {
      // step 3 = epoch 2, batch 1 (two batches per epoch)
      expect(e.message).toMatch(/epoch 2, batch 1/);
      expect(e.message).toMatch(/dense_\d+\/kernel/);
      expect(e.message).toMatch(/restored/);
    });
    expect(numTensors()).toBe(start);
    const after = read(model.getWeights());
    expect(after.flat().every(Number.isFinite)).toBe(true);
    expect(after).toEqual(recorder.beforeBatch);
  });

  it('a non-finite validation value rejects at epoch end', async () => {
    const { x, y, model } = setup(9);
    const run = model.fit(x, y, {
      epochs: 3,
      batchSize: 8,
      callbacks: [new Script('val_loss', [0.5, Number.NaN, 0.1]), new TerminateOnNaN()],
    });
    await expect(run).rejects.toThrow(/val_loss became NaN at the end of epoch 2/);
  });

  it('a non-finite loss rejects before the weights change, with or without the guard', async () => {
    const { x, y, model } = setup(10);
    const bad = tidy(() => ops.mul(x, Number.POSITIVE_INFINITY));
    disposables.push(bad);
    const before = read(model.getWeights());
    const start = numTensors();
    await expect(model.fit(bad, y, { epochs: 1, batchSize: 8 })).rejects.toThrow(/epoch 1, batch 1/);
    // with the guard too: its snapshot of the weights is released when fit rejects
    await expect(model.fit(bad, y, { epochs: 1, batchSize: 8, callbacks: [new TerminateOnNaN()] })).rejects.toThrow(
      NonFiniteError,
    );
    expect(numTensors()).toBe(start);
    expect(read(model.getWeights())).toEqual(before);
  });
});

describe('ProgressBar', () => {
  function fakeStream(isTTY: boolean) {
    const chunks: string[] = [];
    return { chunks, stream: { isTTY, columns: 200, write: (s: string) => chunks.push(s) } };
  }
  /** A clock that advances 10 ms per call. */
  function clock() {
    let t = 0;
    return () => (t += 10);
  }

  it('prints one line per epoch when stderr is not a terminal', async () => {
    const { x, y, model } = setup(11);
    const { chunks, stream } = fakeStream(false);
    await model.fit(x, y, { epochs: 2, batchSize: 8, callbacks: [new ProgressBar({ stream, now: clock() })] });
    const text = chunks.join('');
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^Epoch 1\/2 - 2\/2 - \d+ms - loss \d\.\d{4} - accuracy \d\.\d{4} - lr 0\.100 - \d+ img\/s$/,
    );
    expect(lines[1]).toMatch(/^Epoch 2\/2 /);
    expect(text).not.toContain('\r');
  });

  it('redraws in place on a TTY, with ETA', async () => {
    const { x, y, model } = setup(12);
    const { chunks, stream } = fakeStream(true);
    await model.fit(x, y, {
      epochs: 1,
      batchSize: 4,
      callbacks: [new ProgressBar({ stream, now: clock(), minRedrawMs: 0, width: 8 })],
    });
    const text = chunks.join('');
    expect(text).toContain('\r\x1b[2KEpoch 1/1 [==>.....] 1/4 - loss');
    expect(text).toMatch(/img\/s - ETA \d+ms/);
    expect(text).toContain('[========] 4/4');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('emits events to a listener (browser mode) and verbose: 2 writes to stderr', async () => {
    const { x, y, model } = setup(13);
    const events: ProgressEvent[] = [];
    await model.fit(x, y, {
      epochs: 2,
      batchSize: 8,
      callbacks: [new ProgressBar({ stream: null, listener: (e) => void events.push(e), now: clock() })],
    });
    expect(events.map((e) => e.type)).toEqual(['batch', 'batch', 'epoch', 'batch', 'batch', 'epoch', 'end']);
    const b = events[0];
    expect(b).toMatchObject({ epoch: 0, epochs: 2, batch: 1, steps: 2 });
    expect(b.samplesPerSecond).toBeGreaterThan(0);
    expect(b.etaSeconds).toBeGreaterThan(0);
    expect(events[2].logs).toHaveProperty('loss');

    const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await model.fit(x, y, { epochs: 1, batchSize: 8, verbose: 2 });
    expect(spy.mock.calls.map((c) => String(c[0])).join('')).toMatch(/^Epoch 1\/1 - 2\/2 .*img\/s\n$/);
    await expect(model.fit(x, y, { verbose: 3 as never })).rejects.toThrow(ConfigError);
  });
});
