/**
 * Checks and conversions for parameter distributions: validation with messages that name the
 * parameter, membership tests, equality, and the "internal" coordinate (log for `log: true`) in which
 * samplers work.
 */
import { ConfigError } from '@convkit/core';
import type { Distribution, ParamValue } from './types';

function fmt(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/**
 * Validates a distribution and throws a `ConfigError` that names `where` (e.g. `suggestFloat("lr")`).
 *
 * @param where - Who is asking, for the message.
 * @param d - The distribution to check.
 * @throws {ConfigError} on a non-finite bound, `low > high`, `log` with `low <= 0`, `log` with `step`,
 *   a non-positive step, an int bound that is not an integer, or empty/duplicate/non-JSON choices.
 */
export function checkDistribution(where: string, d: Distribution): void {
  if (typeof d !== 'object' || d === null)
    throw new ConfigError(`${where}: distribution must be an object, got ${fmt(d)}`);
  if (d.type === 'categorical') {
    if (!Array.isArray(d.choices) || d.choices.length === 0) {
      throw new ConfigError(`${where}: choices must be a non-empty array, got ${fmt(d.choices)}`);
    }
    const seen = new Set<ParamValue>();
    for (const c of d.choices) {
      const ok =
        c === null || typeof c === 'string' || typeof c === 'boolean' || (typeof c === 'number' && Number.isFinite(c));
      if (!ok)
        throw new ConfigError(
          `${where}: each choice must be a string, a finite number, a boolean or null, got ${fmt(c)}`,
        );
      if (seen.has(c)) throw new ConfigError(`${where}: choice ${fmt(c)} appears twice`);
      seen.add(c);
    }
    return;
  }
  if (d.type !== 'float' && d.type !== 'int') {
    throw new ConfigError(
      `${where}: unknown distribution type ${fmt((d as { type?: unknown }).type)} (expected "float", "int" or "categorical")`,
    );
  }
  const { low, high, step, log } = d;
  if (typeof low !== 'number' || !Number.isFinite(low))
    throw new ConfigError(`${where}: low must be a finite number, got ${fmt(low)}`);
  if (typeof high !== 'number' || !Number.isFinite(high))
    throw new ConfigError(`${where}: high must be a finite number, got ${fmt(high)}`);
  if (low > high) throw new ConfigError(`${where}: low (${low}) must be <= high (${high})`);
  if (log !== undefined && typeof log !== 'boolean')
    throw new ConfigError(`${where}: log must be a boolean, got ${fmt(log)}`);
  if (step !== undefined && (typeof step !== 'number' || !Number.isFinite(step) || step <= 0)) {
    throw new ConfigError(`${where}: step must be a finite number > 0, got ${fmt(step)}`);
  }
  if (log && low <= 0) throw new ConfigError(`${where}: log scale needs low > 0, got low = ${low}`);
  if (d.type === 'float' && log && step !== undefined)
    throw new ConfigError(`${where}: step and log cannot be used together for a float`);
  if (d.type === 'int') {
    if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high)) {
      throw new ConfigError(`${where}: int bounds must be integers, got low = ${low}, high = ${high}`);
    }
    if (step !== undefined && !Number.isSafeInteger(step))
      throw new ConfigError(`${where}: int step must be an integer, got ${step}`);
    if (log && step !== undefined && step !== 1)
      throw new ConfigError(`${where}: an int on a log scale needs step 1, got ${step}`);
  }
}

/** Whether two distributions are the same (same type, bounds, flags and choices). */
export function sameDistribution(a: Distribution, b: Distribution): boolean {
  if (a.type !== b.type) return false;
  if (a.type === 'categorical' && b.type === 'categorical') {
    return a.choices.length === b.choices.length && a.choices.every((c, i) => c === b.choices[i]);
  }
  if (a.type === 'categorical' || b.type === 'categorical') return false;
  const defStep = (d: Distribution & { type: 'float' | 'int' }) => d.step ?? (d.type === 'int' ? 1 : undefined);
  return a.low === b.low && a.high === b.high && Boolean(a.log) === Boolean(b.log) && defStep(a) === defStep(b);
}

/** Describes a distribution for messages, e.g. `float [0.001, 0.1] log`. */
export function describeDistribution(d: Distribution): string {
  if (d.type === 'categorical') return `categorical ${fmt(d.choices)}`;
  return `${d.type} [${d.low}, ${d.high}]${d.log ? ' log' : ''}${d.step !== undefined ? ` step ${d.step}` : ''}`;
}

/** The effective step of a numeric distribution (`undefined` for a continuous float). */
export function stepOf(d: Distribution & { type: 'float' | 'int' }): number | undefined {
  if (d.type === 'int') return d.log ? undefined : (d.step ?? 1);
  return d.step;
}

/** The largest value on the grid `low + k·step` that is <= high. */
export function adjustedHigh(d: Distribution & { type: 'float' | 'int' }): number {
  const step = stepOf(d);
  if (step === undefined) return d.high;
  const k = Math.floor((d.high - d.low) / step + 1e-9);
  return roundFloat(d.low + k * step);
}

function roundFloat(x: number): number {
  return Number.parseFloat(x.toPrecision(12));
}

/** Whether `value` can come from `d` (in range, on the step grid, one of the choices). */
export function contains(d: Distribution, value: ParamValue): boolean {
  if (d.type === 'categorical') return d.choices.includes(value);
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (value < d.low - 1e-12 * Math.max(1, Math.abs(d.low)) || value > d.high + 1e-12 * Math.max(1, Math.abs(d.high)))
    return false;
  if (d.type === 'int' && !Number.isInteger(value)) return false;
  const step = stepOf(d);
  if (step !== undefined) {
    const k = (value - d.low) / step;
    if (Math.abs(k - Math.round(k)) > 1e-6) return false;
  }
  return true;
}

/**
 * The internal interval a sampler works in: `[log low, log high]` on a log scale, else `[low, high]`;
 * for a discrete distribution widened by half a step on each side (so every grid value has an equal
 * share), and for a log int by ±0.5 before the log.
 */
export function internalBounds(d: Distribution & { type: 'float' | 'int' }): [number, number] {
  const step = stepOf(d);
  if (d.log) {
    if (d.type === 'int') return [Math.log(d.low - 0.5 > 0 ? d.low - 0.5 : d.low), Math.log(d.high + 0.5)];
    return [Math.log(d.low), Math.log(d.high)];
  }
  if (step !== undefined) return [d.low - step / 2, adjustedHigh(d) + step / 2];
  return [d.low, d.high];
}

/** Maps a value of `d` to the internal coordinate (log for log scales). */
export function toInternal(d: Distribution & { type: 'float' | 'int' }, value: number): number {
  return d.log ? Math.log(value) : value;
}

/** Maps an internal coordinate back to a legal value of `d` (exp, rounding to the step grid, clipping). */
export function fromInternal(d: Distribution & { type: 'float' | 'int' }, x: number): number {
  let v = d.log ? Math.exp(x) : x;
  const step = stepOf(d);
  const high = adjustedHigh(d);
  if (step !== undefined) v = roundFloat(d.low + Math.round((v - d.low) / step) * step);
  else if (d.type === 'int') v = Math.round(v);
  if (v < d.low) v = d.low;
  if (v > high) v = high;
  return d.type === 'int' ? Math.round(v) : v;
}

/** Number of distinct values of a discrete distribution, or `Infinity` for a continuous one. */
export function cardinality(d: Distribution): number {
  if (d.type === 'categorical') return d.choices.length;
  const step = stepOf(d);
  if (step === undefined) return d.type === 'int' ? d.high - d.low + 1 : Number.POSITIVE_INFINITY;
  return Math.floor((d.high - d.low) / step + 1e-9) + 1;
}
