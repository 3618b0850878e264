/**
 * Ranking metrics: ROC AUC and average precision, streamed over batches
 * (every score kept on the host, see `score-store.ts`) and as one-shot
 * functions. Binary problems take probabilities `[b]` / `[b, 1]` with 0/1
 * labels; multi-class problems take scores `[b, k]` with class ids or
 * one-hot labels, scored one-vs-rest and averaged: `'macro'` (the mean of
 * the k per-class values) or `'micro'` (one curve over all k·n
 * label/score pairs).
 */
import { ConfigError, type Tensor } from '@convkit/core';
import {
  averagePrecisionOf,
  type PrecisionRecallCurve,
  precisionRecallCurveOf,
  type RocCurve,
  rocAucOf,
  rocCurveOf,
} from './curves';
import { type Metric, type MetricBatch, updateByReading } from './metric';
import { ScoreStore } from './score-store';

/** How a ranking metric combines the one-vs-rest classes of a multi-class problem. */
export type RankingAverage = 'macro' | 'micro';

/** Options of `RocAuc` and `AveragePrecision`. */
export interface RankingMetricOptions {
  /** Key in logs (default `'auc'` / `'averagePrecision'`, with a `micro` prefix for the micro average). */
  name?: string;
  /**
   * Multi-class average: `'macro'` or `'micro'`. Ignored for binary probabilities. Default `'macro'`.
   *
   * @defaultValue `'macro'`
   */
  average?: RankingAverage;
}

type BinaryScore = (labels: ArrayLike<number>, scores: ArrayLike<number>, who: string) => number;

/** Labels 0/1 and scores of class `c` against the rest. */
function oneVsRest(store: { labels: Int32Array; scores: Float32Array; columns: number }, c: number) {
  const n = store.labels.length;
  const k = store.columns;
  const labels = new Uint8Array(n);
  const scores = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = store.labels[i] === c ? 1 : 0;
    scores[i] = store.scores[i * k + c];
  }
  return { labels, scores };
}

/** The averaged one-vs-rest score of stored labels and scores. */
function averaged(
  store: { labels: Int32Array; scores: Float32Array; columns: number },
  average: RankingAverage,
  score: BinaryScore,
  who: string,
): number {
  const k = store.columns;
  if (k === 1) return score(store.labels, store.scores, who);
  if (average === 'micro') {
    const n = store.labels.length;
    const labels = new Uint8Array(n * k);
    for (let i = 0; i < n; i++) labels[i * k + store.labels[i]] = 1;
    return score(labels, store.scores, `${who} (micro average)`);
  }
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const { labels, scores } = oneVsRest(store, c);
    sum += score(labels, scores, `${who}, class ${c} (macro average; use average: 'micro' to pool the classes)`);
  }
  return sum / k;
}

function checkAverage(average: unknown, who: string): RankingAverage {
  if (average !== 'macro' && average !== 'micro') {
    throw new ConfigError(`${who}: average must be 'macro' or 'micro', got ${String(average)}`);
  }
  return average;
}

/** Base of the streaming ranking metrics. */
abstract class RankingMetric implements Metric {
  /** Key in logs. */
  readonly name: string;
  /** Sorting every score seen is costly: `fit` reports the metric once per epoch. */
  readonly epochOnly = true;
  /** `'macro'` or `'micro'`. */
  readonly average: RankingAverage;
  private readonly store = new ScoreStore();
  private cached?: number;

  constructor(options: RankingMetricOptions, macroName: string, microName: string) {
    this.average = checkAverage(options.average ?? 'macro', macroName);
    this.name = options.name ?? (this.average === 'micro' ? microName : macroName);
  }

  /** The binary score of one curve. */
  protected abstract score(labels: ArrayLike<number>, scores: ArrayLike<number>, who: string): number;

  reset(): void {
    this.store.clear();
    this.cached = undefined;
  }

  /** @throws {ShapeError} when labels and predictions do not fit, or the columns change between batches. */
  prepare(yTrue: Tensor, yPred: Tensor): MetricBatch {
    const batch = this.store.prepare(yTrue, yPred, `Metric '${this.name}'`);
    return {
      values: batch.values,
      apply: (v) => {
        batch.apply(v);
        this.cached = undefined;
      },
    };
  }

  update(yTrue: Tensor, yPred: Tensor): Promise<void> {
    return updateByReading(this, yTrue, yPred);
  }

  /**
   * The value over every sample since `reset` (0 before any).
   *
   * @throws {DataFormatError} when a curve is undefined: a class (binary: the positive or the negative class)
   *   without samples; the message names the class.
   */
  result(): number {
    if (this.store.count === 0) return 0;
    this.cached ??= averaged(this.store, this.average, (l, s, w) => this.score(l, s, w), `Metric '${this.name}'`);
    return this.cached;
  }
}

/**
 * Area under the ROC curve, exact (every score is kept, no threshold
 * buckets), as scikit-learn's `roc_auc_score` (multi-class:
 * `multi_class='ovr'`). By name: `'auc'` (macro), `'microAuc'`. A class with
 * no samples (or, binary, no negatives) makes the result throw a
 * `DataFormatError` naming it, where scikit-learn raises a `ValueError`.
 *
 * @example
 * ```ts
 * import { tensor1d } from '@convkit/core';
 * import { RocAuc } from '@convkit/layers';
 *
 * const auc = new RocAuc();
 * await auc.update(tensor1d([0, 0, 1, 1]), tensor1d([0.1, 0.4, 0.35, 0.8]));
 * console.log(auc.result()); // 0.75: 3 of the 4 positive/negative pairs are ordered right
 * ```
 */
export class RocAuc extends RankingMetric {
  /** @param options - `name`, `average` (default `'macro'`). */
  constructor(options: RankingMetricOptions = {}) {
    super(options, 'auc', 'microAuc');
  }
  protected score(labels: ArrayLike<number>, scores: ArrayLike<number>, who: string): number {
    return rocAucOf(labels, scores, who);
  }
}

/**
 * Average precision `AP = Σ (Rₙ − Rₙ₋₁) Pₙ` over the distinct scores, exact
 * and uninterpolated, as scikit-learn's `average_precision_score`
 * (multi-class: on one-vs-rest indicator labels). By name:
 * `'averagePrecision'` (macro), `'microAveragePrecision'`. A class with no
 * samples makes the result throw a `DataFormatError` naming it.
 *
 * @example
 * ```ts
 * import { tensor1d } from '@convkit/core';
 * import { AveragePrecision } from '@convkit/layers';
 *
 * const ap = new AveragePrecision();
 * await ap.update(tensor1d([0, 0, 1, 1]), tensor1d([0.1, 0.4, 0.35, 0.8]));
 * console.log(ap.result()); // 0.8333: 0.5·1 + 0.5·(2/3)
 * ```
 */
export class AveragePrecision extends RankingMetric {
  /** @param options - `name`, `average` (default `'macro'`). */
  constructor(options: RankingMetricOptions = {}) {
    super(options, 'averagePrecision', 'microAveragePrecision');
  }
  protected score(labels: ArrayLike<number>, scores: ArrayLike<number>, who: string): number {
    return averagePrecisionOf(labels, scores, who);
  }
}

/** Reads labels and scores of one batch (one asynchronous read). */
async function readScores(yTrue: Tensor, yScore: Tensor, who: string): Promise<ScoreStore> {
  const store = new ScoreStore();
  await updateByReading({ prepare: (t, p) => store.prepare(t, p, who) }, yTrue, yScore);
  return store;
}

/** Options of the one-shot curve functions. */
export interface CurveOptions {
  /**
   * For multi-class scores `[b, k]`: the class whose one-vs-rest curve to draw (required there).
   */
  positiveClass?: number;
}

async function binaryOf(yTrue: Tensor, yScore: Tensor, options: CurveOptions, who: string) {
  const store = await readScores(yTrue, yScore, who);
  if (store.columns === 1) return { labels: store.labels, scores: store.scores, who };
  const c = options.positiveClass;
  if (c === undefined || !Number.isInteger(c) || c < 0 || c >= store.columns) {
    throw new ConfigError(
      `${who}: multi-class scores [${yScore.shape.join(', ')}] need positiveClass, a class id 0..${store.columns - 1}; got ${String(c)}`,
    );
  }
  return { ...oneVsRest(store, c), who: `${who}, class ${c}` };
}

/**
 * The ROC curve (scikit-learn's `roc_curve`): of binary probabilities with
 * 0/1 labels, or of one class against the rest (`positiveClass`).
 *
 * @param yTrue - Labels: 0/1, or class ids `[b]` / one-hot `[b, k]` for scores `[b, k]`.
 * @param yScore - Probabilities `[b]` / `[b, 1]` or scores `[b, k]`.
 * @param options - `positiveClass` for multi-class scores.
 * @returns Resolves to `{ fpr, tpr, thresholds }`.
 * @throws {ShapeError} when labels and scores do not fit.
 * @throws {ConfigError} for multi-class scores without a valid `positiveClass`.
 * @throws {DataFormatError} for bad labels, or no positives or no negatives.
 * @throws {NonFiniteError} for a NaN or infinite score.
 *
 * @example
 * ```ts
 * import { tensor1d } from '@convkit/core';
 * import { rocCurve } from '@convkit/layers';
 *
 * const { fpr, tpr } = await rocCurve(tensor1d([0, 0, 1, 1]), tensor1d([0.1, 0.4, 0.35, 0.8]));
 * console.log(fpr, tpr); // [0, 0, 0.5, 0.5, 1], [0, 0.5, 0.5, 1, 1]
 * ```
 */
export async function rocCurve(yTrue: Tensor, yScore: Tensor, options: CurveOptions = {}): Promise<RocCurve> {
  const { labels, scores, who } = await binaryOf(yTrue, yScore, options, 'rocCurve');
  return rocCurveOf(labels, scores, who);
}

/**
 * The precision-recall curve (scikit-learn's `precision_recall_curve`), thresholds increasing.
 *
 * @param yTrue - Labels: 0/1, or class ids `[b]` / one-hot `[b, k]` for scores `[b, k]`.
 * @param yScore - Probabilities `[b]` / `[b, 1]` or scores `[b, k]`.
 * @param options - `positiveClass` for multi-class scores.
 * @returns Resolves to `{ precision, recall, thresholds }`.
 * @throws {ShapeError} when labels and scores do not fit.
 * @throws {ConfigError} for multi-class scores without a valid `positiveClass`.
 * @throws {DataFormatError} for bad labels, or no positives.
 * @throws {NonFiniteError} for a NaN or infinite score.
 */
export async function precisionRecallCurve(
  yTrue: Tensor,
  yScore: Tensor,
  options: CurveOptions = {},
): Promise<PrecisionRecallCurve> {
  const { labels, scores, who } = await binaryOf(yTrue, yScore, options, 'precisionRecallCurve');
  return precisionRecallCurveOf(labels, scores, who);
}

/**
 * Area under the ROC curve of one batch of data (see `RocAuc`).
 *
 * @param yTrue - Labels.
 * @param yScore - Probabilities `[b]` / `[b, 1]` or scores `[b, k]`.
 * @param options - `average` (`'macro'` default, or `'micro'`) for multi-class scores.
 * @returns Resolves to the AUC.
 * @throws {DataFormatError} when a class (binary: positives or negatives) has no samples, naming it.
 */
export async function rocAucScore(
  yTrue: Tensor,
  yScore: Tensor,
  options: { average?: RankingAverage } = {},
): Promise<number> {
  const average = checkAverage(options.average ?? 'macro', 'rocAucScore');
  return averaged(await readScores(yTrue, yScore, 'rocAucScore'), average, rocAucOf, 'rocAucScore');
}

/**
 * Average precision of one batch of data (see `AveragePrecision`).
 *
 * @param yTrue - Labels.
 * @param yScore - Probabilities `[b]` / `[b, 1]` or scores `[b, k]`.
 * @param options - `average` (`'macro'` default, or `'micro'`) for multi-class scores.
 * @returns Resolves to the average precision.
 * @throws {DataFormatError} when a class has no samples, naming it.
 */
export async function averagePrecisionScore(
  yTrue: Tensor,
  yScore: Tensor,
  options: { average?: RankingAverage } = {},
): Promise<number> {
  const average = checkAverage(options.average ?? 'macro', 'averagePrecisionScore');
  return averaged(
    await readScores(yTrue, yScore, 'averagePrecisionScore'),
    average,
    averagePrecisionOf,
    'averagePrecisionScore',
  );
}
