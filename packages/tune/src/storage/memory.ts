/** Studies kept in memory. */
import type {
  Direction,
  Distribution,
  Params,
  ParamValue,
  StudyInfo,
  StudyStorage,
  TrialRecord,
  TrialResult,
  TrialState,
} from '../types';
import { StudyTable } from './study-data';

/**
 * A storage in memory: fast, lost when the process ends. The default of `createStudy`. Records are
 * copied in and out, so a caller cannot change a stored trial by mutating what it got.
 *
 * @example
 * ```ts
 * import { createStudy, MemoryStorage } from '@convkit/tune';
 *
 * const storage = new MemoryStorage();
 * const study = await createStudy({ name: 'lr', storage });
 * ```
 */
export class MemoryStorage implements StudyStorage {
  private readonly table = new StudyTable();

  async openStudy(name: string, direction: Direction): Promise<StudyInfo> {
    return this.table.open(name, direction, new Date().toISOString());
  }

  async createTrial(
    study: string,
    init?: { params?: Params; distributions?: Record<string, Distribution>; worker?: string },
  ): Promise<TrialRecord> {
    return this.table.create(study, new Date().toISOString(), init);
  }

  async setParam(
    study: string,
    trial: number,
    name: string,
    value: ParamValue,
    distribution: Distribution,
  ): Promise<void> {
    this.table.setParam(study, trial, name, value, distribution);
  }

  async reportIntermediate(study: string, trial: number, step: number, value: number): Promise<void> {
    this.table.report(study, trial, step, value);
  }

  async finishTrial(study: string, trial: number, result: TrialResult): Promise<void> {
    this.table.finish(study, trial, result, new Date().toISOString());
  }

  async getTrials(study: string, states?: readonly TrialState[]): Promise<TrialRecord[]> {
    return this.table.list(study, states);
  }

  async close(): Promise<void> {}
}
