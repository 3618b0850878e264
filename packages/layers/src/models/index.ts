// Sequential and functional models, the training loop, losses, metrics, callbacks and save/load.
export { Callback, callAll } from './callbacks/callback';
export type { Logs } from './callbacks/callback';
export { Model } from './functional';
export type { ModelArgs } from './functional';
export type { History } from './history';
export { LayersModel, isTensor, sliceBatch } from './layers-model';
export type { CompileOptions, EvaluateOptions, FitOptions } from './layers-model';
export {
  EPSILON,
  binaryCrossentropy,
  categoricalCrossentropy,
  getLoss,
  huber,
  kullbackLeiblerDivergence,
  meanAbsoluteError,
  meanSquaredError,
  sparseCategoricalCrossentropy,
} from './losses';
export type { LossFn, LossIdentifier } from './losses';
export { Accuracy, F1Score, Precision, Recall, TopKAccuracy, classIds, confusionMatrix, getMetric } from './metrics';
export type { Averaging, Metric, MetricIdentifier } from './metrics';
export { Sequential } from './sequential';
export type { SequentialArgs } from './sequential';
