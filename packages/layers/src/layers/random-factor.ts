/**
 * The range options of the preprocessing layers, with Keras's meaning: a
 * number `f` stands for `[-f, f]`, a pair `[min, max]` is taken as is.
 */
import { ConfigError } from '@convkit/core';
import { preview } from '../engine/preview';

/** A range to draw from: `f` means `[-f, f]` (f ≥ 0); `[min, max]` is taken as is (min ≤ max). */
export type FactorRange = number | readonly [min: number, max: number];

/** Bounds every end of a range must respect. */
export interface FactorBounds {
  /** Smallest allowed end. */
  min: number;
  /** Largest allowed end. */
  max: number;
  /** `min` itself is not allowed. */
  minExclusive?: boolean;
}

function within(v: unknown, b: FactorBounds): v is number {
  return typeof v === 'number' && Number.isFinite(v) && (b.minExclusive ? v > b.min : v >= b.min) && v <= b.max;
}

/**
 * `value` as `[min, max]`, or a `ConfigError` naming `owner` and `name`, the
 * accepted interval and what was received.
 */
export function factorRange(owner: string, name: string, value: unknown, bounds: FactorBounds): [number, number] {
  const interval = `${bounds.minExclusive ? '(' : '['}${bounds.min}, ${bounds.max}]`;
  if (typeof value === 'number') {
    if (value < 0 || !within(value, bounds) || !within(-value, bounds)) {
      throw new ConfigError(
        `${owner}: ${name} must be a number f ≥ 0 with [-f, f] inside ${interval}, or a pair [min, max], got ${preview(value)}`,
      );
    }
    return [-value, value];
  }
  if (!Array.isArray(value) || value.length !== 2 || !within(value[0], bounds) || !within(value[1], bounds)) {
    throw new ConfigError(
      `${owner}: ${name} must be a number or a pair [min, max] with both ends in ${interval}, got ${preview(value)}`,
    );
  }
  if (value[0] > value[1]) {
    throw new ConfigError(`${owner}: ${name} must have min ≤ max, got [${value[0]}, ${value[1]}]`);
  }
  return [value[0], value[1]];
}

/** A JSON-able copy of a range option, for `getConfig`. */
export function rangeConfig(value: FactorRange): number | [number, number] {
  return typeof value === 'number' ? value : [value[0], value[1]];
}
