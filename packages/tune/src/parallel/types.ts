/**
 * The seams between the runners (worker threads, Redis/BullMQ) and the rest of `@convkit/tune`.
 *
 * A runner never samples or prunes on its own: it asks a {@link SampleParam} for every value an
 * objective suggests and a {@link ShouldPrune} whether a reported trial should stop. Both see every
 * trial of the study as read from the shared storage, so a sampler in one process learns from
 * the trials that other threads or machines finished. `samplerSeam(sampler)` and
 * `prunerSeam(pruner)` (see `./seams`) build them from the package's samplers and pruners.
 */
import type { Direction, Distribution, ParamValue, StudyStorage, TrialRecord } from '../types';

/**
 * Chooses the value of parameter `name` for the running trial `trial`.
 *
 * @param trials - Every trial of the study, `trial` included, as stored now (ordered by number).
 * @param name - The parameter's name.
 * @param distribution - Where its value comes from.
 * @param trial - The running trial that asks.
 * @returns The value (it must lie in `distribution`).
 */
export type SampleParam = (
  trials: readonly TrialRecord[],
  name: string,
  distribution: Distribution,
  trial: TrialRecord,
) => ParamValue | Promise<ParamValue>;

/**
 * Whether the running `trial`, which has just reported `step`, should stop (be pruned).
 *
 * @param trials - Every trial of the study, `trial` included, as stored now.
 * @param trial - The running trial, its intermediate values included.
 * @param step - The step it has just reported.
 * @returns True to prune it.
 */
export type ShouldPrune = (
  trials: readonly TrialRecord[],
  trial: TrialRecord,
  step: number,
) => boolean | Promise<boolean>;

/**
 * What an objective run by a runner sees: the define-by-run handle of one trial. The values it
 * suggests are chosen by the study's sampler (over every trial in the storage) and stored
 * before they are returned; a suggestion of a parameter the trial already holds (a retried
 * trial, or a fixed parameter) returns that value.
 */
export interface RunnerTrial {
  /** The trial's number in the study. */
  readonly number: number;
  /** The parameters suggested so far. */
  readonly params: Readonly<Record<string, ParamValue>>;
  /** Suggests a value of `name` from `distribution`. */
  suggest(name: string, distribution: Distribution): Promise<ParamValue>;
  /** A float in [low, high] (log-uniform with `log`, on the grid low + k·step with `step`). */
  suggestFloat(name: string, low: number, high: number, options?: { log?: boolean; step?: number }): Promise<number>;
  /** An integer in [low, high] (on the grid low + k·step). */
  suggestInt(name: string, low: number, high: number, options?: { log?: boolean; step?: number }): Promise<number>;
  /** One of `choices`. */
  suggestCategorical<T extends ParamValue>(name: string, choices: readonly T[]): Promise<T>;
  /** Records an intermediate objective value (an epoch's validation score) for pruning. */
  report(value: number, step: number): Promise<void>;
  /** Whether the pruner stops this trial after its last report: throw {@link TrialPruned} then. */
  shouldPrune(): Promise<boolean>;
  /** Attaches JSON to the trial record (kept with its result). */
  setUserAttr(key: string, value: unknown): void;
}

/** An objective: the score of one trial (lower or higher is better, as the study's direction says). */
export type RunnerObjective = (trial: RunnerTrial) => number | Promise<number>;

/**
 * Thrown by an objective to end its trial as `pruned` (the last reported value is kept).
 *
 * @example
 * ```ts
 * await trial.report(accuracy, epoch);
 * if (await trial.shouldPrune()) throw new TrialPruned();
 * ```
 */
export class TrialPruned extends Error {
  constructor(message = 'trial pruned') {
    super(message);
    this.name = 'TrialPruned';
  }
}

/** Options every runner shares. */
export interface RunnerStudyOptions {
  /** Where the study lives; every finished trial is persisted there as it completes. */
  storage: StudyStorage;
  /** The study's name (created, or resumed when it exists). */
  study: string;
  /** Whether lower or higher objective values are better. Default `'minimize'`. */
  direction?: Direction;
  /** How trials get their values (the study's sampler, see `samplerSeam`). */
  sampleParam: SampleParam;
  /** Whether a reported trial should stop (the study's pruner, see `prunerSeam`). Default: never. */
  shouldPrune?: ShouldPrune;
  /** Called once per ended trial, in the order they end, with every trial as stored now. */
  onTrial?: (trial: TrialRecord, all: readonly TrialRecord[]) => void;
}
