/** Helpers to build serialisable learning-rate schedules. */
import { ConfigError, type LearningRateSchedule } from '@convkit/core';

/** Wraps `fn` as a `LearningRateSchedule` carrying `{ className, config }`. */
export function makeSchedule(
  className: string,
  config: Record<string, unknown>,
  fn: (step: number) => number,
): LearningRateSchedule {
  const schedule = ((step: number) => fn(Math.max(0, step))) as LearningRateSchedule;
  Object.defineProperty(schedule, 'config', { value: { className, config }, enumerable: true });
  return schedule;
}

/** Throws a `ConfigError` unless `value` is a positive finite number. */
export function requirePositive(owner: string, name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) throw new ConfigError(`${owner}: ${name} must be positive, got ${value}`);
}

/** Throws a `ConfigError` unless `value` is a non-negative finite number. */
export function requireNonNegative(owner: string, name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new ConfigError(`${owner}: ${name} must be non-negative, got ${value}`);
  }
}
