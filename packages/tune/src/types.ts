/**
 * The shared vocabulary of `@convkit/tune`: parameter distributions, trial records and the
 * storage contract that every study backend (memory, JSON file, Redis) implements.
 */

/** A value a trial can suggest: numbers for float/int parameters, any of the choices for categorical ones. */
export type ParamValue = number | string | boolean | null;

/** A trial's parameters by name. */
export type Params = Record<string, ParamValue>;

/** Where a parameter's values come from. Plain JSON, so it is stored with the trial and read by the CLI. */
export type Distribution =
  | {
      readonly type: 'float';
      readonly low: number;
      readonly high: number;
      /** Sample `log(value)` uniformly; `low` must be > 0. */
      readonly log?: boolean;
      /** Values on the grid `low + k·step`. */
      readonly step?: number;
    }
  | {
      readonly type: 'int';
      readonly low: number;
      readonly high: number;
      /** Default 1. */
      readonly step?: number;
      readonly log?: boolean;
    }
  | { readonly type: 'categorical'; readonly choices: readonly ParamValue[] };

/** Whether lower or higher objective values are better. */
export type Direction = 'minimize' | 'maximize';

/** A trial's life: `running` until it ends as `complete`, `pruned` (stopped early by a pruner) or `failed`. */
export type TrialState = 'running' | 'complete' | 'pruned' | 'failed';

/** One trial as stored. Plain JSON. */
export interface TrialRecord {
  /** 0-based, unique within the study, in creation order. */
  readonly number: number;
  state: TrialState;
  /** The values suggested so far (all of them once the trial has ended). */
  params: Params;
  /** The distribution each parameter was drawn from. */
  distributions: Record<string, Distribution>;
  /** The objective, for `complete` trials (and the last reported value of `pruned` ones). */
  value?: number;
  /** Intermediate objective values reported during the trial, by step (epoch). */
  intermediate: Record<number, number>;
  /** ISO times. */
  startedAt: string;
  finishedAt?: string;
  /** Who ran it (a worker id: host/pid/thread), for distributed studies. */
  worker?: string;
  /** The error message of a `failed` trial. */
  error?: string;
  /** Free JSON the objective attached (per-fold scores, wall time, …). */
  userAttrs?: Record<string, unknown>;
}

/** A study's identity as stored. */
export interface StudyInfo {
  readonly name: string;
  readonly direction: Direction;
  readonly createdAt: string;
}

/** How a trial ends. */
export interface TrialResult {
  readonly state: Exclude<TrialState, 'running'>;
  readonly value?: number;
  readonly error?: string;
  readonly userAttrs?: Record<string, unknown>;
}

/**
 * Where a study lives. Every method persists before it resolves, so a killed process loses at most
 * the trials that were running. Implementations: in memory (`MemoryStorage`), one JSON file written
 * atomically (`FileStorage`, `@convkit/tune/node`), Redis (`RedisStorage`, `@convkit/tune/node`).
 */
export interface StudyStorage {
  /** Create the study, or open it as it is when it exists (its direction must match). */
  openStudy(name: string, direction: Direction): Promise<StudyInfo>;
  /** Reserve the next trial number and store the trial as `running`, with any fixed parameters. */
  createTrial(
    study: string,
    init?: { params?: Params; distributions?: Record<string, Distribution>; worker?: string },
  ): Promise<TrialRecord>;
  /** Record one suggested parameter of a running trial. */
  setParam(study: string, trial: number, name: string, value: ParamValue, distribution: Distribution): Promise<void>;
  /** Record an intermediate value (for pruners). */
  reportIntermediate(study: string, trial: number, step: number, value: number): Promise<void>;
  /** End a running trial. */
  finishTrial(study: string, trial: number, result: TrialResult): Promise<void>;
  /** All trials (or those in the given states), ordered by number. */
  getTrials(study: string, states?: readonly TrialState[]): Promise<TrialRecord[]>;
  /** Release connections and file handles. */
  close(): Promise<void>;
}
