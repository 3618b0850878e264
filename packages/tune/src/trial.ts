/** A running trial: define-by-run parameter suggestions, intermediate reports and pruning. */
import { ConfigError } from '@convkit/core';
import { checkDistribution, contains, describeDistribution, sameDistribution } from './distributions';
import type { Pruner } from './pruners/pruner';
import type { Sampler, SamplerContext } from './samplers/sampler';
import { clone } from './storage/study-data';
import type { Distribution, Params, ParamValue, StudyStorage, TrialRecord } from './types';

/** Options of {@link Trial.suggestFloat}. */
export interface SuggestFloatOptions {
  /** Sample on a log scale (`low` must be > 0). */
  log?: boolean;
  /** Only values `low + k·step`. Not with `log`. */
  step?: number;
}

/** Options of {@link Trial.suggestInt}. */
export interface SuggestIntOptions {
  /** Only values `low + k·step` (default 1). */
  step?: number;
  /** Sample on a log scale (`low` must be >= 1, step 1). */
  log?: boolean;
}

/** What a trial needs from its study. Built by `Study.ask`. */
export interface TrialContext {
  readonly storage: StudyStorage;
  readonly sampler: Sampler;
  readonly pruner: Pruner;
  readonly sampling: SamplerContext;
  /** The study's other trials when this one started (what the sampler learns from). */
  readonly others: readonly TrialRecord[];
}

/**
 * One evaluation of the objective. Parameters are chosen where the objective asks for them
 * ("define-by-run"): conditional parameters are plain `if`s. Suggestions are synchronous; they are
 * written to the storage in the background, in order, and awaited by `report`, `shouldPrune` and the
 * end of the trial.
 *
 * @example
 * ```ts
 * await study.optimize(async (trial) => {
 *   const optimizer = trial.suggestCategorical('optimizer', ['sgd', 'adam']);
 *   const lr = trial.suggestFloat('lr', 1e-4, 1e-1, { log: true });
 *   const momentum = optimizer === 'sgd' ? trial.suggestFloat('momentum', 0, 0.99) : 0;
 *   const filters = trial.suggestInt('filters', 8, 64, { step: 8 });
 *   return train({ optimizer, lr, momentum, filters });
 * }, { trials: 30 });
 * ```
 */
export class Trial {
  private readonly record: TrialRecord;
  private readonly ctx: TrialContext;
  private readonly fixed: Params;
  private readonly attrs: Record<string, unknown> = {};
  private pending: Promise<void> = Promise.resolve();
  private writeError: unknown;
  private ended = false;

  /**
   * Use `study.ask()` rather than this constructor.
   *
   * @param record - The trial as created in storage (its `params` are fixed values to reuse).
   * @param ctx - Storage, sampler, pruner and the other trials.
   */
  constructor(record: TrialRecord, ctx: TrialContext) {
    this.record = { ...clone(record), params: {}, distributions: {} };
    this.fixed = clone(record.params);
    for (const [name, d] of Object.entries(record.distributions)) {
      const v = record.params[name];
      if (v !== undefined && contains(d, v)) {
        this.record.params[name] = v;
        this.record.distributions[name] = clone(d);
      }
    }
    this.ctx = ctx;
  }

  /** The trial's number in its study (0-based). */
  get number(): number {
    return this.record.number;
  }

  /** The study's name. */
  get study(): string {
    return this.ctx.sampling.study;
  }

  /** The parameters suggested so far (a copy). */
  get params(): Params {
    return { ...this.record.params };
  }

  /** The distribution of every parameter suggested so far (a copy). */
  get distributions(): Record<string, Distribution> {
    return clone(this.record.distributions);
  }

  /** The reported intermediate values by step (a copy). */
  get intermediate(): Record<number, number> {
    return { ...this.record.intermediate };
  }

  /** The user attributes set so far (a copy). */
  get userAttrs(): Record<string, unknown> {
    return clone(this.attrs);
  }

  /**
   * Suggests a float in `[low, high]`.
   *
   * @param name - Parameter name, unique within the trial.
   * @param low - Lower bound (inclusive).
   * @param high - Upper bound (inclusive).
   * @param options - `log` (log-uniform; `low > 0`), `step` (values `low + k·step`).
   * @returns The value.
   * @throws {ConfigError} on bad bounds or options, or when `name` was suggested with another distribution.
   */
  suggestFloat(name: string, low: number, high: number, options: SuggestFloatOptions = {}): number {
    const d: Distribution = { type: 'float', low, high, ...pick(options, 'suggestFloat') };
    return this.suggest(name, d) as number;
  }

  /**
   * Suggests an integer in `[low, high]`.
   *
   * @param name - Parameter name, unique within the trial.
   * @param low - Lower bound (inclusive, an integer).
   * @param high - Upper bound (inclusive, an integer).
   * @param options - `step` (default 1), `log` (log-uniform; `low >= 1`).
   * @returns The value.
   * @throws {ConfigError} on bad bounds or options, or when `name` was suggested with another distribution.
   */
  suggestInt(name: string, low: number, high: number, options: SuggestIntOptions = {}): number {
    const d: Distribution = { type: 'int', low, high, ...pick(options, 'suggestInt') };
    return this.suggest(name, d) as number;
  }

  /**
   * Suggests one of `choices` (strings, finite numbers, booleans or null).
   *
   * @param name - Parameter name, unique within the trial.
   * @param choices - The candidates, distinct.
   * @returns One of them.
   * @throws {ConfigError} on empty, duplicate or non-JSON choices, or when `name` was suggested with other choices.
   */
  suggestCategorical<T extends ParamValue>(name: string, choices: readonly T[]): T {
    return this.suggest(name, { type: 'categorical', choices }) as T;
  }

  /**
   * Suggests a value of any distribution (what the typed `suggest*` methods call).
   *
   * @param name - Parameter name, unique within the trial.
   * @param distribution - Where the value comes from.
   * @returns The value; the same value again when `name` was already suggested with the same distribution.
   * @throws {ConfigError} on a bad distribution, a name suggested twice with different distributions,
   *   or a trial that has ended.
   */
  suggest(name: string, distribution: Distribution): ParamValue {
    const where = `trial ${this.number}: suggest ${JSON.stringify(name)}`;
    if (typeof name !== 'string' || name.length === 0)
      throw new ConfigError(
        `trial ${this.number}: a parameter name must be a non-empty string, got ${JSON.stringify(name)}`,
      );
    this.checkRunning(where);
    checkDistribution(where, distribution);
    const known = this.record.distributions[name];
    if (known) {
      if (!sameDistribution(known, distribution)) {
        throw new ConfigError(
          `${where}: already suggested as ${describeDistribution(known)}, now asked as ${describeDistribution(distribution)}`,
        );
      }
      return this.record.params[name];
    }
    let value: ParamValue;
    const fixed = this.fixed[name];
    if (fixed !== undefined && contains(distribution, fixed)) {
      value = fixed;
    } else {
      value = this.ctx.sampler.sample(
        this.ctx.others,
        name,
        clone(distribution),
        clone(this.record),
        this.ctx.sampling,
      );
      if (!contains(distribution, value)) {
        throw new ConfigError(
          `${where}: sampler "${this.ctx.sampler.name}" returned ${JSON.stringify(value)}, outside ${describeDistribution(distribution)}`,
        );
      }
    }
    const d = clone(distribution);
    this.record.params[name] = value;
    this.record.distributions[name] = d;
    this.enqueue(() => this.ctx.storage.setParam(this.study, this.number, name, value, d));
    return value;
  }

  /**
   * Reports an intermediate objective value (e.g. the validation loss after an epoch), for pruners.
   *
   * @param value - A finite number, in the direction of the objective.
   * @param step - A non-negative integer (the epoch), each reported once.
   * @throws {ConfigError} on a non-finite value, a bad or repeated step, or a trial that has ended.
   */
  async report(value: number, step: number): Promise<void> {
    const where = `trial ${this.number}: report`;
    this.checkRunning(where);
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw new ConfigError(`${where}: value must be a finite number, got ${value}`);
    if (!Number.isSafeInteger(step) || step < 0)
      throw new ConfigError(`${where}: step must be an integer >= 0, got ${step}`);
    if (this.record.intermediate[step] !== undefined)
      throw new ConfigError(`${where}: step ${step} was already reported`);
    this.record.intermediate[step] = value;
    this.enqueue(() => this.ctx.storage.reportIntermediate(this.study, this.number, step, value));
    await this.flush();
  }

  /**
   * Asks the study's pruner whether to stop this trial now, from the values reported so far by it and
   * by the other trials. Throw `TrialPruned` when it says yes.
   *
   * @returns `true` when the trial should stop.
   */
  async shouldPrune(): Promise<boolean> {
    this.checkRunning(`trial ${this.number}: shouldPrune`);
    await this.flush();
    if (Object.keys(this.record.intermediate).length === 0) return false;
    const all = await this.ctx.storage.getTrials(this.study);
    const self = clone(this.record);
    const trials = all.map((t) => (t.number === self.number ? self : t));
    return this.ctx.pruner.prune(trials, self, this.ctx.sampling.direction);
  }

  /**
   * Attaches JSON data to the trial (per-fold scores, wall time, …); stored when the trial ends.
   *
   * @param key - Attribute name.
   * @param value - Any JSON-serialisable value.
   * @throws {ConfigError} when `value` is not JSON-serialisable or the trial has ended.
   */
  setUserAttr(key: string, value: unknown): void {
    const where = `trial ${this.number}: setUserAttr(${JSON.stringify(key)})`;
    this.checkRunning(where);
    if (typeof key !== 'string' || key.length === 0) throw new ConfigError(`${where}: key must be a non-empty string`);
    let json: string | undefined;
    try {
      json = JSON.stringify(value);
    } catch (e) {
      throw new ConfigError(`${where}: value is not JSON-serialisable (${(e as Error).message})`);
    }
    if (json === undefined) throw new ConfigError(`${where}: value is not JSON-serialisable (${typeof value})`);
    this.attrs[key] = JSON.parse(json);
  }

  /** Waits for every storage write so far; rejects with the first write that failed. */
  async flush(): Promise<void> {
    await this.pending;
    if (this.writeError !== undefined) throw this.writeError;
  }

  /** The last reported intermediate value (by step), if any. @internal */
  lastReported(): number | undefined {
    let best: number | undefined;
    let value: number | undefined;
    for (const [k, v] of Object.entries(this.record.intermediate)) {
      const s = Number(k);
      if (best === undefined || s > best) {
        best = s;
        value = v;
      }
    }
    return value;
  }

  /** Marks the trial ended: further suggest/report calls throw. @internal */
  markEnded(): void {
    this.ended = true;
  }

  private checkRunning(where: string): void {
    if (this.ended) throw new ConfigError(`${where}: trial ${this.number} has ended`);
  }

  private enqueue(write: () => Promise<void>): void {
    this.pending = this.pending.then(async () => {
      if (this.writeError !== undefined) return;
      try {
        await write();
      } catch (e) {
        this.writeError = e;
      }
    });
  }
}

function pick(options: SuggestFloatOptions | SuggestIntOptions, where: string): { log?: boolean; step?: number } {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null)
    throw new ConfigError(`${where}: options must be an object, got ${JSON.stringify(options)}`);
  for (const k of Object.keys(options)) {
    if (k !== 'log' && k !== 'step')
      throw new ConfigError(`${where}: unknown option ${JSON.stringify(k)} (expected log, step)`);
  }
  const out: { log?: boolean; step?: number } = {};
  if (options.log !== undefined) out.log = options.log;
  if (options.step !== undefined) out.step = options.step;
  return out;
}
