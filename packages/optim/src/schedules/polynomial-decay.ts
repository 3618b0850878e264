import type { LearningRateSchedule } from '@convkit/core';
import { makeSchedule, requireNonNegative, requirePositive } from './schedule';

/** Options of `polynomialDecay`. */
export interface PolynomialDecayOptions {
  initialLearningRate: number;
  decaySteps: number;
  /** Default 1e-4. */
  endLearningRate?: number;
  /** Default 1 (linear). */
  power?: number;
  /** Restart the decay every `decaySteps` (with a growing horizon, as Keras). Default false. */
  cycle?: boolean;
}

/** `lr = (initial − end)·(1 − step/decaySteps)^power + end`, held at `end` afterwards (Keras `PolynomialDecay`). */
export function polynomialDecay(options: PolynomialDecayOptions): LearningRateSchedule {
  const { initialLearningRate, decaySteps } = options;
  const end = options.endLearningRate ?? 1e-4;
  const power = options.power ?? 1;
  const cycle = options.cycle ?? false;
  requirePositive('polynomialDecay', 'initialLearningRate', initialLearningRate);
  requirePositive('polynomialDecay', 'decaySteps', decaySteps);
  requireNonNegative('polynomialDecay', 'endLearningRate', end);
  requirePositive('polynomialDecay', 'power', power);
  return makeSchedule(
    'PolynomialDecay',
    { initialLearningRate, decaySteps, endLearningRate: end, power, cycle },
    (step) => {
      let horizon = decaySteps;
      let s = step;
      if (cycle) horizon = decaySteps * Math.max(1, Math.ceil(step / decaySteps));
      else s = Math.min(step, decaySteps);
      return (initialLearningRate - end) * (1 - s / horizon) ** power + end;
    },
  );
}
