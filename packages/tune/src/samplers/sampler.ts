/** The sampler contract: how a study asks for a parameter value. */
import type { Direction, Distribution, ParamValue, TrialRecord } from '../types';

/** What a sampler knows about the study it samples for. */
export interface SamplerContext {
  /** The study's name. */
  readonly study: string;
  /** Whether lower or higher objective values are better. */
  readonly direction: Direction;
}

/**
 * Chooses parameter values. Samplers are seeded and stateless between calls: a value depends only on
 * the seed, the trial number, the parameter and the trials passed in, so a resumed or distributed study
 * draws what a single uninterrupted run would.
 *
 * @example
 * ```ts
 * import type { Sampler } from '@convkit/tune';
 *
 * // Always the lower bound (a toy sampler).
 * const lowest: Sampler = {
 *   name: 'lowest',
 *   sample: (_trials, _name, d) => (d.type === 'categorical' ? d.choices[0] : d.low),
 * };
 * ```
 */
export interface Sampler {
  /** A short name for logs and reports, e.g. `'tpe'`. */
  readonly name: string;
  /**
   * Draws a value of parameter `name` for `trial`.
   *
   * @param trials - The study's other trials, ordered by number: finished ones and, in parallel
   *   studies, running ones (whose parameters may be partial). Samplers that learn use the `complete` ones.
   * @param name - The parameter.
   * @param distribution - Where the value must come from (already validated).
   * @param trial - The trial being sampled, with the parameters suggested so far.
   * @param context - The study's name and direction.
   * @returns A value that `distribution` contains.
   */
  sample(
    trials: readonly TrialRecord[],
    name: string,
    distribution: Distribution,
    trial: TrialRecord,
    context: SamplerContext,
  ): ParamValue;
  /**
   * Whether the sampler has nothing new to propose (a grid fully covered); `optimize` then stops.
   *
   * @param trials - All trials of the study.
   */
  isExhausted?(trials: readonly TrialRecord[]): boolean;
}
