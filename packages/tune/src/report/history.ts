/** The objective over trials, as data to plot. */
import { ConfigError } from '@convkit/core';
import type { Direction, TrialRecord, TrialState } from '../types';

/** One point of {@link studyHistory}. */
export interface HistoryPoint {
  number: number;
  state: TrialState;
  /** The objective (complete trials; the last reported value of pruned ones), else `undefined`. */
  value: number | undefined;
}

/** One point of {@link bestSoFar}. */
export interface BestSoFarPoint {
  number: number;
  /** The trial's own value (complete trials). */
  value: number;
  /** The best value among complete trials up to and including this one. */
  best: number;
}

/**
 * The objective value of every trial, in trial order (a scatter plot of the search).
 *
 * @param trials - Trial records (e.g. `await study.trials()`).
 * @returns One point per trial.
 *
 * @example
 * ```ts
 * const points = studyHistory(await study.trials()); // [{ number: 0, state: 'complete', value: 0.41 }, …]
 * ```
 */
export function studyHistory(trials: readonly TrialRecord[]): HistoryPoint[] {
  return [...trials]
    .sort((a, b) => a.number - b.number)
    .map((t) => ({ number: t.number, state: t.state, value: t.value }));
}

/**
 * The best-so-far curve: for each complete trial in order, the best complete value up to it.
 *
 * @param trials - Trial records.
 * @param direction - `'minimize'` or `'maximize'`.
 * @returns One point per complete trial.
 * @throws {ConfigError} on a bad direction.
 *
 * @example
 * ```ts
 * const curve = bestSoFar(await study.trials(), 'minimize'); // best is non-increasing
 * ```
 */
export function bestSoFar(trials: readonly TrialRecord[], direction: Direction): BestSoFarPoint[] {
  if (direction !== 'minimize' && direction !== 'maximize') {
    throw new ConfigError(`bestSoFar: direction must be "minimize" or "maximize", got ${JSON.stringify(direction)}`);
  }
  const out: BestSoFarPoint[] = [];
  let best: number | undefined;
  for (const t of [...trials].sort((a, b) => a.number - b.number)) {
    if (t.state !== 'complete' || t.value === undefined) continue;
    if (best === undefined || (direction === 'minimize' ? t.value < best : t.value > best)) best = t.value;
    out.push({ number: t.number, value: t.value, best });
  }
  return out;
}
