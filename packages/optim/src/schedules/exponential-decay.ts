import type { LearningRateSchedule } from '@convkit/core';
import { makeSchedule, requirePositive } from './schedule';

/** Options of `exponentialDecay`. */
export interface ExponentialDecayOptions {
  initialLearningRate: number;
  decaySteps: number;
  decayRate: number;
  /** Decay in discrete jumps every `decaySteps`. Default false. */
  staircase?: boolean;
}

/** `lr = initial · decayRate^(step / decaySteps)` (floored exponent with `staircase`), as Keras. */
export function exponentialDecay(options: ExponentialDecayOptions): LearningRateSchedule {
  const { initialLearningRate, decaySteps, decayRate } = options;
  const staircase = options.staircase ?? false;
  requirePositive('exponentialDecay', 'initialLearningRate', initialLearningRate);
  requirePositive('exponentialDecay', 'decaySteps', decaySteps);
  requirePositive('exponentialDecay', 'decayRate', decayRate);
  return makeSchedule('ExponentialDecay', { initialLearningRate, decaySteps, decayRate, staircase }, (step) => {
    const p = step / decaySteps;
    return initialLearningRate * decayRate ** (staircase ? Math.floor(p) : p);
  });
}
