import { ConfigError, type LearningRateSchedule } from '@convkit/core';
import { makeSchedule, requirePositive } from './schedule';

/** Options of `oneCycle`. */
export interface OneCycleOptions {
  maxLearningRate: number;
  /** Total number of training steps. */
  totalSteps: number;
  /** Fraction of the steps spent increasing the rate. Default 0.3. */
  pctStart?: number;
  /** Initial rate = max / divFactor. Default 25. */
  divFactor?: number;
  /** Final rate = initial / finalDivFactor. Default 1e4. */
  finalDivFactor?: number;
}

function cosineAnneal(start: number, end: number, pct: number): number {
  return end + ((start - end) / 2) * (1 + Math.cos(Math.PI * pct));
}

/**
 * Smith's 1cycle policy with cosine annealing, as PyTorch's `OneCycleLR`:
 * from `max/divFactor` up to `max` over the first `pctStart` of the steps,
 * then down to `max/(divFactor·finalDivFactor)` at the last step.
 */
export function oneCycle(options: OneCycleOptions): LearningRateSchedule {
  const { maxLearningRate, totalSteps } = options;
  const pctStart = options.pctStart ?? 0.3;
  const divFactor = options.divFactor ?? 25;
  const finalDivFactor = options.finalDivFactor ?? 1e4;
  requirePositive('oneCycle', 'maxLearningRate', maxLearningRate);
  requirePositive('oneCycle', 'divFactor', divFactor);
  requirePositive('oneCycle', 'finalDivFactor', finalDivFactor);
  if (!Number.isInteger(totalSteps) || totalSteps < 2) {
    throw new ConfigError(`oneCycle: totalSteps must be an integer >= 2, got ${totalSteps}`);
  }
  if (!(pctStart > 0 && pctStart < 1)) throw new ConfigError(`oneCycle: pctStart must be in (0, 1), got ${pctStart}`);
  const initial = maxLearningRate / divFactor;
  const final = initial / finalDivFactor;
  const peakStep = pctStart * totalSteps - 1;
  const lastStep = totalSteps - 1;
  return makeSchedule('OneCycle', { maxLearningRate, totalSteps, pctStart, divFactor, finalDivFactor }, (step) => {
    const s = Math.min(step, lastStep);
    if (s <= peakStep) return cosineAnneal(initial, maxLearningRate, peakStep <= 0 ? 1 : s / peakStep);
    return cosineAnneal(maxLearningRate, final, (s - peakStep) / (lastStep - peakStep));
  });
}
