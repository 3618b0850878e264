/** The confusion matrix `m[true][pred]`, streamed over batches or computed at once. */
import { ConfigError, ops, type Tensor, tidy } from '@convkit/core';
import { checkLabels, predTensor, scoreColumns, truthTensor } from './class-ids';
import { type BatchAccumulator, type MetricBatch, updateByReading } from './metric';
import { type ClassificationReport, type ReportOptions, reportFromConfusion } from './report';

/** Options of `ConfusionMatrix`. */
export interface ConfusionMatrixOptions {
  /**
   * Size of the matrix. Default: the number of score columns of the first
   * batch (2 for binary probabilities); the matrix grows if a later batch has more.
   */
  numClasses?: number;
  /**
   * Decision threshold for binary probabilities `[b]` / `[b, 1]`. Default 0.5.
   *
   * @defaultValue `0.5`
   */
  threshold?: number;
}

/**
 * A confusion matrix accumulated over batches: `matrix()[i][j]` counts the
 * samples of true class `i` predicted as class `j` (the argmax of the
 * scores, or `p > threshold` for binary probabilities). Feed it with
 * `update`, or pass it to `evaluate` in `options.metrics`, then read
 * `matrix()` or the per-class `report()`.
 *
 * @example
 * ```ts
 * import { tensor1d, tensor2d } from '@convkit/core';
 * import { ConfusionMatrix } from '@convkit/layers';
 *
 * const cm = new ConfusionMatrix();
 * await cm.update(tensor1d([0, 1, 1], 'int32'), tensor2d([[0.9, 0.1], [0.4, 0.6], [0.8, 0.2]]));
 * console.log(cm.matrix()); // [[1, 0], [1, 1]]
 * console.log(cm.report().macroAvg.recall); // (1 + 0.5) / 2
 * ```
 */
export class ConfusionMatrix implements BatchAccumulator {
  private counts: number[][] = [];
  private readonly fixedSize?: number;
  private readonly threshold: number;

  /**
   * @param options - `numClasses` (default from the predictions) and `threshold` (default 0.5).
   * @param who - Starts error messages; default `'ConfusionMatrix'` (the metrics built on it pass their name).
   * @throws {ConfigError} when `numClasses` is not a positive integer.
   */
  constructor(
    options: ConfusionMatrixOptions = {},
    private readonly who = 'ConfusionMatrix',
  ) {
    const n = options.numClasses;
    if (n !== undefined && !(Number.isInteger(n) && n >= 1)) {
      throw new ConfigError(`ConfusionMatrix: numClasses must be a positive integer, got ${n}`);
    }
    this.fixedSize = n;
    this.threshold = options.threshold ?? 0.5;
    if (n !== undefined) this.grow(n);
  }

  /** Number of classes seen so far (the matrix's size). */
  get numClasses(): number {
    return this.counts.length;
  }

  reset(): void {
    this.counts = [];
    if (this.fixedSize !== undefined) this.grow(this.fixedSize);
  }

  /** @throws {ShapeError} when labels and predictions do not fit. */
  prepare(yTrue: Tensor, yPred: Tensor): MetricBatch {
    const k = scoreColumns(yTrue, yPred, this.who);
    const b = yPred.shape[0];
    const values = tidy(() => {
      const truth = k === 1 ? ops.cast(ops.greater(truthTensor(yTrue, k), 0.5), 'float32') : truthTensor(yTrue, k);
      return ops.concat([truth, predTensor(yPred, k, this.threshold)]);
    });
    return { values, apply: (v) => this.add(v.subarray(0, b), v.subarray(b), Math.max(k, 2)) };
  }

  update(yTrue: Tensor, yPred: Tensor): Promise<void> {
    return updateByReading(this, yTrue, yPred);
  }

  /**
   * Adds class ids read on the host.
   *
   * @param truth - True class of each sample.
   * @param pred - Predicted class of each sample.
   * @param numClasses - Classes of the predictions.
   * @throws {DataFormatError} for a label outside `0..numClasses-1` (the matrix is left unchanged).
   */
  add(truth: ArrayLike<number>, pred: ArrayLike<number>, numClasses: number): void {
    const k = this.fixedSize ?? Math.max(numClasses, this.counts.length);
    checkLabels(truth, k, this.who);
    checkLabels(pred, k, `${this.who} (predicted classes, numClasses ${k})`);
    this.grow(k);
    for (let i = 0; i < truth.length; i++) this.counts[truth[i]][pred[i]]++;
  }

  /** A copy of the counts, `m[true][pred]`. */
  matrix(): number[][] {
    return this.counts.map((row) => [...row]);
  }

  /**
   * Precision, recall, F1 and support of every class with their macro and
   * weighted averages (see `reportFromConfusion`).
   *
   * @param options - `classNames`.
   * @returns The report.
   */
  report(options: ReportOptions = {}): ClassificationReport {
    return reportFromConfusion(this.counts, options);
  }

  private grow(k: number): void {
    if (this.counts.length >= k) return;
    this.counts = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => this.counts[i]?.[j] ?? 0));
  }
}

/**
 * Confusion matrix `m[true][pred]` of class ids, read in one asynchronous read.
 *
 * @param yTrue - Labels (sparse `[b]`, one-hot `[b, k]` or binary).
 * @param yPred - Scores `[b, k]` or binary probabilities `[b]`.
 * @param numClasses - Size of the matrix; default the number of score columns.
 * @returns Resolves to `m[true][pred]` counts.
 * @throws {ShapeError} when labels and predictions do not fit.
 * @throws {DataFormatError} when a label is outside `0..numClasses-1`.
 *
 * @example
 * ```ts
 * import { tensor1d, tensor2d } from '@convkit/core';
 * import { confusionMatrix } from '@convkit/layers';
 *
 * const labels = tensor1d([0, 1, 1], 'int32');
 * const scores = tensor2d([[0.9, 0.1], [0.4, 0.6], [0.8, 0.2]]);
 * console.log(await confusionMatrix(labels, scores)); // [[1, 0], [1, 1]]
 * ```
 */
export async function confusionMatrix(yTrue: Tensor, yPred: Tensor, numClasses?: number): Promise<number[][]> {
  const cm = new ConfusionMatrix({ numClasses });
  await cm.update(yTrue, yPred);
  return cm.matrix();
}

/**
 * The per-class report of a batch of predictions (one asynchronous read);
 * for data in many batches, feed a `ConfusionMatrix` and call its `report()`.
 *
 * @param yTrue - Labels (sparse `[b]`, one-hot `[b, k]` or binary).
 * @param yPred - Scores `[b, k]` or binary probabilities `[b]`.
 * @param options - `classNames`, and `numClasses` (default the score columns).
 * @returns Resolves to the report.
 * @throws {ShapeError} when labels and predictions do not fit.
 * @throws {DataFormatError} for a label outside the classes.
 *
 * @example
 * ```ts
 * import { tensor1d, tensor2d } from '@convkit/core';
 * import { classificationReport } from '@convkit/layers';
 *
 * const report = await classificationReport(tensor1d([0, 1, 1], 'int32'), tensor2d([[0.9, 0.1], [0.4, 0.6], [0.8, 0.2]]));
 * console.log(report.accuracy, report.macroAvg.f1);
 * ```
 */
export async function classificationReport(
  yTrue: Tensor,
  yPred: Tensor,
  options: ReportOptions & {
    /** Classes of the report; default the number of score columns. */
    numClasses?: number;
  } = {},
): Promise<ClassificationReport> {
  const cm = new ConfusionMatrix({ numClasses: options.numClasses });
  await cm.update(yTrue, yPred);
  return cm.report(options);
}
