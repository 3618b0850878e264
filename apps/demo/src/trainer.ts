/**
 * The worker's training session: the data as tensors, the model, `fit` with
 * callbacks that stream progress, pause and stop, and the held-out
 * evaluation afterwards. Uses only the packages' public APIs.
 */
import { dispose, ops, type Tensor, tensor1d, tensor4d, tidy } from '@convkit/core';
import type { CallbackLike, Logs, Sequential } from '@convkit/layers';
import type { Digits } from './digits';
import { PIXELS, toFloat } from './digits';
import { buildModel, buildOptimizer, buildTunedModel } from './models';
import type { DigitGrid, Evaluation, Response, TrainConfig, TrainResult } from './protocol';

const GRID = 64;

/** A dataset as tensors: images [n, 28, 28, 1] in [0, 1], labels [n] int32. */
export interface TensorSet {
  xs: Tensor;
  ys: Tensor;
  digits: Digits;
}

/** Turns parsed digits into tensors (the caller disposes them). */
export function toTensors(digits: Digits): TensorSet {
  return {
    xs: tensor4d(toFloat(digits.pixels), [digits.count, 28, 28, 1]),
    ys: tensor1d(Int32Array.from(digits.labels), 'int32'),
    digits,
  };
}

/** Resolves after the event loop has run, so messages (pause, stop) get handled during `fit`. */
export function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Trains one model at a time; the trained model stays for predictions and compression. */
export class Trainer {
  model?: Sequential;
  private running = false;
  private paused = false;
  private stopRequested = false;
  private wake?: () => void;

  constructor(
    readonly train: TensorSet,
    readonly test: TensorSet,
    private readonly emit: (message: Response) => void,
  ) {}

  get busy(): boolean {
    return this.running;
  }

  pause(): void {
    if (this.running) this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.wake?.();
  }

  stop(): void {
    if (!this.running) return;
    this.stopRequested = true;
    this.resume();
  }

  /** Builds a fresh model and trains it with `config`; resolves with the held-out evaluation. */
  async run(config: TrainConfig): Promise<TrainResult> {
    if (this.running) throw new Error('training is already running');
    this.running = true;
    this.paused = false;
    this.stopRequested = false;
    try {
      this.model?.dispose();
      this.model = undefined;
      const model = config.architecture ? buildTunedModel(config.architecture) : buildModel(config.model);
      this.model = model;
      model.compile({
        optimizer: buildOptimizer(config.optimizer, config.learningRate),
        loss: 'sparseCategoricalCrossentropy',
        metrics: ['accuracy'],
      });
      const n = this.train.digits.count;
      const stepsPerEpoch = Math.ceil(n / config.batchSize);
      const totalSteps = stepsPerEpoch * config.epochs;
      let step = 0;
      let epochsDone = 0;
      let trainMs = 0;
      let last = performance.now();
      const callback: CallbackLike = {
        onBatchEnd: async (_batch: number, logs?: Logs) => {
          const now = performance.now();
          trainMs += now - last;
          step++;
          const images = step * config.batchSize;
          const perStep = trainMs / step;
          this.emit({
            type: 'batch',
            step,
            totalSteps,
            epoch: epochsDone,
            loss: logs?.loss ?? Number.NaN,
            accuracy: logs?.accuracy ?? Number.NaN,
            imagesPerSecond: (images / trainMs) * 1000,
            secondsLeft: ((totalSteps - step) * perStep) / 1000,
          });
          await yieldToEvents();
          while (this.paused && !this.stopRequested) await new Promise<void>((wake) => (this.wake = wake));
          if (this.stopRequested) model.stopTraining = true;
          last = performance.now();
        },
        onEpochEnd: (epoch: number, logs?: Logs) => {
          epochsDone = epoch + 1;
          this.emit({
            type: 'epoch',
            epoch: epochsDone,
            step,
            loss: logs?.loss ?? Number.NaN,
            accuracy: logs?.accuracy ?? Number.NaN,
            valLoss: logs?.val_loss ?? Number.NaN,
            valAccuracy: logs?.val_accuracy ?? Number.NaN,
          });
          last = performance.now();
        },
      };
      await model.fit(this.train.xs, this.train.ys, {
        epochs: config.epochs,
        batchSize: config.batchSize,
        validationData: [this.test.xs, this.test.ys],
        callbacks: [callback],
      });
      const evaluation = await this.evaluate();
      return { stopped: this.stopRequested, epochs: epochsDone, evaluation };
    } finally {
      this.running = false;
    }
  }

  /** Accuracy, confusion matrix and digit grids of the current model on the held-out set. */
  async evaluate(): Promise<Evaluation> {
    const model = this.requireModel();
    const ids = tidy(() => ops.argMax(model.predict(this.test.xs, { batchSize: 256 }), -1));
    let predicted: Int32Array;
    try {
      predicted = (await ids.data()) as Int32Array;
    } finally {
      dispose(ids);
    }
    const { labels, pixels } = this.test.digits;
    const confusion = Array.from({ length: 10 }, () => new Array<number>(10).fill(0));
    let correct = 0;
    const wrong: number[] = [];
    for (let i = 0; i < labels.length; i++) {
      confusion[labels[i]][predicted[i]]++;
      if (labels[i] === predicted[i]) correct++;
      else if (wrong.length < GRID) wrong.push(i);
    }
    const grid = (indices: number[]): DigitGrid => {
      const out = new Uint8Array(indices.length * PIXELS);
      indices.forEach((d, k) => out.set(pixels.subarray(d * PIXELS, (d + 1) * PIXELS), k * PIXELS));
      return { pixels: out, labels: indices.map((d) => labels[d]), predicted: indices.map((d) => predicted[d]) };
    };
    return {
      accuracy: correct / labels.length,
      confusion,
      grid: grid(Array.from({ length: Math.min(GRID, labels.length) }, (_, i) => i)),
      mistakes: grid(wrong),
    };
  }

  /** Class probabilities of one 28×28 image (values in [0, 1]). */
  async predict(pixels: Float32Array): Promise<number[]> {
    const model = this.requireModel();
    const x = tensor4d(pixels, [1, 28, 28, 1]);
    const probs = model.predict(x);
    try {
      return Array.from(await probs.data());
    } finally {
      dispose([x, probs]);
    }
  }

  requireModel(): Sequential {
    if (!this.model) throw new Error('train a model first');
    return this.model;
  }
}
