/** Cosine decay with an optional linear warm-up. */
import { ConfigError, type LearningRateSchedule } from '@convkit/core';
import { checkNonNegative, checkOptionKeys, checkPositive } from '../validate';
import { makeSchedule } from './schedule';

/** Options of `cosineDecay`. */
export interface CosineDecayOptions {
  /** Peak learning rate, reached at the end of the warm-up (at step 0 without warm-up). */
  initialLearningRate: number;
  /** Steps of cosine decay after the warm-up. */
  decaySteps: number;
  /**
   * Floor, as a fraction of the peak, reached after `decaySteps` and kept afterwards. In [0, 1]. Default 0.
   *
   * @defaultValue `0`
   */
  alpha?: number;
  /**
   * Steps of linear warm-up before the decay. Default 0.
   *
   * @defaultValue `0`
   */
  warmupSteps?: number;
  /**
   * Learning rate at step 0 of the warm-up. Default 0.
   *
   * @defaultValue `0`
   */
  warmupStartLearningRate?: number;
}

/**
 * Linear warm-up from `warmupStartLearningRate` (step 0) to `initialLearningRate`
 * (step `warmupSteps`), then `lr = peak · ((1−α)·½(1 + cos(π·t)) + α)` with
 * `t = min(step − warmupSteps, decaySteps) / decaySteps` (Keras `CosineDecay`,
 * whose warm-up instead ramps from `initial_learning_rate` up to `warmup_target`).
 *
 * @param options - Peak rate, decay length, floor and warm-up; see {@link CosineDecayOptions}.
 * @returns A serialisable schedule for an optimizer's `learningRate`.
 * @throws {ConfigError} when an option is unknown or out of range (`decaySteps <= 0`, `alpha > 1`, ...).
 *
 * @example
 * ```ts
 * import { Adam, cosineDecay } from '@convkit/optim';
 *
 * const opt = new Adam({
 *   learningRate: cosineDecay({ initialLearningRate: 1e-3, decaySteps: 9000, warmupSteps: 1000, alpha: 0.01 }),
 * });
 * ```
 */
export function cosineDecay(options: CosineDecayOptions): LearningRateSchedule {
  checkOptionKeys('cosineDecay', options, [
    'initialLearningRate',
    'decaySteps',
    'alpha',
    'warmupSteps',
    'warmupStartLearningRate',
  ]);
  const { initialLearningRate, decaySteps } = options;
  const alpha = options.alpha ?? 0;
  const warmupSteps = options.warmupSteps ?? 0;
  const warmupStart = options.warmupStartLearningRate ?? 0;
  checkNonNegative('cosineDecay', 'initialLearningRate', initialLearningRate);
  checkPositive('cosineDecay', 'decaySteps', decaySteps);
  checkNonNegative('cosineDecay', 'alpha', alpha);
  if (alpha > 1) throw new ConfigError(`cosineDecay: alpha must be in [0, 1], got ${alpha}`);
  checkNonNegative('cosineDecay', 'warmupSteps', warmupSteps);
  checkNonNegative('cosineDecay', 'warmupStartLearningRate', warmupStart);
  return makeSchedule(
    'CosineDecay',
    { initialLearningRate, decaySteps, alpha, warmupSteps, warmupStartLearningRate: warmupStart },
    (step) => {
      if (step < warmupSteps) return warmupStart + ((initialLearningRate - warmupStart) * step) / warmupSteps;
      const t = Math.min(step - warmupSteps, decaySteps) / decaySteps;
      return initialLearningRate * ((1 - alpha) * 0.5 * (1 + Math.cos(Math.PI * t)) + alpha);
    },
  );
}
