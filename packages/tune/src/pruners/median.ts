/** Median stopping rule. */
import { ConfigError } from '@convkit/core';
import type { Direction, TrialRecord } from '../types';
import { lastStep, type Pruner } from './pruner';

/** Options of {@link MedianPruner}. */
export interface MedianPrunerOptions {
  /** Never prune until this many trials are complete (default 5). */
  startupTrials?: number;
  /** Never prune before this step (default 0). */
  warmupSteps?: number;
  /** Need this many complete trials that reported the current step (default 1). */
  minTrials?: number;
}

function checkInt(name: string, v: unknown, min: number): void {
  if (v !== undefined && (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min)) {
    throw new ConfigError(`MedianPruner: ${name} must be an integer >= ${min}, got ${String(v)}`);
  }
}

/**
 * The median of `values` (the mean of the two middle ones for an even count).
 *
 * @param values - At least one number.
 */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Prunes a trial whose best value reported so far is worse than the median of the values that the
 * complete trials reported at the same step (Golovin et al. 2017, Optuna's `MedianPruner`). Silent
 * for the first `startupTrials` complete trials, before `warmupSteps`, and while fewer than
 * `minTrials` complete trials reported the step.
 *
 * @example
 * ```ts
 * import { createStudy, MedianPruner } from '@convkit/tune';
 *
 * const study = await createStudy({ pruner: new MedianPruner({ startupTrials: 5, warmupSteps: 2 }) });
 * ```
 */
export class MedianPruner implements Pruner {
  readonly name = 'median';
  readonly startupTrials: number;
  readonly warmupSteps: number;
  readonly minTrials: number;

  /**
   * @param options - `startupTrials` (5), `warmupSteps` (0), `minTrials` (1).
   * @throws {ConfigError} on a negative or non-integer option.
   */
  constructor(options: MedianPrunerOptions = {}) {
    const o = options ?? {};
    checkInt('startupTrials', o.startupTrials, 0);
    checkInt('warmupSteps', o.warmupSteps, 0);
    checkInt('minTrials', o.minTrials, 1);
    this.startupTrials = o.startupTrials ?? 5;
    this.warmupSteps = o.warmupSteps ?? 0;
    this.minTrials = o.minTrials ?? 1;
  }

  /** Whether the trial's best value so far is worse than the median at its latest step (see {@link Pruner.prune}). */
  prune(trials: readonly TrialRecord[], trial: TrialRecord, direction: Direction): boolean {
    const step = lastStep(trial);
    if (step === undefined || step < this.warmupSteps) return false;
    const complete = trials.filter((t) => t.state === 'complete' && t.number !== trial.number);
    if (complete.length < this.startupTrials) return false;
    const atStep = complete.map((t) => t.intermediate[step]).filter((v): v is number => v !== undefined);
    if (atStep.length < this.minTrials || atStep.length === 0) return false;
    const own = Object.values(trial.intermediate);
    const best = direction === 'minimize' ? Math.min(...own) : Math.max(...own);
    const m = median(atStep);
    return direction === 'minimize' ? best > m : best < m;
  }
}
