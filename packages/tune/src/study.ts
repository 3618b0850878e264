/** A study: trials of one objective in one storage, run sequentially in this process. */
import { ConfigError } from '@convkit/core';
import { NopPruner, type Pruner } from './pruners/pruner';
import { RandomSampler } from './samplers/random';
import type { Sampler } from './samplers/sampler';
import { MemoryStorage } from './storage/memory';
import { checkDirection, checkStudyName } from './storage/study-data';
import { Trial } from './trial';
import { TrialPruned } from './trial-pruned';
import type { Direction, Params, StudyStorage, TrialRecord, TrialResult, TrialState } from './types';

/** What to do on open with trials that a stopped process left `running`. */
export type StaleTrialPolicy = 'fail' | 'rerun' | 'keep';

/** Options of {@link createStudy}. */
export interface CreateStudyOptions {
  /** Study name, unique within the storage (default `'study'`). */
  name?: string;
  /** Default `'minimize'`. */
  direction?: Direction;
  /** Default: a `RandomSampler` with a random seed. */
  sampler?: Sampler;
  /** Default: none (`NopPruner`). */
  pruner?: Pruner;
  /** Default: a new `MemoryStorage`. */
  storage?: StudyStorage;
  /**
   * Trials found `running` when the study is opened were left by a process that stopped (one process
   * per study): `'fail'` (default) marks them `failed`; `'rerun'` marks them failed and runs their
   * parameters again as the next trials; `'keep'` leaves them (for storages shared by live workers).
   */
  staleTrials?: StaleTrialPolicy;
  /** Stored as the `worker` of trials this process runs. */
  worker?: string;
}

/** An objective: returns the value to minimise or maximise; may throw `TrialPruned`. */
export type Objective = (trial: Trial) => number | Promise<number>;

/** Options of {@link Study.optimize}. At least one of `trials`, `totalTrials` or `timeoutMs` is needed. */
export interface OptimizeOptions {
  /** Run this many more trials (any outcome). */
  trials?: number;
  /**
   * Stop when the study holds this many finished trials (`complete` or `pruned`, counting earlier
   * runs): reopening a killed study with the same `totalTrials` finishes the target without repeating
   * the trials already done.
   */
  totalTrials?: number;
  /** Start no new trial after this many milliseconds. */
  timeoutMs?: number;
  /** Called after every trial with its stored record. */
  onTrialEnd?: (trial: TrialRecord, study: Study) => void | Promise<void>;
  /**
   * Errors thrown by the objective that only fail the trial: `true` (all), or error classes.
   * Default `false`: the trial is stored as `failed` and the error rethrown.
   */
  catch?: boolean | readonly (abstract new (...args: never[]) => Error)[];
}

/** What {@link Study.optimize} returns. */
export interface OptimizeSummary {
  /** The trials this call ran, as stored. */
  trials: TrialRecord[];
  /** Why it stopped. */
  stoppedBy: 'trials' | 'totalTrials' | 'timeout' | 'exhausted';
}

function better(direction: Direction, a: number, b: number): boolean {
  return direction === 'minimize' ? a < b : a > b;
}

/**
 * The best of `trials` (complete ones only) for `direction`; ties go to the earlier trial.
 *
 * @param trials - Trial records.
 * @param direction - Whether lower or higher is better.
 * @returns The best complete trial, or `undefined` when none is complete.
 */
export function bestOf(trials: readonly TrialRecord[], direction: Direction): TrialRecord | undefined {
  let best: TrialRecord | undefined;
  for (const t of trials) {
    if (t.state !== 'complete' || t.value === undefined) continue;
    if (!best || better(direction, t.value, best.value as number)) best = t;
  }
  return best;
}

function checkCount(name: string, v: unknown, min: number): void {
  if (v !== undefined && (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min)) {
    throw new ConfigError(`optimize: ${name} must be an integer >= ${min}, got ${String(v)}`);
  }
}

/**
 * A hyper-parameter search. Create one with {@link createStudy}.
 *
 * @example
 * ```ts
 * import { createStudy, TPESampler } from '@convkit/tune';
 *
 * const study = await createStudy({ direction: 'minimize', sampler: new TPESampler({ seed: 1 }) });
 * await study.optimize((t) => (t.suggestFloat('x', -10, 10) - 2) ** 2, { trials: 50 });
 * console.log(await study.bestParams()); // { x: ≈2 }
 * ```
 */
export class Study {
  private readonly queue: Params[] = [];

  /** Use {@link createStudy}. */
  constructor(
    /** The study's name. */
    readonly name: string,
    /** Whether lower or higher values are better. */
    readonly direction: Direction,
    /** How parameters are chosen. */
    readonly sampler: Sampler,
    /** How trials are stopped early. */
    readonly pruner: Pruner,
    /** Where trials are stored. */
    readonly storage: StudyStorage,
    /** Stored as the `worker` of trials this study runs. */
    readonly worker?: string,
  ) {}

  /**
   * Runs these parameters (all or some) in the next trials, before the sampler proposes anything.
   * A fixed value that the distribution the objective asks for does not contain is ignored (sampled).
   *
   * @param params - Fixed values; parameters not given are sampled.
   */
  enqueueTrial(params: Params): void {
    if (typeof params !== 'object' || params === null) throw new ConfigError('enqueueTrial: params must be an object');
    this.queue.push({ ...params });
  }

  /**
   * Starts a trial (stored as `running`). For callers that run the objective themselves; finish it
   * with {@link Study.tell}.
   *
   * @returns The trial.
   */
  async ask(): Promise<Trial> {
    const fixed = this.queue.shift();
    const others = await this.storage.getTrials(this.name);
    const record = await this.storage.createTrial(this.name, {
      ...(fixed ? { params: fixed } : {}),
      ...(this.worker !== undefined ? { worker: this.worker } : {}),
    });
    return new Trial(record, {
      storage: this.storage,
      sampler: this.sampler,
      pruner: this.pruner,
      sampling: { study: this.name, direction: this.direction },
      others: others.filter((t) => t.number !== record.number),
    });
  }

  /**
   * Ends a trial started by {@link Study.ask}.
   *
   * @param trial - The trial.
   * @param result - Its objective value (complete), or a full result (`pruned`, `failed`).
   * @returns The stored record.
   */
  async tell(trial: Trial, result: number | TrialResult): Promise<TrialRecord> {
    const r: TrialResult = typeof result === 'number' ? { state: 'complete', value: result } : result;
    trial.markEnded();
    try {
      await trial.flush();
    } catch (e) {
      // A suggestion or report could not be stored: end the trial as failed, then report the cause.
      await this.storage
        .finishTrial(this.name, trial.number, {
          state: 'failed',
          error: `storage: ${e instanceof Error ? e.message : String(e)}`,
        })
        .catch(() => undefined);
      throw e;
    }
    const attrs = { ...trial.userAttrs, ...(r.userAttrs ?? {}) };
    await this.storage.finishTrial(this.name, trial.number, {
      ...r,
      ...(Object.keys(attrs).length > 0 ? { userAttrs: attrs } : {}),
    });
    const [stored] = (await this.storage.getTrials(this.name)).filter((t) => t.number === trial.number);
    return stored;
  }

  /**
   * Runs trials one after another in this process until `trials` more have run, the study holds
   * `totalTrials` finished ones, `timeoutMs` has passed, or the sampler is exhausted (grid), whichever
   * comes first. Every trial is stored as it ends. An objective that returns a non-finite number or
   * not a number fails its trial; one that throws `TrialPruned` prunes it.
   *
   * @param objective - Returns the value of a trial.
   * @param options - Stopping rules, `onTrialEnd`, `catch`.
   * @returns The trials run and why it stopped.
   * @throws {ConfigError} when no stopping rule is given or one is invalid; the objective's error when
   *   it is not caught (the trial is stored as `failed` first).
   */
  async optimize(objective: Objective, options: OptimizeOptions): Promise<OptimizeSummary> {
    if (typeof objective !== 'function') throw new ConfigError('optimize: objective must be a function');
    if (typeof options !== 'object' || options === null) throw new ConfigError('optimize: options must be an object');
    const { trials, totalTrials, timeoutMs, onTrialEnd } = options;
    checkCount('trials', trials, 0);
    checkCount('totalTrials', totalTrials, 0);
    if (timeoutMs !== undefined && (typeof timeoutMs !== 'number' || !(timeoutMs >= 0))) {
      throw new ConfigError(`optimize: timeoutMs must be a number >= 0, got ${String(timeoutMs)}`);
    }
    if (trials === undefined && totalTrials === undefined && timeoutMs === undefined) {
      throw new ConfigError('optimize: give trials, totalTrials or timeoutMs (otherwise it would never stop)');
    }
    const start = Date.now();
    const ran: TrialRecord[] = [];
    for (;;) {
      if (trials !== undefined && ran.length >= trials) return { trials: ran, stoppedBy: 'trials' };
      if (timeoutMs !== undefined && Date.now() - start >= timeoutMs) return { trials: ran, stoppedBy: 'timeout' };
      if (totalTrials !== undefined || this.sampler.isExhausted) {
        const all = await this.storage.getTrials(this.name);
        if (
          totalTrials !== undefined &&
          all.filter((t) => t.state === 'complete' || t.state === 'pruned').length >= totalTrials
        ) {
          return { trials: ran, stoppedBy: 'totalTrials' };
        }
        if (this.queue.length === 0 && this.sampler.isExhausted?.(all)) return { trials: ran, stoppedBy: 'exhausted' };
      }
      const record = await this.runOne(objective, options.catch ?? false);
      ran.push(record);
      if (onTrialEnd) await onTrialEnd(record, this);
    }
  }

  private async runOne(objective: Objective, catchSpec: NonNullable<OptimizeOptions['catch']>): Promise<TrialRecord> {
    const trial = await this.ask();
    let result: TrialResult;
    let rethrow: unknown;
    try {
      const value = await objective(trial);
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        result = {
          state: 'failed',
          error: `the objective returned ${typeof value === 'number' ? value : typeof value}, not a finite number`,
        };
      } else {
        result = { state: 'complete', value };
      }
    } catch (e) {
      if (e instanceof TrialPruned) {
        const last = trial.lastReported();
        result = { state: 'pruned', ...(last !== undefined ? { value: last } : {}) };
      } else {
        result = { state: 'failed', error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
        const caught = catchSpec === true || (Array.isArray(catchSpec) && catchSpec.some((c) => e instanceof c));
        if (!caught) rethrow = e;
      }
    }
    const record = await this.tell(trial, result);
    if (rethrow !== undefined) throw rethrow;
    return record;
  }

  /**
   * The study's trials as stored.
   *
   * @param states - Only trials in these states.
   * @returns Records ordered by number.
   */
  trials(states?: readonly TrialState[]): Promise<TrialRecord[]> {
    return this.storage.getTrials(this.name, states);
  }

  /** The best complete trial (ties: the earliest), or `undefined` before the first one. */
  async bestTrial(): Promise<TrialRecord | undefined> {
    return bestOf(await this.storage.getTrials(this.name, ['complete']), this.direction);
  }

  /** The best objective value, or `undefined` before the first complete trial. */
  async bestValue(): Promise<number | undefined> {
    return (await this.bestTrial())?.value;
  }

  /** The parameters of the best trial, or `undefined` before the first complete trial. */
  async bestParams(): Promise<Params | undefined> {
    return (await this.bestTrial())?.params;
  }

  /** Closes the storage. */
  close(): Promise<void> {
    return this.storage.close();
  }
}

/**
 * Opens (or creates) a study in a storage. Reopening an existing study continues its numbering and
 * sees its trials; trials left `running` by a stopped process are handled per `staleTrials`.
 *
 * @param options - Name, direction, sampler, pruner, storage, stale-trial policy.
 * @returns The study.
 * @throws {ConfigError} on a bad option, or a study that exists with the other direction.
 *
 * @example
 * ```ts
 * import { createStudy, MedianPruner, TPESampler } from '@convkit/tune';
 * import { FileStorage } from '@convkit/tune/node';
 *
 * const study = await createStudy({
 *   name: 'cnn',
 *   direction: 'maximize',
 *   sampler: new TPESampler({ seed: 42 }),
 *   pruner: new MedianPruner({ warmupSteps: 2 }),
 *   storage: new FileStorage('study.json'),
 * });
 * ```
 */
export async function createStudy(options: CreateStudyOptions = {}): Promise<Study> {
  if (typeof options !== 'object' || options === null) throw new ConfigError('createStudy: options must be an object');
  const name = options.name ?? 'study';
  const direction = options.direction ?? 'minimize';
  checkStudyName('createStudy', name);
  checkDirection('createStudy', direction);
  const sampler = options.sampler ?? new RandomSampler();
  const pruner = options.pruner ?? new NopPruner();
  const storage = options.storage ?? new MemoryStorage();
  if (typeof sampler?.sample !== 'function') throw new ConfigError('createStudy: sampler must have a sample() method');
  if (typeof pruner?.prune !== 'function') throw new ConfigError('createStudy: pruner must have a prune() method');
  if (typeof storage?.openStudy !== 'function')
    throw new ConfigError('createStudy: storage must implement StudyStorage');
  const stale = options.staleTrials ?? 'fail';
  if (stale !== 'fail' && stale !== 'rerun' && stale !== 'keep') {
    throw new ConfigError(`createStudy: staleTrials must be "fail", "rerun" or "keep", got ${JSON.stringify(stale)}`);
  }
  await storage.openStudy(name, direction);
  const study = new Study(name, direction, sampler, pruner, storage, options.worker);
  if (stale !== 'keep') {
    for (const t of await storage.getTrials(name, ['running'])) {
      await storage.finishTrial(name, t.number, {
        state: 'failed',
        error:
          'interrupted: the trial was left running by a process that stopped (marked failed when the study was reopened)',
      });
      if (stale === 'rerun') study.enqueueTrial(t.params);
    }
  }
  return study;
}
