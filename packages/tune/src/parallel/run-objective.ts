/** Running an objective on one trial the way `Study.optimize` does, for the runners. */
import type { Trial } from '../trial';
import { TrialPruned } from '../trial-pruned';
import type { TrialResult } from '../types';

/**
 * Runs `objective` on `trial` and says how the trial ended, as `Study.optimize` would: `complete`
 * with a finite value, `pruned` when it threw `TrialPruned` (value: its last report), `failed`
 * with the error's message otherwise (also for a non-finite value). It never throws: in a
 * parallel or distributed study a failing trial must not stop the others.
 *
 * @param objective - The objective.
 * @param trial - The trial.
 * @returns The result to store with `Study.tell`.
 */
export async function runObjective(
  objective: (trial: Trial) => number | Promise<number>,
  trial: Trial,
): Promise<TrialResult> {
  try {
    const value = await objective(trial);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return {
        state: 'failed',
        error: `the objective returned ${typeof value === 'number' ? value : typeof value}, not a finite number`,
      };
    }
    return { state: 'complete', value };
  } catch (e) {
    if (e instanceof TrialPruned || (e as Error | undefined)?.name === 'TrialPruned') {
      const last = trial.lastReported();
      return { state: 'pruned', ...(last !== undefined ? { value: last } : {}) };
    }
    return { state: 'failed', error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}
