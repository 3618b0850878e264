/** Polynomial learning-rate decay. */
import type { LearningRateSchedule } from '@convkit/core';
import { checkBoolean, checkNonNegative, checkOptionKeys, checkPositive } from '../validate';
import { makeSchedule } from './schedule';

/** Options of `polynomialDecay`. */
export interface PolynomialDecayOptions {
  /** Learning rate at step 0. */
  initialLearningRate: number;
  /** Steps to reach `endLearningRate`. */
  decaySteps: number;
  /**
   * Rate reached at `decaySteps` and kept afterwards. Default 1e-4.
   *
   * @defaultValue `1e-4`
   */
  endLearningRate?: number;
  /**
   * Exponent of the decay. Default 1 (linear).
   *
   * @defaultValue `1`
   */
  power?: number;
  /**
   * Restart the decay every `decaySteps`, with a horizon of the next multiple of `decaySteps` (Keras). Default false.
   *
   * @defaultValue `false`
   */
  cycle?: boolean;
}

/**
 * `lr = (initial − end)·(1 − min(step, decaySteps)/decaySteps)^power + end`
 * (Keras `PolynomialDecay`, including its `cycle` behaviour).
 *
 * @param options - Start and end rates, decay length and power; see {@link PolynomialDecayOptions}.
 * @returns A serialisable schedule for an optimizer's `learningRate`.
 * @throws {ConfigError} when an option is unknown or out of range.
 *
 * @example
 * ```ts
 * import { SGD, polynomialDecay } from '@convkit/optim';
 *
 * // linear decay from 0.01 to 1e-4 over 5000 steps
 * const opt = new SGD({ learningRate: polynomialDecay({ initialLearningRate: 0.01, decaySteps: 5000 }) });
 * ```
 */
export function polynomialDecay(options: PolynomialDecayOptions): LearningRateSchedule {
  checkOptionKeys('polynomialDecay', options, [
    'initialLearningRate',
    'decaySteps',
    'endLearningRate',
    'power',
    'cycle',
  ]);
  const { initialLearningRate, decaySteps } = options;
  const end = options.endLearningRate ?? 1e-4;
  const power = options.power ?? 1;
  const cycle = options.cycle ?? false;
  checkNonNegative('polynomialDecay', 'initialLearningRate', initialLearningRate);
  checkPositive('polynomialDecay', 'decaySteps', decaySteps);
  checkNonNegative('polynomialDecay', 'endLearningRate', end);
  checkPositive('polynomialDecay', 'power', power);
  checkBoolean('polynomialDecay', 'cycle', cycle);
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
