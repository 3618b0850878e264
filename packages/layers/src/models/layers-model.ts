/**
 * `LayersModel`: what `Sequential` and the functional `Model` share —
 * compile, fit, evaluate, predict, summary, weights. The training step runs
 * the forward pass under tfjs's gradient tape, checks that the loss is
 * finite, then hands the gradients to the optimizer; everything it creates is
 * freed, so the live tensor count is the same before and after every call.
 */
import {
  type Batch,
  type BatchSource,
  ConfigError,
  createOptimizer,
  dispose,
  formatShape,
  getRng,
  isOptimizer,
  keep,
  NonFiniteError,
  type Optimizer,
  ops,
  type Shape,
  ShapeError,
  type Tensor,
  tensor1d,
  tidy,
  variableGrads,
} from '@convkit/core';
import type { Layer, LayerWeight } from '../engine/layer';
import type { Serialized } from '../engine/types';
import { type Callback, callAll, type Logs, notifyTrainError } from './callbacks/callback';
import { ProgressBar } from './callbacks/progress-bar';
import type { History } from './history';
import { type ModelJson, modelJsonOf } from './io/model-json';
import { getLoss, type LossFn, type LossIdentifier } from './losses';
import { getMetric, type Metric, type MetricIdentifier } from './metrics';

/** Options of `compile`. */
export interface CompileOptions {
  /** An optimizer instance (from `@convkit/optim`) or a registered name such as `'adam'`. */
  optimizer: Optimizer | string;
  /** A loss name (`'sparseCategoricalCrossentropy'`, `'mse'`, ...) or function. */
  loss: LossIdentifier;
  /** Metric names (`'accuracy'`, `'precision'`, ...) or `Metric` instances. */
  metrics?: MetricIdentifier[];
}

/** Options of `fit`. */
export interface FitOptions {
  /** Default 1. */
  epochs?: number;
  /** Samples per step when training from tensors. Default 32. */
  batchSize?: number;
  /** Fraction of the samples (the last ones, as Keras) held out for validation. */
  validationSplit?: number;
  /** Held-out data evaluated after every epoch: `[x, y]` tensors or a batch source. */
  validationData?: [Tensor, Tensor] | BatchSource;
  /** Shuffle the training samples every epoch (tensors only; seeded by `setSeed`). Default true. */
  shuffle?: boolean;
  callbacks?: Callback[];
  /**
   * 0: silent (default, unlike Keras, so libraries and tests stay quiet);
   * 1: a `ProgressBar` on stderr (redrawn in place on a terminal);
   * 2: one line per epoch.
   */
  verbose?: 0 | 1 | 2;
  /** Epoch to start counting from (for resumed training). Default 0. */
  initialEpoch?: number;
}

/** Options of `evaluate` and `predict`. */
export interface EvaluateOptions {
  /** Default 32. */
  batchSize?: number;
}

/** Base of `Sequential` and `Model`. */
export abstract class LayersModel {
  readonly name: string;
  /** Set by a callback to end `fit` after the current batch. */
  stopTraining = false;
  optimizer?: Optimizer;
  lossFn?: LossFn;
  metrics: Metric[] = [];
  protected compileConfig?: { loss: string; metrics: string[] };

  protected constructor(name: string) {
    this.name = name;
  }

  /** The layers in execution order (each once). */
  abstract get layers(): Layer[];
  /** Input shape with a `null` batch dimension. */
  abstract get inputShape(): Shape;
  /** Output shape with a `null` batch dimension. */
  abstract get outputShape(): Shape;
  /** Runs the model on a batch. */
  protected abstract forward(x: Tensor, training: boolean): Tensor;
  /** Output shape of every layer (batch dimension `null`), in `layers` order. */
  abstract layerOutputShapes(): Shape[];
  /** `{ className, config }` describing the architecture (no weights). */
  abstract toConfig(): Serialized;

  /**
   * The model's `model.json` in convkit's format: `{ format: 'convkit-model',
   * version: 1, topology: { className, config }, weightsManifest, training? }`.
   * Weight values are not included (see `toArtifacts` / `saveModel`), so
   * `JSON.stringify(model)` is cheap and never touches the device.
   */
  toJSON(): ModelJson {
    return modelJsonOf(this);
  }

  /** `Model "name"`, for error messages. */
  describe(): string {
    return `Model "${this.name}"`;
  }

  /** Every weight, each once, in layer order. */
  get weights(): LayerWeight[] {
    const seen = new Set<LayerWeight>();
    for (const l of this.layers) for (const w of l.weights) seen.add(w);
    return [...seen];
  }

  get trainableWeights(): LayerWeight[] {
    return this.weights.filter((w) => w.trainable);
  }

  get nonTrainableWeights(): LayerWeight[] {
    return this.weights.filter((w) => !w.trainable);
  }

  /** Copies of all weight values in `weights` order (the caller disposes them). */
  getWeights(): Tensor[] {
    return this.weights.map((w) => ops.add(w.variable, 0));
  }

  /** Assigns all weight values in `weights` order. */
  setWeights(values: readonly Tensor[]): void {
    const ws = this.weights;
    if (values.length !== ws.length) {
      throw new ShapeError(`${this.describe()} has ${ws.length} weights, received ${values.length} values`);
    }
    ws.forEach((w, i) => w.write(values[i]));
  }

  /** Total number of parameters. */
  countParams(): number {
    return this.weights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
  }

  /** The layer called `name`. */
  getLayer(name: string): Layer {
    const layer = this.layers.find((l) => l.name === name);
    if (!layer)
      throw new ConfigError(
        `${this.describe()} has no layer '${name}'. Layers: ${this.layers.map((l) => l.name).join(', ')}`,
      );
    return layer;
  }

  /**
   * Sets the optimizer, loss and metrics used by `fit` and `evaluate`. Every
   * option is resolved first: an unknown name is a `ConfigError` listing the
   * known ones and leaves the model as it was.
   */
  compile(options: CompileOptions): void {
    const lossFn = getLoss(options.loss);
    const metrics = (options.metrics ?? []).map(getMetric);
    const opt = typeof options.optimizer === 'string' ? createOptimizer(options.optimizer) : options.optimizer;
    if (!isOptimizer(opt))
      throw new ConfigError(`${this.describe()}.compile: optimizer must implement Optimizer or be a registered name`);
    this.optimizer = opt;
    this.lossFn = lossFn;
    this.metrics = metrics;
    this.compileConfig = { loss: lossFn.lossName, metrics: metrics.map((m) => m.name) };
  }

  /** Loss name and metric names given to `compile`, for saving. */
  get trainingConfig(): { loss: string; metrics: string[]; optimizer?: Serialized } | undefined {
    if (!this.compileConfig) return undefined;
    return {
      ...this.compileConfig,
      optimizer: this.optimizer
        ? { className: this.optimizer.className, config: this.optimizer.getConfig() }
        : undefined,
    };
  }

  private requireCompiled(what: string): { optimizer: Optimizer; lossFn: LossFn } {
    if (!this.optimizer || !this.lossFn) {
      throw new ConfigError(`${this.describe()}: call compile({ optimizer, loss }) before ${what}`);
    }
    return { optimizer: this.optimizer, lossFn: this.lossFn };
  }

  /** Throws a `ShapeError` unless `x` fits the model's input shape. */
  protected checkInput(x: Tensor, what: string): void {
    const expected = this.inputShape;
    const ok = x.rank === expected.length && expected.every((d, i) => i === 0 || d === null || d === x.shape[i]);
    if (!ok) {
      throw new ShapeError(
        `${this.describe()}.${what}: expected input of shape ${formatShape(expected)}, received ${formatShape(x.shape)}`,
      );
    }
  }

  /**
   * Runs the model on one batch and returns its output, with `training: true`
   * for training behaviour (dropout, batch statistics). Unlike `predict` it
   * does not split `x` into batches and creates intermediate tensors in the
   * caller's scope: call it inside `tidy` or a gradient function (custom
   * training loops, distillation).
   */
  call(x: Tensor, options: { training?: boolean } = {}): Tensor {
    this.checkInput(x, 'call');
    return this.forward(x, options.training ?? false);
  }

  /** Runs the model on `x` in inference mode, in batches. Returns a new tensor. */
  predict(x: Tensor, options: EvaluateOptions = {}): Tensor {
    this.checkInput(x, 'predict');
    const batchSize = positiveInt('batchSize', options.batchSize ?? 32);
    const n = x.shape[0];
    if (n <= batchSize) return tidy(() => this.forward(x, false));
    const parts: Tensor[] = [];
    for (let start = 0; start < n; start += batchSize) {
      const size = Math.min(batchSize, n - start);
      parts.push(tidy(() => this.forward(sliceBatch(x, start, size), false)));
    }
    const out = ops.concat(parts, 0);
    dispose(parts);
    return out;
  }

  /** Loss and metrics over `x, y` (or a batch source), in inference mode. */
  async evaluate(x: Tensor | BatchSource, y?: Tensor | EvaluateOptions, options: EvaluateOptions = {}): Promise<Logs> {
    const { lossFn } = this.requireCompiled('evaluate');
    let source: BatchSource;
    if (isTensor(x)) {
      if (!isTensor(y)) throw new ConfigError(`${this.describe()}.evaluate(x, y): y is missing`);
      this.checkPair(x, y, 'evaluate');
      source = tensorBatches(x, y, positiveInt('batchSize', options.batchSize ?? 32), null);
    } else {
      source = x;
    }
    for (const m of this.metrics) m.reset();
    let lossSum = 0;
    let count = 0;
    for await (const batch of source as AsyncIterable<Batch>) {
      try {
        this.checkInput(batch.xs, 'evaluate');
        const pred = tidy(() => this.forward(batch.xs, false));
        const loss = tidy(() => lossFn(batch.ys, pred));
        const b = batch.xs.shape[0];
        lossSum += loss.dataSync()[0] * b;
        count += b;
        for (const m of this.metrics) m.update(batch.ys, pred);
        dispose([pred, loss]);
      } finally {
        dispose([batch.xs, batch.ys]);
      }
    }
    if (count === 0) throw new ConfigError(`${this.describe()}.evaluate: no samples`);
    const logs: Logs = { loss: lossSum / count };
    for (const m of this.metrics) logs[m.name] = m.result();
    return logs;
  }

  private checkPair(x: Tensor, y: Tensor, what: string): void {
    this.checkInput(x, what);
    if (y.shape[0] !== x.shape[0]) {
      throw new ShapeError(`${this.describe()}.${what}: x has ${x.shape[0]} samples but y has ${y.shape[0]}`);
    }
  }

  /**
   * One optimisation step on a batch. Returns the batch loss. Throws
   * `NonFiniteError` (before touching the weights) when the loss is NaN or infinite.
   */
  trainOnBatch(xs: Tensor, ys: Tensor): number {
    const { optimizer, lossFn } = this.requireCompiled('trainOnBatch');
    const weights = this.trainableWeights;
    const vars = weights.map((w) => w.variable);
    let pred: Tensor | undefined;
    const { value, grads } = variableGrads(() => {
      const out = this.forward(xs, true);
      pred = keep(out);
      let loss = lossFn(ys, out);
      const reg = this.layers.flatMap((l) => l.regularizationLosses());
      if (reg.length > 0) loss = ops.add(loss, ops.addN(reg));
      return loss as never;
    }, vars);
    try {
      const loss = value.dataSync()[0];
      if (!Number.isFinite(loss)) {
        throw new NonFiniteError(
          `${this.describe()}: the loss became ${loss}; the weights were left as they were before this step`,
        );
      }
      const pairs = vars
        .filter((v) => grads[v.name] !== undefined)
        .map((v) => ({ variable: v, gradient: grads[v.name] }));
      optimizer.applyGradients(pairs);
      for (const m of this.metrics) m.update(ys, pred!);
      return loss;
    } finally {
      dispose(value);
      dispose(Object.values(grads));
      if (pred) dispose(pred);
    }
  }

  /**
   * Trains the model. `fit(x, y, options)` takes tensors; `fit(source, options)`
   * takes a re-iterable source of batches (e.g. a `@convkit/data` dataset) and
   * disposes each batch after its step. Resolves to the `History`.
   */
  async fit(x: Tensor, y: Tensor, options?: FitOptions): Promise<History>;
  async fit(source: BatchSource, options?: FitOptions): Promise<History>;
  async fit(a: Tensor | BatchSource, b?: Tensor | FitOptions, c?: FitOptions): Promise<History> {
    this.requireCompiled('fit');
    const options: FitOptions = (isTensor(a) ? c : (b as FitOptions | undefined)) ?? {};
    const epochs = positiveInt('epochs', options.epochs ?? 1);
    const batchSize = positiveInt('batchSize', options.batchSize ?? 32);
    const initialEpoch = options.initialEpoch ?? 0;
    const callbacks = [...(options.callbacks ?? [])];
    const verbose = options.verbose ?? 0;
    if (verbose !== 0 && verbose !== 1 && verbose !== 2)
      throw new ConfigError(`${this.describe()}.fit: verbose must be 0, 1 or 2, got ${String(verbose)}`);
    if (verbose > 0 && !callbacks.some((cb) => cb instanceof ProgressBar)) {
      callbacks.push(new ProgressBar({ mode: verbose === 2 ? 'lines' : 'auto' }));
    }
    if (!Number.isInteger(initialEpoch) || initialEpoch < 0)
      throw new ConfigError(`${this.describe()}.fit: initialEpoch must be a non-negative integer, got ${initialEpoch}`);
    const owned: Tensor[] = [];
    let train: () => BatchSource;
    let validation: BatchSource | undefined;
    let samples: number | undefined;
    let steps: number | undefined;

    if (isTensor(a)) {
      const y = b as Tensor;
      if (!isTensor(y)) throw new ConfigError(`${this.describe()}.fit(x, y): y must be a tensor`);
      this.checkPair(a, y, 'fit');
      let xTrain = a;
      let yTrain = y;
      const split = options.validationSplit ?? 0;
      if (split < 0 || split >= 1)
        throw new ConfigError(`${this.describe()}.fit: validationSplit must be in [0, 1), got ${split}`);
      if (split > 0) {
        const n = a.shape[0];
        const nTrain = Math.floor(n * (1 - split));
        if (nTrain === 0 || nTrain === n)
          throw new ConfigError(
            `${this.describe()}.fit: validationSplit ${split} leaves no training or validation samples out of ${n}`,
          );
        xTrain = sliceBatch(a, 0, nTrain);
        yTrain = sliceBatch(y, 0, nTrain);
        const xVal = sliceBatch(a, nTrain, n - nTrain);
        const yVal = sliceBatch(y, nTrain, n - nTrain);
        owned.push(xTrain, yTrain, xVal, yVal);
        validation = tensorBatches(xVal, yVal, batchSize, null);
      }
      const shuffle = options.shuffle ?? true;
      const xs = xTrain;
      const ys = yTrain;
      samples = xs.shape[0];
      steps = Math.ceil(samples / batchSize);
      train = () => tensorBatches(xs, ys, batchSize, shuffle ? getRng().permutation(xs.shape[0]) : null);
    } else {
      const source = a;
      steps = source.batchCount;
      train = () => source;
    }
    if (options.validationData) {
      const vd = options.validationData;
      if (Array.isArray(vd)) {
        this.checkPair(vd[0], vd[1], 'fit validationData');
        validation = tensorBatches(vd[0], vd[1], batchSize, null);
      } else {
        validation = vd;
      }
    }

    const history: History = { epoch: [], history: {} };
    this.stopTraining = false;
    for (const cb of callbacks) {
      cb.setModel(this);
      cb.setParams({ epochs, initialEpoch, steps, samples, batchSize });
    }
    let lastLogs: Logs | undefined;
    try {
      await callAll(callbacks, 'onTrainBegin');
      for (let epoch = initialEpoch; epoch < epochs && !this.stopTraining; epoch++) {
        await callAll(callbacks, 'onEpochBegin', epoch);
        for (const m of this.metrics) m.reset();
        let lossSum = 0;
        let count = 0;
        let step = 0;
        for await (const batch of train() as AsyncIterable<Batch>) {
          try {
            this.checkInput(batch.xs, 'fit');
            if (batch.ys.shape[0] !== batch.xs.shape[0]) {
              throw new ShapeError(
                `${this.describe()}.fit: a batch has ${batch.xs.shape[0]} inputs but ${batch.ys.shape[0]} targets`,
              );
            }
            await callAll(callbacks, 'onBatchBegin', step);
            const size = batch.xs.shape[0];
            let loss: number;
            try {
              loss = this.trainOnBatch(batch.xs, batch.ys);
            } catch (err) {
              if (err instanceof NonFiniteError) {
                throw new NonFiniteError(
                  `${this.describe()}: loss is not finite at epoch ${epoch + 1}, batch ${step + 1}. ${err.message}`,
                  { cause: err },
                );
              }
              throw err;
            }
            lossSum += loss * size;
            count += size;
            const logs: Logs = { loss, size };
            for (const m of this.metrics) logs[m.name] = m.result();
            await callAll(callbacks, 'onBatchEnd', step, logs);
          } finally {
            dispose([batch.xs, batch.ys]);
          }
          step++;
          if (this.stopTraining) break;
        }
        if (count === 0) throw new ConfigError(`${this.describe()}.fit: the training data produced no batches`);
        const logs: Logs = { loss: lossSum / count };
        for (const m of this.metrics) logs[m.name] = m.result();
        if (validation) {
          const val = await this.evaluate(validation);
          for (const [k, v] of Object.entries(val)) logs[`val_${k}`] = v;
        }
        logs.lr = this.optimizer!.learningRate;
        history.epoch.push(epoch);
        for (const [k, v] of Object.entries(logs)) {
          history.history[k] = [...(history.history[k] ?? []), v];
        }
        await callAll(callbacks, 'onEpochEnd', epoch, logs);
        lastLogs = logs;
      }
      await callAll(callbacks, 'onTrainEnd', lastLogs);
    } catch (err) {
      await notifyTrainError(callbacks, err);
      throw err;
    } finally {
      dispose(owned);
    }
    return history;
  }

  /** A Keras-style table of layers, output shapes and parameter counts. Printed with `print` (default `console.log`). */
  summary(print: ((line: string) => void) | null = console.log): string {
    const shapes = this.layerOutputShapes();
    const rows = this.layers.map((l, i) => [
      `${l.name} (${l.className})`,
      formatShape(shapes[i]),
      String(l.countParams()),
    ]);
    const head = ['Layer (type)', 'Output Shape', 'Param #'];
    const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)) + 2);
    const fmt = (r: string[]) => r.map((v, c) => (c === 2 ? v.padStart(widths[c] - 2) : v.padEnd(widths[c]))).join('');
    const total = widths.reduce((a, w) => a + w, 0);
    const count = (ws: LayerWeight[]) => ws.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
    const lines = [
      `Model: "${this.name}"`,
      '_'.repeat(total),
      fmt(head),
      '='.repeat(total),
      ...rows.flatMap((r, i) => [fmt(r), i < rows.length - 1 ? '_'.repeat(total) : '='.repeat(total)]),
      `Total params: ${this.countParams().toLocaleString('en-US')}`,
      `Trainable params: ${count(this.trainableWeights).toLocaleString('en-US')}`,
      `Non-trainable params: ${count(this.nonTrainableWeights).toLocaleString('en-US')}`,
      '_'.repeat(total),
    ];
    const text = lines.join('\n');
    if (print) for (const line of lines) print(line);
    return text;
  }

  /** Frees every weight and the optimizer state. */
  dispose(): void {
    for (const l of this.layers) l.dispose();
    this.optimizer?.dispose();
  }
}

function positiveInt(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) throw new ConfigError(`${name} must be a positive integer, got ${value}`);
  return value;
}

/** True for a tfjs tensor (duck-typed: it survives several copies of tfjs-core). */
export function isTensor(x: unknown): x is Tensor {
  return typeof x === 'object' && x !== null && 'dataId' in x && 'shape' in x && 'dtype' in x;
}

/** Rows `[start, start + size)` of `x` along the batch axis. */
export function sliceBatch(x: Tensor, start: number, size: number): Tensor {
  return ops.slice(x, [start, ...x.shape.slice(1).map(() => 0)], [size, ...x.shape.slice(1).map(() => -1)]);
}

/** Batches of `x, y` in order or by `order`, as a one-pass source (each batch owned by the consumer). */
function tensorBatches(x: Tensor, y: Tensor, batchSize: number, order: Int32Array | null): BatchSource {
  const n = x.shape[0];
  const batchCount = Math.ceil(n / batchSize);
  function* gen(): Generator<Batch> {
    for (let start = 0; start < n; start += batchSize) {
      const size = Math.min(batchSize, n - start);
      if (order) {
        const idx = tensor1d(order.subarray(start, start + size), 'int32');
        const batch = { xs: ops.gather(x, idx), ys: ops.gather(y, idx) };
        idx.dispose();
        yield batch;
      } else {
        yield { xs: sliceBatch(x, start, size), ys: sliceBatch(y, start, size) };
      }
    }
  }
  return Object.assign({ [Symbol.iterator]: gen }, { batchCount });
}
