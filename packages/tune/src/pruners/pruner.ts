/** The pruner contract: whether a running trial should stop early. */
import type { Direction, TrialRecord } from '../types';

/**
 * Decides from a trial's intermediate values (`trial.report(value, step)`) and those of the other
 * trials whether to stop it. Pruners are stateless: the decision depends only on the trials passed in.
 */
export interface Pruner {
  /** A short name for logs, e.g. `'median'`. */
  readonly name: string;
  /**
   * @param trials - All trials of the study (including `trial`), ordered by number.
   * @param trial - The running trial; its latest step is the largest key of `intermediate`.
   * @param direction - Whether lower or higher values are better.
   * @returns `true` to prune.
   */
  prune(trials: readonly TrialRecord[], trial: TrialRecord, direction: Direction): boolean;
}

/**
 * Never prunes (the default).
 */
export class NopPruner implements Pruner {
  readonly name = 'none';
  /** Never prunes. */
  prune(): boolean {
    return false;
  }
}

/** The latest step a trial reported, or `undefined` before its first report. */
export function lastStep(trial: TrialRecord): number | undefined {
  let last: number | undefined;
  for (const k of Object.keys(trial.intermediate)) {
    const s = Number(k);
    if (last === undefined || s > last) last = s;
  }
  return last;
}
