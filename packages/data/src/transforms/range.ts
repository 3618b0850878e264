/** The `factor` options of the random transforms: a symmetric bound or an explicit `[min, max]` range. */
import { ConfigError } from '@convkit/core';
import { describeValue } from '../check';

/** A range to draw from: `f` means `[-f, f]` (f ≥ 0); `[min, max]` is taken as is (min ≤ max). */
export type FactorRange = number | readonly [min: number, max: number];

/** Bounds every end of a range must respect. */
export interface RangeBounds {
  /** Smallest allowed end. */
  min: number;
  /** Largest allowed end. */
  max: number;
  /** `min` itself is not allowed (e.g. a zoom factor of −1 would shrink the sampling grid to a point). */
  minExclusive?: boolean;
}

function within(v: unknown, b: RangeBounds): v is number {
  return typeof v === 'number' && Number.isFinite(v) && (b.minExclusive ? v > b.min : v >= b.min) && v <= b.max;
}

/**
 * `value` as `[min, max]`: a number `f` becomes `[-f, f]`. Throws a
 * `ConfigError` naming `fn` and `option` when an end is not a finite number
 * within `bounds` or `min > max`.
 */
export function checkRange(fn: string, option: string, value: unknown, bounds: RangeBounds): [number, number] {
  const interval = `${bounds.minExclusive ? '(' : '['}${bounds.min}, ${bounds.max}]`;
  if (typeof value === 'number') {
    if (!within(-value, bounds) || !within(value, bounds) || value < 0) {
      throw new ConfigError(
        `${fn}: ${option} must be a number f ≥ 0 with [-f, f] inside ${interval}, or a pair [min, max], got ${describeValue(value)}`,
      );
    }
    return [-value, value];
  }
  if (!Array.isArray(value) || value.length !== 2 || !within(value[0], bounds) || !within(value[1], bounds)) {
    throw new ConfigError(
      `${fn}: ${option} must be a number or a pair [min, max] of numbers in ${interval}, got ${describeValue(value)}${Array.isArray(value) ? ` [${value.join(', ')}]` : ''}`,
    );
  }
  if (value[0] > value[1]) {
    throw new ConfigError(`${fn}: ${option} must have min ≤ max, got [${value[0]}, ${value[1]}]`);
  }
  return [value[0], value[1]];
}

/** `undefined`, or `[min, max]` with finite `min < max` (a pixel value range to clip into). */
export function checkValueRange(fn: string, option: string, value: unknown): [number, number] | undefined {
  if (value === undefined) return undefined;
  if (
    !Array.isArray(value) ||
    value.length !== 2 ||
    !value.every((v) => typeof v === 'number' && Number.isFinite(v)) ||
    value[0] >= value[1]
  ) {
    throw new ConfigError(
      `${fn}: ${option} must be a pair [min, max] of finite numbers with min < max, got ${describeValue(value)}${Array.isArray(value) ? ` [${value.join(', ')}]` : ''}`,
    );
  }
  return [value[0], value[1]];
}

/** Clips `out` into `range` in place (no-op without a range). */
export function clipInto(out: Float32Array, range: readonly [number, number] | undefined): Float32Array {
  if (range === undefined) return out;
  const [lo, hi] = range;
  for (let i = 0; i < out.length; i++) out[i] = Math.min(Math.max(out[i], lo), hi);
  return out;
}
