/**
 * The in-memory model of studies shared by `MemoryStorage` and `FileStorage`: argument checks and
 * the state transitions of trials, on plain JSON that a file storage can write as it is.
 */
import { ConfigError } from '@convkit/core';
import type {
  Direction,
  Distribution,
  Params,
  ParamValue,
  StudyInfo,
  TrialRecord,
  TrialResult,
  TrialState,
} from '../types';

/** One study as stored. */
export interface StudyData {
  info: StudyInfo;
  trials: TrialRecord[];
}

const STATES: readonly TrialState[] = ['running', 'complete', 'pruned', 'failed'];

/** A deep copy of JSON data (records handed out never alias stored ones). */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Checks a direction. */
export function checkDirection(where: string, direction: unknown): asserts direction is Direction {
  if (direction !== 'minimize' && direction !== 'maximize') {
    throw new ConfigError(`${where}: direction must be "minimize" or "maximize", got ${JSON.stringify(direction)}`);
  }
}

/** Checks a study name. */
export function checkStudyName(where: string, name: unknown): asserts name is string {
  if (typeof name !== 'string' || name.length === 0 || name.length > 256) {
    throw new ConfigError(
      `${where}: study name must be a non-empty string of at most 256 characters, got ${JSON.stringify(name)}`,
    );
  }
}

/** Studies by name with the operations of `StudyStorage`, synchronous and in memory. */
export class StudyTable {
  readonly studies = new Map<string, StudyData>();

  open(name: string, direction: Direction, now: string): StudyInfo {
    checkStudyName('openStudy', name);
    checkDirection('openStudy', direction);
    const existing = this.studies.get(name);
    if (existing) {
      if (existing.info.direction !== direction) {
        throw new ConfigError(
          `openStudy: study "${name}" exists with direction "${existing.info.direction}", asked for "${direction}"`,
        );
      }
      return { ...existing.info };
    }
    const info: StudyInfo = { name, direction, createdAt: now };
    this.studies.set(name, { info, trials: [] });
    return { ...info };
  }

  study(where: string, name: string): StudyData {
    const s = this.studies.get(name);
    if (!s) throw new ConfigError(`${where}: no study named ${JSON.stringify(name)} (open it first)`);
    return s;
  }

  running(where: string, study: string, trial: number): TrialRecord {
    const s = this.study(where, study);
    const t = Number.isSafeInteger(trial) ? s.trials[trial] : undefined;
    if (!t) throw new ConfigError(`${where}: study "${study}" has no trial ${trial}`);
    if (t.state !== 'running')
      throw new ConfigError(`${where}: trial ${trial} of study "${study}" has ended (${t.state})`);
    return t;
  }

  create(
    study: string,
    now: string,
    init?: { params?: Params; distributions?: Record<string, Distribution>; worker?: string },
  ): TrialRecord {
    const s = this.study('createTrial', study);
    const record: TrialRecord = {
      number: s.trials.length,
      state: 'running',
      params: clone(init?.params ?? {}),
      distributions: clone(init?.distributions ?? {}),
      intermediate: {},
      startedAt: now,
      ...(init?.worker !== undefined ? { worker: init.worker } : {}),
    };
    s.trials.push(record);
    return clone(record);
  }

  setParam(study: string, trial: number, name: string, value: ParamValue, distribution: Distribution): void {
    const t = this.running('setParam', study, trial);
    t.params[name] = value;
    t.distributions[name] = clone(distribution);
  }

  report(study: string, trial: number, step: number, value: number): void {
    if (!Number.isSafeInteger(step) || step < 0)
      throw new ConfigError(`reportIntermediate: step must be an integer >= 0, got ${step}`);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new ConfigError(`reportIntermediate: value must be a finite number, got ${value}`);
    }
    this.running('reportIntermediate', study, trial).intermediate[step] = value;
  }

  finish(study: string, trial: number, result: TrialResult, now: string): void {
    const t = this.running('finishTrial', study, trial);
    if (!STATES.includes(result?.state) || (result.state as TrialState) === 'running') {
      throw new ConfigError(
        `finishTrial: state must be "complete", "pruned" or "failed", got ${JSON.stringify(result?.state)}`,
      );
    }
    if (result.value !== undefined && (typeof result.value !== 'number' || !Number.isFinite(result.value))) {
      throw new ConfigError(`finishTrial: value must be a finite number, got ${result.value}`);
    }
    if (result.state === 'complete' && result.value === undefined)
      throw new ConfigError('finishTrial: a complete trial needs a value');
    t.state = result.state;
    if (result.value !== undefined) t.value = result.value;
    if (result.error !== undefined) t.error = String(result.error);
    if (result.userAttrs !== undefined) t.userAttrs = clone(result.userAttrs);
    t.finishedAt = now;
  }

  list(study: string, states?: readonly TrialState[]): TrialRecord[] {
    const s = this.study('getTrials', study);
    const all = states ? s.trials.filter((t) => states.includes(t.state)) : s.trials;
    return clone(all);
  }
}
