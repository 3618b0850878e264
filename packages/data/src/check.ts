/**
 * Argument and option checks shared by every public function of the package.
 * Each failure is a `ConfigError` that names the function, the option, what it
 * accepts and what it got, so `maxBytes: NaN` or `batch(0)` never slips
 * through as a silent no-op or resurfaces later as an unrelated error.
 */
import { ConfigError } from '@convkit/core';

/** Bounds of a numeric option; `exclusive` makes both bounds strict. */
export interface NumberRange {
  min?: number;
  max?: number;
  /** Exclude `min` and `max` themselves (e.g. a fraction in (0, 1)). */
  exclusive?: boolean;
}

/** A short, readable rendering of a value received where another was expected. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'undefined') return 'undefined';
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  const ctor = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof ctor === 'string' && ctor !== 'Object' ? `a ${ctor}` : 'an object';
}

function fail(fn: string, option: string, accepts: string, value: unknown): never {
  throw new ConfigError(`${fn}: ${option} must be ${accepts}, got ${describeValue(value)}`);
}

function rangeText(range: NumberRange, integer: boolean): string {
  const { min, max, exclusive } = range;
  const kind = integer ? 'an integer' : 'a finite number';
  if (integer && max === undefined && min === 1) return 'a positive integer';
  if (integer && max === undefined && min === 0) return 'a non-negative integer';
  if (min !== undefined && max !== undefined) {
    if (integer) return `an integer in ${min}..${max}`;
    return exclusive ? `a number in (${min}, ${max})` : `a number in [${min}, ${max}]`;
  }
  if (min !== undefined) return `${kind} ${exclusive ? '>' : '>='} ${min}`;
  if (max !== undefined) return `${kind} ${exclusive ? '<' : '<='} ${max}`;
  return kind;
}

function inRange(value: number, range: NumberRange): boolean {
  const { min, max, exclusive } = range;
  if (min !== undefined && (exclusive ? value <= min : value < min)) return false;
  if (max !== undefined && (exclusive ? value >= max : value > max)) return false;
  return true;
}

/** `value` as a finite number within `range`; throws `ConfigError` naming `fn` and `option` otherwise. */
export function checkNumber(fn: string, option: string, value: unknown, range: NumberRange = {}): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !inRange(value, range)) {
    fail(fn, option, rangeText(range, false), value);
  }
  return value;
}

/** `value` as a safe integer within `range` (NaN, ±Infinity and fractions are rejected). */
export function checkInteger(fn: string, option: string, value: unknown, range: NumberRange = {}): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || !inRange(value, range)) {
    fail(fn, option, rangeText(range, true), value);
  }
  return value;
}

/** Like `checkNumber`, but `undefined` passes through (an option left at its default). */
export function checkOptionalNumber(
  fn: string,
  option: string,
  value: unknown,
  range: NumberRange = {},
): number | undefined {
  return value === undefined ? undefined : checkNumber(fn, option, value, range);
}

/** Like `checkInteger`, but `undefined` passes through (an option left at its default). */
export function checkOptionalInteger(
  fn: string,
  option: string,
  value: unknown,
  range: NumberRange = {},
): number | undefined {
  return value === undefined ? undefined : checkInteger(fn, option, value, range);
}

/** A seed: `undefined` (use the global generator) or a safe integer. */
export function checkSeed(fn: string, option: string, value: unknown): number | undefined {
  return checkOptionalInteger(fn, option, value);
}

/** `undefined` or a boolean. */
export function checkOptionalBoolean(fn: string, option: string, value: unknown): boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') fail(fn, option, 'true or false', value);
  return value as boolean | undefined;
}

/** `undefined` or a non-empty string. */
export function checkOptionalString(fn: string, option: string, value: unknown): string | undefined {
  if (value !== undefined && (typeof value !== 'string' || value.length === 0)) {
    fail(fn, option, 'a non-empty string', value);
  }
  return value as string | undefined;
}

/** A non-empty string (a path, a name). */
export function checkString(fn: string, option: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) fail(fn, option, 'a non-empty string', value);
  return value;
}

/** One of the `allowed` strings, or `undefined`. */
export function checkOptionalOneOf<T extends string>(
  fn: string,
  option: string,
  value: unknown,
  allowed: readonly T[],
): T | undefined {
  if (value !== undefined && !allowed.includes(value as T)) {
    fail(fn, option, `one of ${allowed.map((a) => `'${a}'`).join(', ')}`, value);
  }
  return value as T | undefined;
}

/** An options object: `undefined` becomes `{}`; anything but a plain object (null, an array, a number) is rejected. */
export function checkOptions<T extends object>(fn: string, options: T | undefined, what = 'options'): T {
  if (options === undefined) return {} as T;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    fail(fn, what, 'an object (or omitted)', options);
  }
  return options;
}

/** A function argument, e.g. a `map` callback. */
export function checkFunction(fn: string, option: string, value: unknown): void {
  if (typeof value !== 'function') fail(fn, option, 'a function', value);
}

/** A list of finite numbers, e.g. per-channel statistics; `range` applies to every entry. */
export function checkNumberList(fn: string, option: string, value: unknown, range: NumberRange = {}): number[] {
  if (!Array.isArray(value) && !ArrayBuffer.isView(value)) fail(fn, option, 'an array of numbers', value);
  const list = Array.from(value as ArrayLike<unknown>);
  list.forEach((v, i) => {
    checkNumber(fn, `${option}[${i}]`, v, range);
  });
  return list as number[];
}

/** Optional class names: an array of strings with at least `numClasses` entries (index = label). */
export function checkClassNames(
  fn: string,
  value: unknown,
  numClasses: number | undefined,
): readonly string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    fail(fn, 'classNames', 'an array of strings (index = label)', value);
  }
  if (numClasses !== undefined && value.length < numClasses) {
    throw new ConfigError(
      `${fn}: classNames has ${value.length} names but numClasses is ${numClasses}; give one name per class (index = label)`,
    );
  }
  return value;
}
