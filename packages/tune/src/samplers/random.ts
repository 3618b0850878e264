/** Uniform random search. */
import { ConfigError } from '@convkit/core';
import { fromInternal, internalBounds } from '../distributions';
import { freshSeed, rngFor } from '../seeded';
import type { Distribution, ParamValue, TrialRecord } from '../types';
import type { Sampler } from './sampler';

/** Options of {@link RandomSampler}. */
export interface RandomSamplerOptions {
  /** Seed; the same seed gives the same values for the same trial numbers. Default: random. */
  seed?: number;
}

/** Checks an optional sampler seed. */
export function checkSeed(where: string, seed: unknown): number {
  if (seed === undefined) return freshSeed();
  if (typeof seed !== 'number' || !Number.isFinite(seed))
    throw new ConfigError(`${where}: seed must be a finite number, got ${String(seed)}`);
  return seed;
}

/**
 * Draws one value of `d` uniformly: uniform in log space for `log: true`, every step value and every
 * choice equally likely.
 *
 * @param d - A validated distribution.
 * @param u - A uniform number in [0, 1).
 * @returns A value `d` contains.
 */
export function uniformValue(d: Distribution, u: number): ParamValue {
  if (d.type === 'categorical') return d.choices[Math.min(d.choices.length - 1, Math.floor(u * d.choices.length))];
  const [lo, hi] = internalBounds(d);
  return fromInternal(d, lo + u * (hi - lo));
}

/**
 * Random search: every parameter drawn independently and uniformly (log-uniformly on log scales).
 * A strong baseline, and the startup phase of {@link TPESampler} and {@link EvolutionarySampler}.
 *
 * @example
 * ```ts
 * import { createStudy, RandomSampler } from '@convkit/tune';
 *
 * const study = await createStudy({ sampler: new RandomSampler({ seed: 1 }) });
 * await study.optimize((t) => (t.suggestFloat('x', -5, 5) - 2) ** 2, { trials: 20 });
 * ```
 */
export class RandomSampler implements Sampler {
  readonly name = 'random';
  /** The seed in use. */
  readonly seed: number;

  /**
   * @param options - `seed`.
   * @throws {ConfigError} when `seed` is not a finite number.
   */
  constructor(options: RandomSamplerOptions = {}) {
    this.seed = checkSeed('RandomSampler', options?.seed);
  }

  /** Draws a uniform value (see {@link Sampler.sample}). */
  sample(_trials: readonly TrialRecord[], name: string, distribution: Distribution, trial: TrialRecord): ParamValue {
    return uniformValue(distribution, rngFor(this.seed, 'random', trial.number, name).next());
  }
}
