/**
 * Argument checks shared by optimizers and schedules. Each throws core's
 * `ConfigError` with a message naming the owner, the option and the value.
 */
import { ConfigError } from '@convkit/core';

/** Throws unless `value` is a finite number `> 0`. */
export function checkPositive(owner: string, name: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ConfigError(`${owner}: ${name} must be a positive number, got ${String(value)}`);
  }
}

/** Throws unless `value` is a finite number `>= 0`. */
export function checkNonNegative(owner: string, name: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ConfigError(`${owner}: ${name} must be a non-negative number, got ${String(value)}`);
  }
}

/** Throws unless `value` is in `[0, 1)` (betas, rho, momentum). */
export function checkUnitInterval(owner: string, name: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value >= 1) {
    throw new ConfigError(`${owner}: ${name} must be in [0, 1), got ${String(value)}`);
  }
}

/** Throws unless `value` is a boolean (configs may come from JSON). */
export function checkBoolean(owner: string, name: string, value: unknown): void {
  if (typeof value !== 'boolean') {
    throw new ConfigError(`${owner}: ${name} must be a boolean, got ${String(value)}`);
  }
}

/**
 * Throws unless `options` is a plain object whose keys are all in `known`.
 * A misspelt option (`lr` for `learningRate`) would otherwise be ignored silently.
 */
export function checkOptionKeys(owner: string, options: unknown, known: readonly string[]): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ConfigError(`${owner}: options must be an object, got ${String(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new ConfigError(`${owner}: unknown option '${key}'. Known options: ${known.join(', ')}`);
    }
  }
}
