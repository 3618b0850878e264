/**
 * Ranking metrics, top-k accuracy and the per-class report against
 * scikit-learn's results on fixed inputs (fixtures/sklearn-metrics.json,
 * written by fixtures/make-sklearn-metrics.py), fed in uneven batches so the
 * streaming path is the one checked.
 */
import { readFileSync } from 'node:fs';
import { numTensors, type Tensor, tensor1d, tensor2d } from '@convkit/core';
import {
  AveragePrecision,
  averagePrecisionScore,
  ConfusionMatrix,
  precisionRecallCurve,
  RocAuc,
  rocAucScore,
  rocCurve,
  TopKAccuracy,
} from '@convkit/layers';
import { afterAll, describe, expect, it } from 'vitest';

interface Curve {
  [key: string]: number[];
}
interface ReportRow {
  precision: number;
  recall: number;
  'f1-score': number;
  support: number;
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/sklearn-metrics.json', import.meta.url), 'utf8')) as {
  sklearn_version: string;
  binary: {
    labels: number[];
    scores: number[];
    roc_curve: Curve;
    roc_auc: number;
    precision_recall_curve: Curve;
    average_precision: number;
  };
  multiclass: {
    labels: number[];
    scores: number[][];
    num_classes: number;
    roc_auc_ovr_macro: number;
    roc_auc_ovr_micro: number;
    roc_auc_per_class: number[];
    average_precision_macro: number;
    average_precision_micro: number;
    average_precision_per_class: number[];
    class_for_curves: number;
    roc_curve_class: Curve;
    precision_recall_curve_class: Curve;
    top_k_accuracy: Record<string, number>;
    confusion_matrix: number[][];
    classification_report: Record<string, ReportRow | number>;
  };
};

const TOLERANCE = 1e-6;
let maxDiff = 0;

/** Checks a value against scikit-learn's and records the largest difference. */
function close(ours: number, theirs: number, what: string): void {
  const d = Math.abs(ours - theirs);
  maxDiff = Math.max(maxDiff, d);
  expect(d, `${what}: ${ours} vs scikit-learn ${theirs}`).toBeLessThanOrEqual(TOLERANCE);
}

function closeArrays(ours: ArrayLike<number>, theirs: number[], what: string): void {
  expect(ours.length, `${what}: length`).toBe(theirs.length);
  for (let i = 0; i < theirs.length; i++) close(ours[i], theirs[i], `${what}[${i}]`);
}

/** The fixture's samples as batches of 7, 13, 7, 13, ... samples. */
function batches(labels: number[], scores: number[] | number[][]): Array<[Tensor, Tensor]> {
  const out: Array<[Tensor, Tensor]> = [];
  for (let start = 0, i = 0; start < labels.length; i++) {
    const end = Math.min(labels.length, start + (i % 2 === 0 ? 7 : 13));
    const s = scores.slice(start, end);
    out.push([
      tensor1d(labels.slice(start, end), 'int32'),
      Array.isArray(s[0]) ? tensor2d(s as number[][]) : tensor1d(s as number[]),
    ]);
    start = end;
  }
  return out;
}

async function feed(metric: { update(y: Tensor, p: Tensor): Promise<void> }, data: Array<[Tensor, Tensor]>) {
  for (const [y, p] of data) await metric.update(y, p);
}

const before = numTensors();
const bin = fixture.binary;
const mc = fixture.multiclass;
const binBatches = batches(bin.labels, bin.scores);
const mcBatches = batches(mc.labels, mc.scores);

afterAll(() => {
  for (const [y, p] of [...binBatches, ...mcBatches]) {
    y.dispose();
    p.dispose();
  }
  expect(numTensors()).toBe(before);
  console.log(
    `sklearn ${fixture.sklearn_version} fixture: max |convkit - scikit-learn| = ${maxDiff.toExponential(2)} (tolerance ${TOLERANCE})`,
  );
});

describe(`metrics against scikit-learn ${fixture.sklearn_version}`, () => {
  it('binary ROC curve, AUC, PR curve and average precision (tied scores)', async () => {
    const start = numTensors();
    const y = tensor1d(bin.labels);
    const s = tensor1d(bin.scores);
    const roc = await rocCurve(y, s);
    closeArrays(roc.fpr, bin.roc_curve.fpr, 'fpr');
    closeArrays(roc.tpr, bin.roc_curve.tpr, 'tpr');
    // scikit-learn < 1.3 starts the thresholds at max + 1, ≥ 1.3 (and convkit) at +Infinity.
    expect(roc.thresholds[0]).toBe(Number.POSITIVE_INFINITY);
    closeArrays(roc.thresholds.subarray(1), bin.roc_curve.thresholds.slice(1), 'roc thresholds');
    const pr = await precisionRecallCurve(y, s);
    closeArrays(pr.precision, bin.precision_recall_curve.precision, 'precision');
    closeArrays(pr.recall, bin.precision_recall_curve.recall, 'recall');
    closeArrays(pr.thresholds, bin.precision_recall_curve.thresholds, 'pr thresholds');
    close(await rocAucScore(y, s), bin.roc_auc, 'roc_auc_score');
    close(await averagePrecisionScore(y, s), bin.average_precision, 'average_precision_score');
    y.dispose();
    s.dispose();

    const auc = new RocAuc();
    const ap = new AveragePrecision();
    await feed(auc, binBatches);
    await feed(ap, binBatches);
    close(auc.result(), bin.roc_auc, 'RocAuc streamed');
    close(ap.result(), bin.average_precision, 'AveragePrecision streamed');
    expect(numTensors()).toBe(start);
  });

  it('5-class one-vs-rest AUC and AP, macro and micro, streamed over batches', async () => {
    const start = numTensors();
    const cases: Array<[RocAuc | AveragePrecision, number]> = [
      [new RocAuc(), mc.roc_auc_ovr_macro],
      [new RocAuc({ average: 'micro' }), mc.roc_auc_ovr_micro],
      [new AveragePrecision(), mc.average_precision_macro],
      [new AveragePrecision({ average: 'micro' }), mc.average_precision_micro],
    ];
    for (const [metric, expected] of cases) {
      await feed(metric, mcBatches);
      close(metric.result(), expected, `${metric.name}`);
      metric.reset();
      await feed(metric, mcBatches.slice(0, 2));
      expect(Math.abs(metric.result() - expected)).toBeGreaterThan(1e-4); // reset forgot, and part of the data differs
    }
    const y = tensor1d(mc.labels, 'int32');
    const p = tensor2d(mc.scores);
    close(await rocAucScore(y, p), mc.roc_auc_ovr_macro, 'rocAucScore macro');
    close(await rocAucScore(y, p, { average: 'micro' }), mc.roc_auc_ovr_micro, 'rocAucScore micro');
    close(await averagePrecisionScore(y, p, { average: 'micro' }), mc.average_precision_micro, 'AP micro');
    const c = mc.class_for_curves;
    const roc = await rocCurve(y, p, { positiveClass: c });
    closeArrays(roc.fpr, mc.roc_curve_class.fpr, `fpr class ${c}`);
    closeArrays(roc.tpr, mc.roc_curve_class.tpr, `tpr class ${c}`);
    closeArrays(roc.thresholds.subarray(1), mc.roc_curve_class.thresholds.slice(1), `roc thresholds class ${c}`);
    const pr = await precisionRecallCurve(y, p, { positiveClass: c });
    closeArrays(pr.precision, mc.precision_recall_curve_class.precision, `precision class ${c}`);
    closeArrays(pr.recall, mc.precision_recall_curve_class.recall, `recall class ${c}`);
    closeArrays(pr.thresholds, mc.precision_recall_curve_class.thresholds, `pr thresholds class ${c}`);
    // The macro averages are the means of the per-class values.
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    close(mean(mc.roc_auc_per_class), mc.roc_auc_ovr_macro, 'per-class AUC mean');
    close(mean(mc.average_precision_per_class), mc.average_precision_macro, 'per-class AP mean');
    y.dispose();
    p.dispose();
    expect(numTensors()).toBe(start);
  });

  it('top-k accuracy with tied scores breaks ties as scikit-learn', async () => {
    for (const [k, expected] of Object.entries(mc.top_k_accuracy)) {
      const metric = new TopKAccuracy(Number(k));
      await feed(metric, mcBatches);
      close(metric.result(), expected, `top_k_accuracy k=${k}`);
    }
  });

  it('per-class report and confusion matrix', async () => {
    const cm = new ConfusionMatrix();
    await feed(cm, mcBatches);
    expect(cm.matrix()).toEqual(mc.confusion_matrix);
    const report = cm.report();
    const sk = mc.classification_report;
    for (const row of report.classes) {
      const theirs = sk[String(row.classId)] as ReportRow;
      close(row.precision, theirs.precision, `precision of class ${row.classId}`);
      close(row.recall, theirs.recall, `recall of class ${row.classId}`);
      close(row.f1, theirs['f1-score'], `f1 of class ${row.classId}`);
      expect(row.support).toBe(theirs.support);
    }
    close(report.accuracy, sk.accuracy as number, 'accuracy');
    for (const [ours, key] of [
      [report.macroAvg, 'macro avg'],
      [report.weightedAvg, 'weighted avg'],
    ] as const) {
      const theirs = sk[key] as ReportRow;
      close(ours.precision, theirs.precision, `${key} precision`);
      close(ours.recall, theirs.recall, `${key} recall`);
      close(ours.f1, theirs['f1-score'], `${key} f1`);
      expect(ours.support).toBe(theirs.support);
    }
  });
});
