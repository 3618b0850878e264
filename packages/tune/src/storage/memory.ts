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

  /** Creates the study, or opens it (see {@link StudyStorage.openStudy}). */
  async openStudy(name: string, direction: Direction): Promise<StudyInfo> {
    return this.table.open(name, direction, new Date().toISOString());
  }

  /** Stores a new running trial (see {@link StudyStorage.createTrial}). */
  async createTrial(
    study: string,
    init?: { params?: Params; distributions?: Record<string, Distribution>; worker?: string },
  ): Promise<TrialRecord> {
    return this.table.create(study, new Date().toISOString(), init);
  }

  /** Records a suggested parameter (see {@link StudyStorage.setParam}). */
  async setParam(
    study: string,
    trial: number,
    name: string,
    value: ParamValue,
    distribution: Distribution,
  ): Promise<void> {
    this.table.setParam(study, trial, name, value, distribution);
  }

  /** Records an intermediate value (see {@link StudyStorage.reportIntermediate}). */
  async reportIntermediate(study: string, trial: number, step: number, value: number): Promise<void> {
    this.table.report(study, trial, step, value);
  }

  /** Ends a running trial (see {@link StudyStorage.finishTrial}). */
  async finishTrial(study: string, trial: number, result: TrialResult): Promise<void> {
    this.table.finish(study, trial, result, new Date().toISOString());
  }

  /** The trials, by number (see {@link StudyStorage.getTrials}). */
  async getTrials(study: string, states?: readonly TrialState[]): Promise<TrialRecord[]> {
    return this.table.list(study, states);
  }

  /** Waits for pending writes (nothing to release). */
  async close(): Promise<void> {}
}
