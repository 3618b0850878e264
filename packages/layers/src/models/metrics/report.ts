/**
 * The per-class report of a classifier (scikit-learn's `classification_report`):
 * precision, recall, F1 and support of every class, the accuracy, and the
 * macro and support-weighted averages, all read off a confusion matrix.
 */
import { ConfigError } from '@convkit/core';

/** Precision, recall and F1 of one class or one average. */
export interface ClassScores {
  /** `tp / (tp + fp)`; 0 when nothing was predicted as the class (scikit-learn's `zero_division=0`). */
  precision: number;
  /** `tp / (tp + fn)`; 0 when the class has no samples. */
  recall: number;
  /** `2·P·R / (P + R)`, i.e. `2·tp / (2·tp + fp + fn)`; 0 when both are 0. */
  f1: number;
  /** Samples of the class (for an average: all samples). */
  support: number;
}

/** One row of the report. */
export interface ClassReport extends ClassScores {
  /** Class id. */
  classId: number;
  /** Class name (`classNames[classId]`, or the id as text). */
  name: string;
}

/** What `classificationReport` and `reportFromConfusion` return. */
export interface ClassificationReport {
  /** One row per class, in class order. */
  classes: ClassReport[];
  /** Fraction of right predictions. */
  accuracy: number;
  /** Unweighted mean over classes. */
  macroAvg: ClassScores;
  /** Mean over classes weighted by their support. */
  weightedAvg: ClassScores;
}

/** Options of the report. */
export interface ReportOptions {
  /** A name per class id (default the ids as text). */
  classNames?: readonly string[];
}

/**
 * The per-class report read off a confusion matrix `m[true][pred]`. Matches
 * scikit-learn's `classification_report(output_dict=True)` with
 * `zero_division=0`: a class never predicted has precision 0, a class
 * without samples has recall 0 (and counts in the macro average).
 *
 * @param matrix - Square counts `m[true][pred]`.
 * @param options - `classNames`.
 * @returns The report.
 * @throws {ConfigError} when the matrix is empty or not square, or `classNames` has the wrong length.
 *
 * @example
 * ```ts
 * import { reportFromConfusion } from '@convkit/layers';
 *
 * const report = reportFromConfusion([[1, 1], [0, 2]], { classNames: ['cat', 'dog'] });
 * console.log(report.classes[1]); // dog: precision 2/3, recall 1, f1 0.8, support 2
 * ```
 */
export function reportFromConfusion(
  matrix: readonly (readonly number[])[],
  options: ReportOptions = {},
): ClassificationReport {
  const k = matrix.length;
  if (k === 0 || matrix.some((row) => row.length !== k)) {
    throw new ConfigError(
      `reportFromConfusion: expected a non-empty square matrix, got ${k} rows of lengths ${matrix.map((r) => r.length).join(', ')}`,
    );
  }
  const names = options.classNames;
  if (names !== undefined && names.length !== k) {
    throw new ConfigError(`reportFromConfusion: classNames has ${names.length} names for ${k} classes`);
  }
  let total = 0;
  let correct = 0;
  const classes: ClassReport[] = [];
  for (let c = 0; c < k; c++) {
    let predicted = 0;
    let support = 0;
    for (let i = 0; i < k; i++) {
      predicted += matrix[i][c];
      support += matrix[c][i];
    }
    const tp = matrix[c][c];
    total += support;
    correct += tp;
    classes.push({
      classId: c,
      name: names?.[c] ?? String(c),
      precision: predicted === 0 ? 0 : tp / predicted,
      recall: support === 0 ? 0 : tp / support,
      f1: predicted + support === 0 ? 0 : (2 * tp) / (predicted + support),
      support,
    });
  }
  const average = (weight: (r: ClassReport) => number): ClassScores => {
    const sum = classes.reduce((s, r) => s + weight(r), 0);
    const mean = (key: 'precision' | 'recall' | 'f1') =>
      sum === 0 ? 0 : classes.reduce((s, r) => s + r[key] * weight(r), 0) / sum;
    return { precision: mean('precision'), recall: mean('recall'), f1: mean('f1'), support: total };
  };
  return {
    classes,
    accuracy: total === 0 ? 0 : correct / total,
    macroAvg: average(() => 1),
    weightedAvg: average((r) => r.support),
  };
}
