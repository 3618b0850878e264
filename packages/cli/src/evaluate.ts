/**
 * `convkit evaluate`: the saved model on the held-out images, in one pass
 * over the data: the loss and the `--metrics`, top-5 accuracy (more than
 * five classes) and the macro one-vs-rest ROC AUC (every class present),
 * the per-class report and the confusion matrix.
 */
import { dispose } from '@convkit/core';
import { CIFAR10_CLASSES, FASHION_MNIST_CLASSES } from '@convkit/data';
import {
  type BatchAccumulator,
  type ClassificationReport,
  ConfusionMatrix,
  loadModel,
  RocAuc,
  TopKAccuracy,
} from '@convkit/layers';
import { Adam } from '@convkit/optim';
import type { CommonOptions } from './args';
import { loadTrainTest } from './datasets';
import { formatTable, type Row } from './table';
import { useBackend } from './train';

/** Everything `convkit evaluate` measured. */
export interface EvaluationResult {
  /** Loss and metric values (`evaluate`'s logs), with `top5Accuracy` and `auc` when measured. */
  metrics: Record<string, number>;
  /** Why the AUC is not reported, when it is not (a class without samples, or fewer than 2 classes). */
  aucSkipped?: string;
  /** Per-class precision, recall, F1 and support with macro and weighted averages. */
  report: ClassificationReport;
  /** Counts `m[true][pred]`. */
  confusion: number[][];
  /** Held-out images evaluated. */
  samples: number;
}

/** An accumulator fed by `evaluate` but not reported in its logs (its result is read, or not, afterwards). */
function unreported(metric: RocAuc): BatchAccumulator {
  return {
    reset: () => metric.reset(),
    prepare: (yTrue, yPred) => metric.prepare(yTrue, yPred),
    update: (yTrue, yPred) => metric.update(yTrue, yPred),
  };
}

/**
 * Evaluates the model saved in `options.modelDir` on the held-out set.
 *
 * @param options - `modelDir`, the data flags, `backend` and `metrics`.
 * @returns Resolves to the measurements.
 */
export async function evaluateSaved(options: CommonOptions): Promise<EvaluationResult> {
  await useBackend(options.backend);
  const model = await loadModel(options.modelDir as string);
  try {
    const metrics = options.metrics ?? ['accuracy', 'precision', 'recall', 'f1'];
    model.compile({ optimizer: new Adam(), loss: 'sparseCategoricalCrossentropy', metrics });
    const numClasses = model.outputShape[model.outputShape.length - 1] ?? 1;
    const { test } = await loadTrainTest(options);
    const batch = test.toBatch();
    try {
      const confusion = new ConfusionMatrix({ numClasses: Math.max(numClasses, 2) });
      const top5 = numClasses > 5 && !metrics.includes('top5') ? [new TopKAccuracy(5)] : [];
      const auc = new RocAuc();
      const logs = await model.evaluate(batch.xs, batch.ys, {
        batchSize: 256,
        metrics: [confusion, ...top5, unreported(auc)],
      });
      const report = confusion.report({ classNames: classNames(options.data, confusion.numClasses) });
      const missing = report.classes.filter((c) => c.support === 0).map((c) => c.name);
      let aucSkipped: string | undefined;
      if (numClasses < 2) aucSkipped = 'the model has one output';
      else if (missing.length > 0) {
        aucSkipped = `class${missing.length > 1 ? 'es' : ''} ${missing.join(', ')} ha${missing.length > 1 ? 've' : 's'} no held-out samples`;
      } else logs.auc = auc.result();
      return { metrics: logs, aucSkipped, report, confusion: confusion.matrix(), samples: test.size };
    } finally {
      dispose([batch.xs, batch.ys]);
    }
  } finally {
    model.dispose();
  }
}

/** Class names for the report: Fashion-MNIST's and CIFAR-10's by name; otherwise (digits) the class ids. */
function classNames(data: CommonOptions['data'], k: number): string[] | undefined {
  const names = data === 'fashion-mnist' ? FASHION_MNIST_CLASSES : data === 'cifar10' ? CIFAR10_CLASSES : undefined;
  return names?.length === k ? [...names] : undefined;
}

/**
 * The text of `convkit evaluate`: the metrics table, the per-class report and the confusion matrix.
 *
 * @param result - What `evaluateSaved` measured.
 * @param source - Names the data, e.g. `mnist`.
 * @returns Lines joined with `\n`.
 */
export function evaluationReport(result: EvaluationResult, source: string): string {
  const names: Record<string, string> = { auc: 'auc (macro, one-vs-rest)' };
  const metricRows = Object.entries(result.metrics).map(([metric, v]) => ({
    metric: names[metric] ?? metric,
    value: v.toFixed(4),
  }));
  if (result.aucSkipped) metricRows.push({ metric: 'auc', value: `not defined: ${result.aucSkipped}` });
  const f = (v: number) => v.toFixed(4);
  const reportRows: Row[] = result.report.classes.map((c) => ({
    class: c.name,
    precision: f(c.precision),
    recall: f(c.recall),
    f1: f(c.f1),
    support: c.support,
  }));
  for (const [label, avg] of [
    ['macro avg', result.report.macroAvg],
    ['weighted avg', result.report.weightedAvg],
  ] as const) {
    reportRows.push({
      class: label,
      precision: f(avg.precision),
      recall: f(avg.recall),
      f1: f(avg.f1),
      support: avg.support,
    });
  }
  const labels = result.report.classes.map((c) => c.name);
  const columns = ['true \\ predicted', ...labels.map((_, j) => String(j))];
  const matrixRows: Row[] = result.confusion.map((row, i) => {
    const r: Row = { 'true \\ predicted': `${i} ${labels[i] === String(i) ? '' : labels[i]}`.trimEnd() };
    row.forEach((v, j) => {
      r[String(j)] = v;
    });
    return r;
  });
  return [
    formatTable(metricRows, ['metric', 'value']),
    '',
    'per class:',
    formatTable(reportRows, ['class', 'precision', 'recall', 'f1', 'support']),
    '',
    'confusion matrix (rows: true class, columns: predicted class):',
    formatTable(matrixRows, columns),
    '',
    `${result.samples} held-out images from ${source}`,
  ].join('\n');
}
