/**
 * @convkit/tune — hyper-parameter search and cross-validation for convkit models.
 *
 * @packageDocumentation
 */
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
