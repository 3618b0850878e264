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
  /** Decay in discrete jumps every `decaySteps` (floored exponent). Default false. */
  staircase?: boolean;
}

/**
 * `lr = initial · decayRate^(step / decaySteps)`, the exponent floored with
 * `staircase` (Keras `ExponentialDecay`).
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
