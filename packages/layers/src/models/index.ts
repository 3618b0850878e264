// Sequential and functional models, the training loop, losses, metrics, callbacks and save/load.

export * from './callbacks/index';
export type { ModelArgs } from './functional';
export { Model } from './functional';
export type { History } from './history';
export * from './io/index';
export type {
  BatchTransform,
  BatchTransformInfo,
  CallOptions,
  CompileOptions,
  EvaluateOptions,
  FitOptions,
  LayerTap,
  ModelInferenceOverride,
  PredictOptions,
} from './layers-model';
export { isTensor, LayersModel, sliceBatch } from './layers-model';
export type { TargetKind } from './loss-targets';
export type { LossFn, LossIdentifier } from './losses';
export {
  binaryCrossentropy,
  categoricalCrossentropy,
  EPSILON,
  getLoss,
  huber,
  kullbackLeiblerDivergence,
  lossNames,
  meanAbsoluteError,
  meanSquaredError,
  registerLoss,
  sparseCategoricalCrossentropy,
} from './losses';
export * from './metrics/index';
export type { SequentialArgs } from './sequential';
export { Sequential } from './sequential';
export type { LayerSummary, ModelSummary } from './summary';
export { summarizeModel } from './summary';
export type { ModelLimits, PlanOptions, TopologyPlan } from './topology-plan';
export {
  checkPlanFitsWeights,
  DEFAULT_MAX_ACTIVATION_ELEMENTS,
  DEFAULT_MAX_PARAMS,
  planTopology,
} from './topology-plan';
export type { StepContext } from './train-step';
export { guardedTrainStep } from './train-step';
