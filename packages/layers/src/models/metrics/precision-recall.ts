/** Precision, recall and F1 from a confusion matrix streamed over batches. */
import type { Tensor } from '@convkit/core';
import { ConfusionMatrix } from './confusion';
import { type Metric, type MetricBatch, updateByReading } from './metric';

/** How precision, recall and F1 combine classes. */
export type Averaging = 'macro' | 'binary';

/** Options of `Precision`, `Recall` and `F1Score`. */
export interface ConfusionMetricOptions {
  /** Key in logs (default `'precision'`, `'recall'`, `'f1'`). */
  name?: string;
  /**
   * `'macro'` (mean over classes) or `'binary'` (only `positiveClass`). Default `'macro'`.
   *
   * @defaultValue `'macro'`
   */
  average?: Averaging;
  /**
   * The class scored with `average: 'binary'`. Default 1.
   *
   * @defaultValue `1`
   */
  positiveClass?: number;
  /**
   * Decision threshold for binary probabilities. Default 0.5.
   *
   * @defaultValue `0.5`
   */
  threshold?: number;
}

/** Base of the metrics computed from a streaming confusion matrix. */
abstract class ConfusionMetric implements Metric {
  /** Key in logs. */
  abstract readonly name: string;
  /** The streaming confusion matrix. */
  protected readonly confusion: ConfusionMatrix;
  /** `'macro'` (mean over classes) or `'binary'` (only `positiveClass`). */
  protected readonly average: Averaging;
  /** The class scored with `average: 'binary'`. */
  protected readonly positiveClass: number;

  /**
   * @param options - `average` (default `'macro'`), `positiveClass` (default 1), `threshold` (default 0.5).
   * @param defaultName - The metric's name when `options.name` is not given (for error messages).
   */
  constructor(options: ConfusionMetricOptions, defaultName: string) {
    this.average = options.average ?? 'macro';
    this.positiveClass = options.positiveClass ?? 1;
    this.confusion = new ConfusionMatrix({ threshold: options.threshold }, `Metric '${options.name ?? defaultName}'`);
  }

  reset(): void {
    this.confusion.reset();
  }

  prepare(yTrue: Tensor, yPred: Tensor): MetricBatch {
    return this.confusion.prepare(yTrue, yPred);
  }

  update(yTrue: Tensor, yPred: Tensor): Promise<void> {
    return updateByReading(this, yTrue, yPred);
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
    const m = this.confusion.matrix();
    const counts = (c: number): [number, number, number] => {
      let predicted = 0;
      let actual = 0;
      for (let i = 0; i < m.length; i++) {
        predicted += m[i][c] ?? 0;
        actual += m[c]?.[i] ?? 0;
      }
      return [m[c]?.[c] ?? 0, predicted, actual];
    };
    if (this.average === 'binary') return this.perClass(...counts(this.positiveClass));
    if (m.length === 0) return 0;
    let sum = 0;
    for (let c = 0; c < m.length; c++) sum += this.perClass(...counts(c));
    return sum / m.length;
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
  constructor(options: ConfusionMetricOptions = {}) {
    super(options, 'precision');
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
  constructor(options: ConfusionMetricOptions = {}) {
    super(options, 'recall');
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
  constructor(options: ConfusionMetricOptions = {}) {
    super(options, 'f1');
    this.name = options.name ?? 'f1';
  }
  protected perClass(tp: number, predicted: number, actual: number): number {
    return predicted + actual === 0 ? 0 : (2 * tp) / (predicted + actual);
  }
}
