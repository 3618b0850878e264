/** Asynchronous successive halving (ASHA). */
import { ConfigError } from '@convkit/core';
import type { Direction, TrialRecord } from '../types';
import { lastStep, type Pruner } from './pruner';

/** Options of {@link SuccessiveHalvingPruner}. */
export interface SuccessiveHalvingOptions {
  /** Resource (steps, e.g. epochs) of the first rung (default 1). */
  minResource?: number;
  /** η: each rung keeps the best 1/η of the trials that reached it (default 4). */
  reductionFactor?: number;
  /** s: the first rung is at `minResource · η^s` (default 0). */
  minEarlyStoppingRate?: number;
}

/**
 * ASHA (Li et al. 2020), as Optuna's `SuccessiveHalvingPruner`. Rung `k` sits at step
 * `minResource · η^(s + k)`. When a trial reaches a rung, its value there (the value it reported at
 * the first step at or after the rung) is compared with the values of every trial that reached the
 * rung, itself included: it goes on only if it is among the best `⌊n/η⌋` of those `n` values (the
 * best one while `n < η`, since trials are never paused and resumed). It is checked against every rung
 * it passed, so a trial that reports only at some steps is judged at each rung all the same.
 *
 * @example
 * ```ts
 * import { createStudy, SuccessiveHalvingPruner } from '@convkit/tune';
 *
 * const study = await createStudy({ pruner: new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 3 }) });
 * ```
 */
export class SuccessiveHalvingPruner implements Pruner {
  readonly name = 'asha';
  readonly minResource: number;
  readonly reductionFactor: number;
  readonly minEarlyStoppingRate: number;

  /**
   * @param options - `minResource` (1), `reductionFactor` (4), `minEarlyStoppingRate` (0).
   * @throws {ConfigError} on an invalid option.
   */
  constructor(options: SuccessiveHalvingOptions = {}) {
    const o = options ?? {};
    const int = (name: string, v: unknown, min: number) => {
      if (v !== undefined && (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min)) {
        throw new ConfigError(`SuccessiveHalvingPruner: ${name} must be an integer >= ${min}, got ${String(v)}`);
      }
    };
    int('minResource', o.minResource, 1);
    int('reductionFactor', o.reductionFactor, 2);
    int('minEarlyStoppingRate', o.minEarlyStoppingRate, 0);
    this.minResource = o.minResource ?? 1;
    this.reductionFactor = o.reductionFactor ?? 4;
    this.minEarlyStoppingRate = o.minEarlyStoppingRate ?? 0;
  }

  /** The step of rung `k`. */
  rungStep(k: number): number {
    return this.minResource * this.reductionFactor ** (this.minEarlyStoppingRate + k);
  }

  /** A trial's value at rung `k`: what it reported at the first step >= the rung's, if any. */
  rungValue(trial: TrialRecord, k: number): number | undefined {
    const r = this.rungStep(k);
    let bestStep = Number.POSITIVE_INFINITY;
    for (const key of Object.keys(trial.intermediate)) {
      const s = Number(key);
      if (s >= r && s < bestStep) bestStep = s;
    }
    return bestStep === Number.POSITIVE_INFINITY ? undefined : trial.intermediate[bestStep];
  }

  /** Whether the trial falls outside the top 1/η at a rung it reached (see {@link Pruner.prune}). */
  prune(trials: readonly TrialRecord[], trial: TrialRecord, direction: Direction): boolean {
    const step = lastStep(trial);
    if (step === undefined) return false;
    const eta = this.reductionFactor;
    for (let k = 0; this.rungStep(k) <= step; k++) {
      const value = this.rungValue(trial, k) as number;
      const competing = [value];
      for (const t of trials) {
        if (t.number === trial.number) continue;
        const v = this.rungValue(t, k);
        if (v !== undefined) competing.push(v);
      }
      competing.sort((a, b) => a - b);
      const idx = Math.max(0, Math.floor(competing.length / eta) - 1);
      const ok = direction === 'minimize' ? value <= competing[idx] : value >= competing[competing.length - 1 - idx];
      if (!ok) return true;
    }
    return false;
  }
}
