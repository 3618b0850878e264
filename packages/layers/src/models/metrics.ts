/**
 * Metrics that stream over batches: each keeps counts (not per-batch ratios)
 * so the epoch value is exact. Usable by name in `compile({ metrics: ['accuracy'] })`.
 */
import { ConfigError, formatShape, ops, ShapeError, type Tensor, tidy } from '@convkit/core';

/** A streaming metric. */
export interface Metric {
  /** Key in logs and history (`accuracy`, `val_accuracy`, ...). */
  readonly name: string;
  /** Forgets everything seen so far. */
  reset(): void;
  /**
   * Adds one batch. Reads the values synchronously; does not dispose its arguments.
   *
   * @param yTrue - Labels of the batch (sparse, one-hot or binary).
   * @param yPred - The model's outputs for the batch.
   */
  update(yTrue: Tensor, yPred: Tensor): void;
  /**
   * The value over everything seen since `reset`.
   *
   * @returns The metric value.
   */
  result(): number;
}

/**
 * True and predicted class ids of a batch. Labels may be sparse (`[b]`,
 * `[b, 1]`) or one-hot (`[b, k]`); predictions are `[b, k]` scores, or `[b]` /
 * `[b, 1]` probabilities for binary problems (thresholded at `threshold`).
 *
 * @param yTrue - Labels.
 * @param yPred - Scores or probabilities.
 * @param threshold - Decision threshold for binary predictions; default 0.5.
 * @returns The class ids and the number of classes.
 * @throws {ShapeError} when the batch sizes differ.
 */
export function classIds(
  yTrue: Tensor,
  yPred: Tensor,
  threshold = 0.5,
): {
  /** True class id of each sample. */
  truth: Int32Array;
  /** Predicted class id of each sample. */
  pred: Int32Array;
  /** Number of classes (2 for binary predictions). */
  numClasses: number;
} {
  const k = yPred.rank >= 2 ? yPred.shape[yPred.rank - 1] : 1;
  const b = yPred.shape[0];
  if (yTrue.shape[0] !== b) {
    throw new ShapeError(
      `Metric: labels ${formatShape(yTrue.shape)} and predictions ${formatShape(yPred.shape)} differ in batch size`,
    );
  }
  return tidy(() => {
    if (k === 1) {
      const pred = ops.cast(ops.greater(ops.reshape(yPred, [-1]), threshold), 'int32');
      const truth = ops.cast(ops.greater(ops.reshape(yTrue, [-1]), 0.5), 'int32');
      return { truth: truth.dataSync() as Int32Array, pred: pred.dataSync() as Int32Array, numClasses: 2 };
    }
    const pred = ops.argMax(yPred, -1);
    const oneHot = yTrue.rank === yPred.rank && yTrue.shape[yTrue.rank - 1] === k && k > 1;
    const truth = oneHot ? ops.argMax(yTrue, -1) : ops.cast(ops.reshape(yTrue, [-1]), 'int32');
    return { truth: truth.dataSync() as Int32Array, pred: pred.dataSync() as Int32Array, numClasses: k };
  });
}

/** Fraction of samples whose predicted class equals the label (sparse, one-hot or binary labels). */
export class Accuracy implements Metric {
  /** Key in logs, default `'accuracy'`. */
  readonly name: string;
  private correct = 0;
  private total = 0;

  /** @param options - `name` (default `'accuracy'`) and the binary `threshold` (default 0.5). */
  constructor(options: { name?: string; threshold?: number } = {}) {
    this.name = options.name ?? 'accuracy';
    this.threshold = options.threshold ?? 0.5;
  }

  private readonly threshold: number;

  reset(): void {
    this.correct = 0;
    this.total = 0;
  }

  update(yTrue: Tensor, yPred: Tensor): void {
    const { truth, pred } = classIds(yTrue, yPred, this.threshold);
    for (let i = 0; i < truth.length; i++) if (truth[i] === pred[i]) this.correct++;
    this.total += truth.length;
  }

  result(): number {
    return this.total === 0 ? 0 : this.correct / this.total;
  }
}

/** Fraction of samples whose label is among the `k` highest scores. */
export class TopKAccuracy implements Metric {
  /** Key in logs, default `top{k}Accuracy`. */
  readonly name: string;
  private hits = 0;
  private total = 0;

  /**
   * @param k - How many of the highest scores count; default 5.
   * @param name - Key in logs; default `top{k}Accuracy`.
   * @throws {ConfigError} when `k` is not a positive integer.
   */
  constructor(
    /** How many of the highest scores count. */
    readonly k = 5,
    name?: string,
  ) {
    if (!Number.isInteger(k) || k < 1) throw new ConfigError(`TopKAccuracy: k must be a positive integer, got ${k}`);
    this.name = name ?? `top${k}Accuracy`;
  }

  reset(): void {
    this.hits = 0;
    this.total = 0;
  }

  update(yTrue: Tensor, yPred: Tensor): void {
    const numClasses = yPred.shape[yPred.rank - 1];
    const { indices, truth } = tidy(() => {
      const top = ops.topk(yPred, Math.min(this.k, numClasses));
      const oneHot = yTrue.rank === yPred.rank && yTrue.shape[yTrue.rank - 1] === numClasses;
      const t = oneHot ? ops.argMax(yTrue, -1) : ops.cast(ops.reshape(yTrue, [-1]), 'int32');
      return { indices: top.indices.dataSync() as Int32Array, truth: t.dataSync() as Int32Array };
    });
    const kk = Math.min(this.k, numClasses);
    for (let i = 0; i < truth.length; i++) {
      for (let j = 0; j < kk; j++) {
        if (indices[i * kk + j] === truth[i]) {
          this.hits++;
          break;
        }
      }
    }
    this.total += truth.length;
  }

  result(): number {
    return this.total === 0 ? 0 : this.hits / this.total;
  }
}

/**
 * Confusion matrix `m[true][pred]` of class ids.
 *
 * @param yTrue - Labels (sparse `[b]`, one-hot `[b, k]` or binary).
 * @param yPred - Scores `[b, k]` or binary probabilities `[b]`.
 * @param numClasses - Size of the matrix; default the number of score columns.
 * @returns `m[true][pred]` counts.
 * @throws {ShapeError} when the batch sizes differ.
 * @throws {ConfigError} when a label is outside `0..numClasses-1`.
 *
 * @example
 * ```ts
 * import { tensor1d, tensor2d } from '@convkit/core';
 * import { confusionMatrix } from '@convkit/layers';
 *
 * const labels = tensor1d([0, 1, 1], 'int32');
 * const scores = tensor2d([[0.9, 0.1], [0.4, 0.6], [0.8, 0.2]]);
 * console.log(confusionMatrix(labels, scores)); // [[1, 0], [1, 1]]
 * ```
 */
export function confusionMatrix(yTrue: Tensor, yPred: Tensor, numClasses?: number): number[][] {
  const { truth, pred, numClasses: k0 } = classIds(yTrue, yPred);
  const k = numClasses ?? k0;
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < truth.length; i++) {
    if (truth[i] < 0 || truth[i] >= k) throw new ConfigError(`confusionMatrix: label ${truth[i]} outside 0..${k - 1}`);
    m[truth[i]][pred[i]]++;
  }
  return m;
}

/** How precision, recall and F1 combine classes. */
export type Averaging = 'macro' | 'binary';

/** Base of the metrics computed from a streaming confusion matrix. */
abstract class ConfusionMetric implements Metric {
  /** Key in logs. */
  abstract readonly name: string;
  /** Streaming confusion matrix `m[true][pred]`. */
  protected matrix: number[][] = [];
  /** `'macro'` (mean over classes) or `'binary'` (only `positiveClass`). */
  protected readonly average: Averaging;
  /** The class scored with `average: 'binary'`. */
  protected readonly positiveClass: number;
  private readonly threshold: number;

  /** @param options - `average` (default `'macro'`), `positiveClass` (default 1), `threshold` (default 0.5). */
  constructor(options: { average?: Averaging; positiveClass?: number; threshold?: number } = {}) {
    this.average = options.average ?? 'macro';
    this.positiveClass = options.positiveClass ?? 1;
    this.threshold = options.threshold ?? 0.5;
  }

  reset(): void {
    this.matrix = [];
  }

  update(yTrue: Tensor, yPred: Tensor): void {
    const { truth, pred, numClasses } = classIds(yTrue, yPred, this.threshold);
    if (this.matrix.length < numClasses) {
      const grown = Array.from({ length: numClasses }, (_, i) =>
        Array.from({ length: numClasses }, (_, j) => this.matrix[i]?.[j] ?? 0),
      );
      this.matrix = grown;
    }
    for (let i = 0; i < truth.length; i++) this.matrix[truth[i]][pred[i]]++;
  }

  /** Per-class [truePositives, predictedPositives, actualPositives]. */
  protected counts(c: number): [number, number, number] {
    const m = this.matrix;
    const tp = m[c]?.[c] ?? 0;
    let predicted = 0;
    let actual = 0;
    for (let i = 0; i < m.length; i++) {
      predicted += m[i][c];
      actual += m[c][i];
    }
    return [tp, predicted, actual];
  }

  /**
   * The metric for one class from its counts.
   *
   * @param tp - True positives.
   * @param predicted - Samples predicted as the class.
   * @param actual - Samples of the class.
   * @returns The per-class value.
   */
  protected abstract perClass(tp: number, predicted: number, actual: number): number;

  result(): number {
    if (this.average === 'binary') return this.perClass(...this.counts(this.positiveClass));
    const k = this.matrix.length;
    if (k === 0) return 0;
    let sum = 0;
    for (let c = 0; c < k; c++) sum += this.perClass(...this.counts(c));
    return sum / k;
  }
}

/**
 * Precision `tp / (tp + fp)`: macro-averaged over classes, or of `positiveClass` with `average: 'binary'`.
 *
 * @example
 * ```ts
 * import { Precision, Recall } from '@convkit/layers';
 *
 * model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy', new Precision(), new Recall()] });
 * ```
 */
export class Precision extends ConfusionMetric {
  /** Key in logs, default `'precision'`. */
  readonly name: string;
  /** @param options - `name` (default `'precision'`), `average` (default `'macro'`), `positiveClass` (default 1), `threshold` (default 0.5). */
  constructor(options: { name?: string; average?: Averaging; positiveClass?: number; threshold?: number } = {}) {
    super(options);
    this.name = options.name ?? 'precision';
  }
  protected perClass(tp: number, predicted: number): number {
    return predicted === 0 ? 0 : tp / predicted;
  }
}

/** Recall `tp / (tp + fn)`: macro-averaged over classes, or of `positiveClass` with `average: 'binary'`. */
export class Recall extends ConfusionMetric {
  /** Key in logs, default `'recall'`. */
  readonly name: string;
  /** @param options - `name` (default `'recall'`), `average` (default `'macro'`), `positiveClass` (default 1), `threshold` (default 0.5). */
  constructor(options: { name?: string; average?: Averaging; positiveClass?: number; threshold?: number } = {}) {
    super(options);
    this.name = options.name ?? 'recall';
  }
  protected perClass(tp: number, _predicted: number, actual: number): number {
    return actual === 0 ? 0 : tp / actual;
  }
}

/** F1 score `2·P·R / (P + R)` per class, macro-averaged (or binary). */
export class F1Score extends ConfusionMetric {
  /** Key in logs, default `'f1'`. */
  readonly name: string;
  /** @param options - `name` (default `'f1'`), `average` (default `'macro'`), `positiveClass` (default 1), `threshold` (default 0.5). */
  constructor(options: { name?: string; average?: Averaging; positiveClass?: number; threshold?: number } = {}) {
    super(options);
    this.name = options.name ?? 'f1';
  }
  protected perClass(tp: number, predicted: number, actual: number): number {
    return predicted + actual === 0 ? 0 : (2 * tp) / (predicted + actual);
  }
}

/** A metric by name or instance. */
export type MetricIdentifier = string | Metric;

/** Metric factories registered with `registerMetric`. */
const CUSTOM_METRICS = new Map<string, () => Metric>();

/**
 * Registers a custom metric factory under `name`, so `compile({ metrics: [name] })`
 * works and a saved model listing `name` in `training.metrics` loads.
 */
export function registerMetric(name: string, factory: () => Metric): void {
  if (typeof name !== 'string' || name.length === 0)
    throw new ConfigError('registerMetric: name must be a non-empty string');
  if (typeof factory !== 'function') throw new ConfigError(`registerMetric('${name}'): factory must be a function`);
  CUSTOM_METRICS.set(name, factory);
}

/**
 * Resolves `'accuracy' | 'acc' | 'topKAccuracy' | 'top5' | 'precision' | 'recall' | 'f1'`,
 * a name given to `registerMetric`, or a `Metric` (returned as is). Unknown
 * names are a `ConfigError` listing the known ones.
 */
export function getMetric(id: MetricIdentifier): Metric {
  if (typeof id === 'object' && id !== null && typeof (id as Metric).update === 'function') return id;
  if (typeof id !== 'string') throw new ConfigError(`Invalid metric of type ${typeof id}: pass a name or a Metric`);
  const factory = CUSTOM_METRICS.get(id);
  if (factory) return factory();
  switch (id) {
    case 'accuracy':
    case 'acc':
      return new Accuracy({ name: id });
    case 'precision':
      return new Precision();
    case 'recall':
      return new Recall();
    case 'f1':
    case 'f1Score':
      return new F1Score({ name: id });
    case 'topKAccuracy':
    case 'top_k_accuracy':
      return new TopKAccuracy(5, id);
  }
  const m = /^top(\d{1,6})(Accuracy)?$/.exec(id);
  if (m) return new TopKAccuracy(Number(m[1]), id);
  const custom = CUSTOM_METRICS.size > 0 ? `, ${[...CUSTOM_METRICS.keys()].sort().join(', ')}` : '';
  throw new ConfigError(
    `Unknown metric '${id.slice(0, 100)}'. Known: accuracy, acc, topKAccuracy, topN (e.g. top3), precision, recall, f1${custom}. Register a custom metric with registerMetric(name, factory).`,
  );
}
