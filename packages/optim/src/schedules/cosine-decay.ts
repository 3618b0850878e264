import type { LearningRateSchedule } from '@convkit/core';
import { makeSchedule, requireNonNegative, requirePositive } from './schedule';

/** Options of `cosineDecay`. */
export interface CosineDecayOptions {
  /** Peak learning rate, reached at the end of the warm-up. */
  initialLearningRate: number;
  /** Steps of cosine decay after the warm-up. */
  decaySteps: number;
  /** Final learning rate as a fraction of the peak. Default 0. */
  alpha?: number;
  /** Steps of linear warm-up before the decay. Default 0. */
  warmupSteps?: number;
  /** Learning rate at step 0 of the warm-up. Default 0. */
  warmupStartLearningRate?: number;
}

/**
 * Linear warm-up from `warmupStartLearningRate` to `initialLearningRate` over
 * `warmupSteps`, then `lr = peak · ((1−α)·½(1 + cos(π·t)) + α)` with
 * `t = min(step − warmupSteps, decaySteps) / decaySteps` (SGDR / Keras `CosineDecay`).
 */
export function cosineDecay(options: CosineDecayOptions): LearningRateSchedule {
  const { initialLearningRate, decaySteps } = options;
  const alpha = options.alpha ?? 0;
  const warmupSteps = options.warmupSteps ?? 0;
  const warmupStart = options.warmupStartLearningRate ?? 0;
  requirePositive('cosineDecay', 'initialLearningRate', initialLearningRate);
  requirePositive('cosineDecay', 'decaySteps', decaySteps);
  requireNonNegative('cosineDecay', 'alpha', alpha);
  requireNonNegative('cosineDecay', 'warmupSteps', warmupSteps);
  requireNonNegative('cosineDecay', 'warmupStartLearningRate', warmupStart);
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
