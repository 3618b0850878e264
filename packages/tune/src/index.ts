/**
 * @convkit/tune — hyper-parameter search and cross-validation for convkit models.
 *
 * @packageDocumentation
 */

export {
  type CrossValidateOptions,
  type CrossValidationData,
  type CrossValidationResult,
  crossValidate,
  type FoldScore,
} from './cross-validate';
export {
  cardinality,
  checkDistribution,
  contains,
  describeDistribution,
  fromInternal,
  internalBounds,
  sameDistribution,
  toInternal,
} from './distributions';
export { MedianPruner, type MedianPrunerOptions, median } from './pruners/median';
export { lastStep, NopPruner, type Pruner } from './pruners/pruner';
export { type SuccessiveHalvingOptions, SuccessiveHalvingPruner } from './pruners/successive-halving';
export { PruningCallback, type PruningCallbackOptions, pruningCallback } from './pruning-callback';
export { trialsToCsv, trialsToJson } from './report/export';
export { type BestSoFarPoint, bestSoFar, type HistoryPoint, studyHistory } from './report/history';
export { type ParamImportanceOptions, paramImportances } from './report/importance';
export { EvolutionarySampler, type EvolutionarySamplerOptions } from './samplers/evolutionary';
export { GridSampler, type GridSpace } from './samplers/grid';
export { RandomSampler, type RandomSamplerOptions, uniformValue } from './samplers/random';
export type { Sampler, SamplerContext } from './samplers/sampler';
export { defaultGamma, TPESampler, type TPESamplerOptions } from './samplers/tpe';
export {
  parseSearchSpace,
  type SearchSpace,
  type SearchSpaceConditionJson,
  type SearchSpaceJson,
  type SearchSpaceParamJson,
  suggestFromSpace,
} from './search-space';
export { rngFor } from './seeded';
export { MemoryStorage } from './storage/memory';
export {
  bestOf,
  type CreateStudyOptions,
  createStudy,
  type Objective,
  type OptimizeOptions,
  type OptimizeSummary,
  type StaleTrialPolicy,
  Study,
} from './study';
export { type SuggestFloatOptions, type SuggestIntOptions, Trial, type TrialContext } from './trial';
export { TrialPruned } from './trial-pruned';
export type {
  Direction,
  Distribution,
  Params,
  ParamValue,
  StudyInfo,
  StudyStorage,
  TrialRecord,
  TrialResult,
  TrialState,
} from './types';
