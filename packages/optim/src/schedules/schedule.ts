/** Building a serialisable learning-rate schedule from a plain function. */
import type { LearningRateSchedule } from '@convkit/core';

/**
 * Wraps `fn` as a `LearningRateSchedule` carrying `config: { className, config }`
 * (negative steps are treated as 0). Use it for custom schedules that should
 * survive `getConfig()`; only the built-in ones are rebuilt by `scheduleFromConfig`.
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
