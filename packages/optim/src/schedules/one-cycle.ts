/** Smith's 1cycle learning-rate policy. */
import { ConfigError, type LearningRateSchedule } from '@convkit/core';
import { checkOptionKeys, checkPositive } from '../validate';
import { makeSchedule } from './schedule';

/** Options of `oneCycle`. */
export interface OneCycleOptions {
  /** Peak learning rate. */
  maxLearningRate: number;
  /** Total number of training steps (an integer >= 2). */
  totalSteps: number;
  /**
   * Fraction of the steps spent increasing the rate, in (0, 1). Default 0.3.
   *
   * @defaultValue `0.3`
   */
  pctStart?: number;
  /**
   * Initial rate = `maxLearningRate / divFactor`. Default 25.
   *
   * @defaultValue `25`
   */
  divFactor?: number;
  /**
   * Final rate = initial rate / `finalDivFactor`. Default 1e4.
   *
   * @defaultValue `1e4`
   */
  finalDivFactor?: number;
  /**
   * Shape of both phases: `'cos'` (default) or `'linear'`.
   *
   * @defaultValue `'cos'`
   */
  annealStrategy?: 'cos' | 'linear';
}

function cosineAnneal(start: number, end: number, pct: number): number {
  return end + ((start - end) / 2) * (1 + Math.cos(Math.PI * pct));
}

function linearAnneal(start: number, end: number, pct: number): number {
  return (end - start) * pct + start;
}

/**
 * Smith's 1cycle policy, as PyTorch's `OneCycleLR` (two phases): from
 * `max/divFactor` at step 0 up to `max` at step `pctStart·totalSteps − 1`,
 * then down to `max/(divFactor·finalDivFactor)` at step `totalSteps − 1`,
 * where it stays. (No momentum cycling: convkit schedules drive the learning rate only.)
 *
 * @param options - Peak rate, total steps and phase shape; see {@link OneCycleOptions}.
 * @returns A serialisable schedule for an optimizer's `learningRate`.
 * @throws {ConfigError} when an option is unknown or out of range (`totalSteps < 2`, `pctStart` outside (0, 1), ...).
 *
 * @example
 * ```ts
 * import { SGD, oneCycle } from '@convkit/optim';
 *
 * const epochs = 10;
 * const stepsPerEpoch = 469; // 60,000 images / batch 128
 * const opt = new SGD({ learningRate: oneCycle({ maxLearningRate: 0.1, totalSteps: epochs * stepsPerEpoch }), momentum: 0.9 });
 * ```
 */
export function oneCycle(options: OneCycleOptions): LearningRateSchedule {
  checkOptionKeys('oneCycle', options, [
    'maxLearningRate',
    'totalSteps',
    'pctStart',
    'divFactor',
    'finalDivFactor',
    'annealStrategy',
  ]);
  const { maxLearningRate, totalSteps } = options;
  const pctStart = options.pctStart ?? 0.3;
  const divFactor = options.divFactor ?? 25;
  const finalDivFactor = options.finalDivFactor ?? 1e4;
  const annealStrategy = options.annealStrategy ?? 'cos';
  checkPositive('oneCycle', 'maxLearningRate', maxLearningRate);
  checkPositive('oneCycle', 'divFactor', divFactor);
  checkPositive('oneCycle', 'finalDivFactor', finalDivFactor);
  if (!Number.isInteger(totalSteps) || totalSteps < 2) {
    throw new ConfigError(`oneCycle: totalSteps must be an integer >= 2, got ${String(totalSteps)}`);
  }
  if (typeof pctStart !== 'number' || !(pctStart > 0 && pctStart < 1)) {
    throw new ConfigError(`oneCycle: pctStart must be in (0, 1), got ${String(pctStart)}`);
  }
  if (annealStrategy !== 'cos' && annealStrategy !== 'linear') {
    throw new ConfigError(`oneCycle: annealStrategy must be 'cos' or 'linear', got ${String(annealStrategy)}`);
  }
  const anneal = annealStrategy === 'cos' ? cosineAnneal : linearAnneal;
  const initial = maxLearningRate / divFactor;
  const final = initial / finalDivFactor;
  const peakStep = pctStart * totalSteps - 1;
  const lastStep = totalSteps - 1;
  return makeSchedule(
    'OneCycle',
    { maxLearningRate, totalSteps, pctStart, divFactor, finalDivFactor, annealStrategy },
    (step) => {
      const s = Math.min(step, lastStep);
      // PyTorch divides 0 by 0 when the warm-up ends at step 0; its limit is the peak.
      if (s <= peakStep) return anneal(initial, maxLearningRate, peakStep > 0 ? s / peakStep : 1);
      return anneal(maxLearningRate, final, (s - peakStep) / (lastStep - peakStep));
    },
  );
}
