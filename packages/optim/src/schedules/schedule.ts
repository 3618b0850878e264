/** Building a serialisable learning-rate schedule from a plain function. */
import type { LearningRateSchedule } from '@convkit/core';

/**
 * Wraps `fn` as a `LearningRateSchedule` carrying `config: { className, config }`
 * (negative steps are treated as 0). Use it for custom schedules that should
 * survive `getConfig()`; only the built-in ones are rebuilt by `scheduleFromConfig`.
 *
 * @param className - Name stored in `config.className`.
 * @param config - Options stored in `config.config` (JSON-able).
 * @param fn - The learning rate for a 0-based step.
 * @returns `fn` as a schedule with a `config` property.
 *
 * @example
 * ```ts
 * import { Adam, makeSchedule } from '@convkit/optim';
 *
 * const warmRestart = makeSchedule('WarmRestart', { period: 1000 }, (step) => 1e-3 * (1 - (step % 1000) / 1000));
 * const opt = new Adam({ learningRate: warmRestart });
 * ```
 */
export function makeSchedule(
  className: string,
  config: Record<string, unknown>,
  fn: (step: number) => number,
): LearningRateSchedule {
  const schedule = ((step: number) => fn(Math.max(0, step))) as LearningRateSchedule;
  Object.defineProperty(schedule, 'config', { value: { className, config }, enumerable: true });
  return schedule;
}
