// Streaming metrics, the confusion matrix and per-class report, ROC/PR curves and the metric registry.

export { Accuracy, TopKAccuracy } from './accuracy';
export { classIds } from './class-ids';
export type { ConfusionMatrixOptions } from './confusion';
export { ConfusionMatrix, classificationReport, confusionMatrix } from './confusion';
export type { PrecisionRecallCurve, RocCurve } from './curves';
export { averagePrecisionOf, precisionRecallCurveOf, rocAucOf, rocCurveOf, trapezoid } from './curves';
export type { BatchAccumulator, Metric, MetricBatch, MetricsRead } from './metric';
export { readWithMetrics, updateByReading } from './metric';
export type { Averaging, ConfusionMetricOptions } from './precision-recall';
export { F1Score, Precision, Recall } from './precision-recall';
export type { CurveOptions, RankingAverage, RankingMetricOptions } from './ranking';
export {
  AveragePrecision,
  averagePrecisionScore,
  precisionRecallCurve,
  RocAuc,
  rocAucScore,
  rocCurve,
} from './ranking';
export type { MetricIdentifier } from './registry';
export { getMetric, registerMetric } from './registry';
export type { ClassificationReport, ClassReport, ClassScores, ReportOptions } from './report';
export { reportFromConfusion } from './report';
