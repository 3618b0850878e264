/**
 * @convkit/tune — hyper-parameter search and cross-validation for convkit models.
 *
 * @packageDocumentation
 */

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
export { NopPruner, type Pruner } from './pruners/pruner';
export { RandomSampler, type RandomSamplerOptions, uniformValue } from './samplers/random';
export type { Sampler, SamplerContext } from './samplers/sampler';
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
