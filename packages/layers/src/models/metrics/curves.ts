/**
 * Exact ROC and precision-recall curves of binary labels and scores, on the
 * host, with scikit-learn's definitions: one point per distinct score (tied
 * scores form one step), thresholds in decreasing order; the ROC curve drops
 * collinear points (`drop_intermediate=True`) and starts at `(0, 0)` with
 * threshold `+Infinity` (scikit-learn ≥ 1.3); average precision is the
 * uninterpolated `AP = Σ (Rₙ − Rₙ₋₁) Pₙ`.
 */
import { DataFormatError, NonFiniteError } from '@convkit/core';

/** A ROC curve: false and true positive rates at decreasing thresholds. */
export interface RocCurve {
  /** False positive rate at each threshold (starts at 0, ends at 1). */
  fpr: Float64Array;
  /** True positive rate at each threshold (starts at 0, ends at 1). */
  tpr: Float64Array;
  /** Scores `≥` the threshold count as positive; the first is `+Infinity`. */
  thresholds: Float64Array;
}

/** A precision-recall curve at increasing thresholds (scikit-learn's order). */
export interface PrecisionRecallCurve {
  /** Precision at each threshold, then a final 1 (one longer than `thresholds`). */
  precision: Float64Array;
  /** Recall at each threshold, then a final 0 (one longer than `thresholds`). */
  recall: Float64Array;
  /** The distinct scores, increasing. */
  thresholds: Float64Array;
}

/** Cumulative false and true positives at each distinct score, highest first. */
interface StepCounts {
  fps: Float64Array;
  tps: Float64Array;
  thresholds: Float64Array;
}

/**
 * Refuses labels other than 0/1, non-finite scores, and labels with only
 * one value (the curve is then undefined).
 */
function checkBinary(labels: ArrayLike<number>, scores: ArrayLike<number>, who: string, need: 'both' | 'positives') {
  if (labels.length !== scores.length) {
    throw new DataFormatError(`${who}: ${labels.length} labels but ${scores.length} scores`);
  }
  if (labels.length === 0) throw new DataFormatError(`${who}: no samples`);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (y !== 0 && y !== 1) throw new DataFormatError(`${who}: label ${y} of sample ${i} is not 0 or 1`);
    if (!Number.isFinite(scores[i])) throw new NonFiniteError(`${who}: the score of sample ${i} is ${scores[i]}`);
    positives += y;
  }
  if (positives === 0) {
    throw new DataFormatError(
      `${who}: no positive samples among ${labels.length}, so recall and the true positive rate are undefined`,
    );
  }
  if (need === 'both' && positives === labels.length) {
    throw new DataFormatError(
      `${who}: no negative samples among ${labels.length}, so the false positive rate and the ROC curve are undefined`,
    );
  }
}

/**
 * Cumulative counts at each distinct score, highest first. The positives'
 * and the negatives' scores are sorted apart (native numeric sorts), then
 * merged from the top: each distinct score closes one step.
 */
function stepCounts(labels: ArrayLike<number>, scores: ArrayLike<number>): StepCounts {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i];
  const pos = new Float64Array(positives);
  const neg = new Float64Array(labels.length - positives);
  for (let i = 0, a = 0, b = 0; i < labels.length; i++) {
    if (labels[i] === 1) pos[a++] = scores[i];
    else neg[b++] = scores[i];
  }
  pos.sort();
  neg.sort();
  const fps: number[] = [];
  const tps: number[] = [];
  const thresholds: number[] = [];
  let i = pos.length - 1;
  let j = neg.length - 1;
  while (i >= 0 || j >= 0) {
    const t = Math.max(i >= 0 ? pos[i] : Number.NEGATIVE_INFINITY, j >= 0 ? neg[j] : Number.NEGATIVE_INFINITY);
    while (i >= 0 && pos[i] === t) i--;
    while (j >= 0 && neg[j] === t) j--;
    tps.push(pos.length - 1 - i);
    fps.push(neg.length - 1 - j);
    thresholds.push(t);
  }
  return { fps: Float64Array.from(fps), tps: Float64Array.from(tps), thresholds: Float64Array.from(thresholds) };
}

/**
 * The ROC curve of binary labels and scores (scikit-learn's `roc_curve`).
 *
 * @param labels - 0 or 1 per sample.
 * @param scores - Higher means more likely positive; finite.
 * @param who - Starts error messages, e.g. `'rocCurve, class 3'`.
 * @returns The curve.
 * @throws {DataFormatError} for labels other than 0/1, or without positives or negatives.
 * @throws {NonFiniteError} for a NaN or infinite score.
 */
export function rocCurveOf(labels: ArrayLike<number>, scores: ArrayLike<number>, who = 'rocCurve'): RocCurve {
  checkBinary(labels, scores, who, 'both');
  const { fps, tps, thresholds } = stepCounts(labels, scores);
  // Keep the ends and every point where the slope changes (drop_intermediate).
  const keep: number[] = [];
  for (let i = 0; i < fps.length; i++) {
    if (i === 0 || i === fps.length - 1 || fps.length <= 2) keep.push(i);
    else if (fps[i - 1] - 2 * fps[i] + fps[i + 1] !== 0 || tps[i - 1] - 2 * tps[i] + tps[i + 1] !== 0) keep.push(i);
  }
  const m = keep.length + 1;
  const fpr = new Float64Array(m);
  const tpr = new Float64Array(m);
  const th = new Float64Array(m);
  const negatives = fps[fps.length - 1];
  const positives = tps[tps.length - 1];
  th[0] = Number.POSITIVE_INFINITY;
  keep.forEach((i, j) => {
    fpr[j + 1] = fps[i] / negatives;
    tpr[j + 1] = tps[i] / positives;
    th[j + 1] = thresholds[i];
  });
  return { fpr, tpr, thresholds: th };
}

/**
 * Area under a curve by the trapezoidal rule (`x` monotonic).
 *
 * @param x - Abscissae.
 * @param y - Ordinates.
 * @returns The area.
 */
export function trapezoid(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let area = 0;
  for (let i = 1; i < x.length; i++) area += ((x[i] - x[i - 1]) * (y[i] + y[i - 1])) / 2;
  return area;
}

/**
 * Area under the ROC curve of binary labels and scores (scikit-learn's binary `roc_auc_score`).
 *
 * @param labels - 0 or 1 per sample.
 * @param scores - Finite scores.
 * @param who - Starts error messages.
 * @returns The AUC in [0, 1].
 * @throws {DataFormatError} as `rocCurveOf`.
 * @throws {NonFiniteError} as `rocCurveOf`.
 */
export function rocAucOf(labels: ArrayLike<number>, scores: ArrayLike<number>, who = 'rocAucScore'): number {
  const { fpr, tpr } = rocCurveOf(labels, scores, who);
  return trapezoid(fpr, tpr);
}

/**
 * The precision-recall curve of binary labels and scores (scikit-learn's `precision_recall_curve`).
 *
 * @param labels - 0 or 1 per sample.
 * @param scores - Finite scores.
 * @param who - Starts error messages.
 * @returns The curve.
 * @throws {DataFormatError} for labels other than 0/1, or without positives.
 * @throws {NonFiniteError} for a NaN or infinite score.
 */
export function precisionRecallCurveOf(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  who = 'precisionRecallCurve',
): PrecisionRecallCurve {
  checkBinary(labels, scores, who, 'positives');
  const { fps, tps, thresholds } = stepCounts(labels, scores);
  const m = tps.length;
  const positives = tps[m - 1];
  const precision = new Float64Array(m + 1);
  const recall = new Float64Array(m + 1);
  const th = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const j = m - 1 - i; // reversed: increasing thresholds, decreasing recall
    precision[i] = tps[j] / (tps[j] + fps[j]);
    recall[i] = tps[j] / positives;
    th[i] = thresholds[j];
  }
  precision[m] = 1;
  recall[m] = 0;
  return { precision, recall, thresholds: th };
}

/**
 * Average precision `Σ (Rₙ − Rₙ₋₁) Pₙ` over the thresholds, without
 * interpolation (scikit-learn's `average_precision_score`).
 *
 * @param labels - 0 or 1 per sample.
 * @param scores - Finite scores.
 * @param who - Starts error messages.
 * @returns The average precision in [0, 1].
 * @throws {DataFormatError} as `precisionRecallCurveOf`.
 * @throws {NonFiniteError} as `precisionRecallCurveOf`.
 */
export function averagePrecisionOf(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  who = 'averagePrecisionScore',
): number {
  const { precision, recall } = precisionRecallCurveOf(labels, scores, who);
  let ap = 0;
  for (let i = 0; i < recall.length - 1; i++) ap += (recall[i] - recall[i + 1]) * precision[i];
  return ap;
}
