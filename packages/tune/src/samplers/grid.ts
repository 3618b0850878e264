/** Exhaustive search over a grid of values. */
import { ConfigError } from '@convkit/core';
import {
  adjustedHigh,
  cardinality,
  contains,
  describeDistribution,
  fromInternal,
  stepOf,
  toInternal,
} from '../distributions';
import { parseSearchSpace, type SearchSpace, type SearchSpaceJson } from '../search-space';
import type { Distribution, Params, ParamValue, TrialRecord } from '../types';
import type { Sampler } from './sampler';

/** The values to try for each parameter. */
export type GridSpace = Record<string, readonly ParamValue[]>;

const key = (v: ParamValue) => JSON.stringify(v);

/**
 * Tries every combination of the given values, each once, in a fixed order (the first parameter
 * varies slowest). A trial takes the first combination that no other trial (finished or running)
 * has; once all are taken, `optimize` stops. Every parameter the objective suggests must be in the
 * grid, and its values inside the suggested distribution.
 *
 * @example
 * ```ts
 * import { createStudy, GridSampler } from '@convkit/tune';
 *
 * const sampler = new GridSampler({ lr: [0.001, 0.01, 0.1], batchSize: [32, 64] });
 * const study = await createStudy({ sampler });
 * await study.optimize((t) => train(t.suggestFloat('lr', 1e-4, 1, { log: true }), t.suggestInt('batchSize', 16, 128)), {
 *   trials: sampler.size, // 6
 * });
 * ```
 */
export class GridSampler implements Sampler {
  readonly name = 'grid';
  /** Parameter names in grid order. */
  readonly names: readonly string[];
  /** Number of combinations. */
  readonly size: number;
  private readonly space: GridSpace;
  private readonly chosen = new Map<number, Params>();

  /**
   * @param space - For each parameter, the distinct values to try.
   * @throws {ConfigError} on an empty space, an empty or duplicate value list, or a non-JSON value.
   */
  constructor(space: GridSpace) {
    if (typeof space !== 'object' || space === null || Object.keys(space).length === 0) {
      throw new ConfigError('GridSampler: the grid needs at least one parameter with a list of values');
    }
    let size = 1;
    for (const [name, values] of Object.entries(space)) {
      if (!Array.isArray(values) || values.length === 0)
        throw new ConfigError(`GridSampler: ${name} needs a non-empty array of values`);
      const seen = new Set<string>();
      for (const v of values) {
        const ok =
          v === null ||
          typeof v === 'string' ||
          typeof v === 'boolean' ||
          (typeof v === 'number' && Number.isFinite(v));
        if (!ok)
          throw new ConfigError(
            `GridSampler: ${name} has value ${String(v)}; values must be strings, finite numbers, booleans or null`,
          );
        if (seen.has(key(v))) throw new ConfigError(`GridSampler: ${name} lists ${key(v)} twice`);
        seen.add(key(v));
      }
      size *= values.length;
    }
    this.space = Object.fromEntries(Object.entries(space).map(([k, v]) => [k, [...v]]));
    this.names = Object.keys(space);
    this.size = size;
  }

  /**
   * A grid over a search space: every choice of a categorical parameter, every value of a discrete
   * one with at most `points` values, and otherwise `points` values evenly spaced from `low` to
   * `high` (in log space for log scales, rounded to the step or to integers). Conditional parameters
   * are in the grid; a trial where one is inactive covers all its values.
   *
   * @param space - A parsed search space, or its JSON.
   * @param options - `points`: values per numeric parameter (default 5, at least 2).
   * @returns The sampler.
   * @throws {ConfigError} on a bad space or `points`.
   *
   * @example
   * ```ts
   * const sampler = GridSampler.fromSpace({ lr: { type: 'float', low: 1e-4, high: 1e-1, log: true } }, { points: 4 });
   * // lr: 0.0001, 0.001, 0.01, 0.1
   * ```
   */
  static fromSpace(space: SearchSpace | SearchSpaceJson, options: { points?: number } = {}): GridSampler {
    const points = options?.points ?? 5;
    if (!Number.isSafeInteger(points) || points < 2)
      throw new ConfigError(`GridSampler.fromSpace: points must be an integer >= 2, got ${String(points)}`);
    const maybe = space as unknown as Partial<SearchSpace>;
    const parsed = Array.isArray(maybe.params) ? (space as SearchSpace) : parseSearchSpace(space);
    const grid: Record<string, ParamValue[]> = {};
    for (const { name, distribution: d } of parsed.params) {
      if (d.type === 'categorical') {
        grid[name] = [...d.choices];
        continue;
      }
      const step = stepOf(d) ?? (d.type === 'int' ? 1 : undefined);
      const values: number[] = [];
      if (step !== undefined && cardinality(d) <= points) {
        // Every value of a small discrete range (log ints included: their values are the integers).
        for (let k = 0; k < cardinality(d); k++) values.push(d.low + k * step);
      } else {
        const lo = toInternal(d, d.low);
        const hi = toInternal(d, adjustedHigh(d));
        for (let i = 0; i < points; i++) values.push(fromInternal(d, lo + ((hi - lo) * i) / (points - 1)));
      }
      grid[name] = [...new Set(values.map((v) => Number.parseFloat(v.toPrecision(12))))];
    }
    return new GridSampler(grid);
  }

  /** The `i`-th combination (0 ≤ i < size). */
  combination(i: number): Params {
    const out: Params = {};
    let rest = i;
    for (let k = this.names.length - 1; k >= 0; k--) {
      const values = this.space[this.names[k]];
      out[this.names[k]] = values[rest % values.length];
      rest = Math.floor(rest / values.length);
    }
    const ordered: Params = {};
    for (const n of this.names) ordered[n] = out[n];
    return ordered;
  }

  /**
   * Which combinations other trials have taken. A trial takes the combination it was given here, or
   * every combination that agrees with the grid parameters it has; a grid parameter a trial never
   * suggested (a conditional one) matches any value.
   */
  private covered(trials: readonly TrialRecord[], except?: number): boolean[] {
    const out = new Array<boolean>(this.size).fill(false);
    const patterns: Params[] = [];
    for (const t of trials) {
      if (t.number === except) continue;
      const chosen = this.chosen.get(t.number);
      if (chosen && t.state === 'running') patterns.push(chosen);
      else if (this.names.some((n) => t.params[n] !== undefined)) patterns.push(t.params);
    }
    for (let i = 0; i < this.size; i++) {
      const c = this.combination(i);
      out[i] = patterns.some((p) => this.names.every((n) => p[n] === undefined || key(p[n]) === key(c[n])));
    }
    return out;
  }

  /** The value of `name` in this trial's grid combination (see {@link Sampler.sample}). */
  sample(trials: readonly TrialRecord[], name: string, d: Distribution, trial: TrialRecord): ParamValue {
    if (!(name in this.space)) {
      throw new ConfigError(
        `GridSampler: parameter ${JSON.stringify(name)} is not in the grid (${this.names.join(', ')})`,
      );
    }
    let combo = this.chosen.get(trial.number);
    if (!combo) {
      const covered = this.covered(trials, trial.number);
      const pick = covered.indexOf(false);
      // Everything taken (a study run past the grid): revisit in order.
      combo = this.combination(pick >= 0 ? pick : trial.number % this.size);
      this.chosen.set(trial.number, combo);
      if (this.chosen.size > 10000) this.chosen.delete(this.chosen.keys().next().value as number);
    }
    const v = combo[name];
    if (!contains(d, v)) {
      throw new ConfigError(
        `GridSampler: grid value ${key(v)} of ${JSON.stringify(name)} is outside the suggested ${describeDistribution(d)}`,
      );
    }
    return v;
  }

  /** Whether every combination has been taken by a trial. */
  isExhausted(trials: readonly TrialRecord[]): boolean {
    return this.covered(trials).every(Boolean);
  }
}
