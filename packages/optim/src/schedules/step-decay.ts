/** Step-wise constant schedules: decay by a factor every N steps, or explicit boundaries. */
import { ConfigError, type LearningRateSchedule } from '@convkit/core';
import { checkNonNegative, checkOptionKeys, checkPositive } from '../validate';
import { makeSchedule } from './schedule';

/** Options of `stepDecay`. */
export interface StepDecayOptions {
  /** Learning rate of steps `0 .. stepSize-1`. */
  initialLearningRate: number;
  /** Steps between two decays. */
  stepSize: number;
  /**
   * Factor applied every `stepSize` steps. Default 0.1.
   *
   * @defaultValue `0.1`
   */
  gamma?: number;
}

/**
 * `lr = initial · gamma^floor(step / stepSize)` (PyTorch `StepLR`).
 *
 * @param options - Initial rate, period and factor; see {@link StepDecayOptions}.
 * @returns A serialisable schedule for an optimizer's `learningRate`.
 * @throws {ConfigError} when an option is unknown or out of range.
 *
 * @example
 * ```ts
 * import { SGD, stepDecay } from '@convkit/optim';
 *
 * const opt = new SGD({ learningRate: stepDecay({ initialLearningRate: 0.1, stepSize: 1000, gamma: 0.5 }) });
 * ```
 */
export function stepDecay(options: StepDecayOptions): LearningRateSchedule {
  checkOptionKeys('stepDecay', options, ['initialLearningRate', 'stepSize', 'gamma']);
  const { initialLearningRate, stepSize } = options;
  const gamma = options.gamma ?? 0.1;
  checkNonNegative('stepDecay', 'initialLearningRate', initialLearningRate);
  checkPositive('stepDecay', 'stepSize', stepSize);
  checkPositive('stepDecay', 'gamma', gamma);
  return makeSchedule(
    'StepDecay',
    { initialLearningRate, stepSize, gamma },
    (step) => initialLearningRate * gamma ** Math.floor(step / stepSize),
  );
}

/** Options of `piecewiseConstant`. */
export interface PiecewiseConstantOptions {
  /** Strictly increasing step boundaries. */
  boundaries: number[];
  /** `boundaries.length + 1` learning rates: `values[i]` applies while `boundaries[i-1] < step <= boundaries[i]`. */
  values: number[];
}

/**
 * Piecewise-constant learning rate, as Keras `PiecewiseConstantDecay`: a
 * boundary step still uses the earlier value, `values[i+1]` starts at
 * `boundaries[i] + 1`.
 *
 * @param options - Boundaries and the values between them; see {@link PiecewiseConstantOptions}.
 * @returns A serialisable schedule for an optimizer's `learningRate`.
 * @throws {ConfigError} when `values.length !== boundaries.length + 1`, the boundaries do not increase
 *   strictly, or a value is negative.
 *
 * @example
 * ```ts
 * import { SGD, piecewiseConstant } from '@convkit/optim';
 *
 * const opt = new SGD({ learningRate: piecewiseConstant({ boundaries: [1000, 2000], values: [0.1, 0.01, 0.001] }) });
 * ```
 */
export function piecewiseConstant(options: PiecewiseConstantOptions): LearningRateSchedule {
  checkOptionKeys('piecewiseConstant', options, ['boundaries', 'values']);
  const { boundaries, values } = options;
  if (!Array.isArray(boundaries) || !Array.isArray(values) || values.length !== boundaries.length + 1) {
    throw new ConfigError(
      `piecewiseConstant: needs boundaries.length + 1 values, got ${String(boundaries?.length)} boundaries and ${String(values?.length)} values`,
    );
  }
  boundaries.forEach((b) => checkNonNegative('piecewiseConstant', 'boundary', b));
  for (let i = 1; i < boundaries.length; i++) {
    if (!(boundaries[i] > boundaries[i - 1])) {
      throw new ConfigError(`piecewiseConstant: boundaries must increase strictly, got [${boundaries.join(', ')}]`);
    }
  }
  values.forEach((v) => checkNonNegative('piecewiseConstant', 'value', v));
  return makeSchedule('PiecewiseConstant', { boundaries: [...boundaries], values: [...values] }, (step) => {
    let i = 0;
    while (i < boundaries.length && step > boundaries[i]) i++;
    return values[i];
  });
}
