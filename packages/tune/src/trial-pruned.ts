/** The signal that a trial was stopped early by a pruner. */
import { ConvkitError } from '@convkit/core';

/**
 * Thrown by an objective (or by `pruningCallback` inside `fit`) when `trial.shouldPrune()` says the
 * trial is not promising. The study records the trial as `pruned` with its last reported value,
 * and moves on; it is not an error of the study.
 *
 * @example
 * ```ts
 * await trial.report(valLoss, epoch);
 * if (await trial.shouldPrune()) throw new TrialPruned(`pruned at epoch ${epoch}`);
 * ```
 */
export class TrialPruned extends ConvkitError {
  /**
   * @param message - Why (default: "trial pruned").
   */
  constructor(message = 'trial pruned') {
    super('TRIAL_PRUNED', message);
  }
}
