/** Exponential learning-rate decay. */
import type { LearningRateSchedule } from '@convkit/core';
import { checkBoolean, checkNonNegative, checkOptionKeys, checkPositive } from '../validate';
import { makeSchedule } from './schedule';

/** Options of `exponentialDecay`. */
export interface ExponentialDecayOptions {
  /** Learning rate at step 0. */
  initialLearningRate: number;
  /** Steps over which the rate is multiplied by `decayRate` once. */
  decaySteps: number;
  /** Factor per `decaySteps` steps. */
  decayRate: number;
  /**
   * Decay in discrete jumps every `decaySteps` (floored exponent). Default false.
   *
   * @defaultValue `false`
   */
  staircase?: boolean;
}

/**
 * `lr = initial · decayRate^(step / decaySteps)`, the exponent floored with
 * `staircase` (Keras `ExponentialDecay`).
 *
 * @param options - Initial rate, decay period and factor; see {@link ExponentialDecayOptions}.
 * @returns A serialisable schedule for an optimizer's `learningRate`.
 * @throws {ConfigError} when an option is unknown or out of range.
 *
 * @example
 * ```ts
 * import { SGD, exponentialDecay } from '@convkit/optim';
 *
 * // halve the rate every 1000 steps, in jumps
 * const lr = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 1000, decayRate: 0.5, staircase: true });
 * const opt = new SGD({ learningRate: lr, momentum: 0.9 });
 * ```
 */
export function exponentialDecay(options: ExponentialDecayOptions): LearningRateSchedule {
  checkOptionKeys('exponentialDecay', options, ['initialLearningRate', 'decaySteps', 'decayRate', 'staircase']);
  const { initialLearningRate, decaySteps, decayRate } = options;
  const staircase = options.staircase ?? false;
  checkNonNegative('exponentialDecay', 'initialLearningRate', initialLearningRate);
  checkPositive('exponentialDecay', 'decaySteps', decaySteps);
  checkPositive('exponentialDecay', 'decayRate', decayRate);
  checkBoolean('exponentialDecay', 'staircase', staircase);
  return makeSchedule('ExponentialDecay', { initialLearningRate, decaySteps, decayRate, staircase }, (step) => {
    const p = step / decaySteps;
    return initialLearningRate * decayRate ** (staircase ? Math.floor(p) : p);
  });
}
