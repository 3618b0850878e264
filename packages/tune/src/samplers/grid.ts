/** Exhaustive search over a grid of values. */
import { ConfigError } from '@convkit/core';
import { contains, describeDistribution } from '../distributions';
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
  private readonly chosen = new Map<string, Params>();

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

  private comboKey(params: Params): string | undefined {
    const parts: string[] = [];
    for (const n of this.names) {
      if (params[n] === undefined) return undefined;
      parts.push(key(params[n]));
    }
    return parts.join('\u0000');
  }

  private taken(trials: readonly TrialRecord[], except?: number): Set<string> {
    const s = new Set<string>();
    for (const t of trials) {
      if (t.number === except) continue;
      const k = this.comboKey(t.params);
      if (k !== undefined) s.add(k);
      const c = this.chosen.get(String(t.number));
      if (c && t.state === 'running') s.add(this.comboKey(c) as string);
    }
    return s;
  }

  sample(trials: readonly TrialRecord[], name: string, d: Distribution, trial: TrialRecord): ParamValue {
    if (!(name in this.space)) {
      throw new ConfigError(
        `GridSampler: parameter ${JSON.stringify(name)} is not in the grid (${this.names.join(', ')})`,
      );
    }
    let combo = this.chosen.get(String(trial.number));
    if (!combo) {
      const taken = this.taken(trials, trial.number);
      let pick = -1;
      for (let i = 0; i < this.size && pick < 0; i++)
        if (!taken.has(this.comboKey(this.combination(i)) as string)) pick = i;
      // Everything taken (a study run past the grid): revisit in order.
      combo = this.combination(pick >= 0 ? pick : trial.number % this.size);
      this.chosen.set(String(trial.number), combo);
    }
    const v = combo[name];
    if (!contains(d, v)) {
      throw new ConfigError(
        `GridSampler: grid value ${key(v)} of ${JSON.stringify(name)} is outside the suggested ${describeDistribution(d)}`,
      );
    }
    return v;
  }

  isExhausted(trials: readonly TrialRecord[]): boolean {
    return this.taken(trials).size >= this.size;
  }
}
