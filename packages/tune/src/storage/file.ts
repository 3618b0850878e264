/** Studies in one JSON file, rewritten atomically after every change (Node). */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { ConfigError, ConvkitError, errnoCodeOf, fileSystemError, SerializationError } from '@convkit/core';
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
import { clone, StudyTable } from './study-data';
import { parseStudyFile, STUDY_FILE_FORMAT, STUDY_FILE_VERSION, type StudyFile } from './study-file';

/** Largest study file read (bytes). */
const MAX_BYTES = 512 * 1024 * 1024;

/**
 * A storage in one JSON file, for studies that must survive the process. Every change (a new trial,
 * a suggested parameter, a report, a finished trial) rewrites the file atomically — a temporary
 * sibling, fsynced, then renamed over it — so a killed process leaves the last complete state.
 * A missing file is created; an existing one is used only if it is a study file (it was written by
 * this storage), otherwise it is refused with a `SerializationError` and left untouched. One
 * FileStorage per file, in one process: a write finds out when the file was replaced or removed since
 * this storage last read or wrote it, and refuses (`SerializationError`) rather than lose the other's
 * trials. For several processes use a shared database storage.
 *
 * @example
 * ```ts
 * import { createStudy, TPESampler } from '@convkit/tune';
 * import { FileStorage } from '@convkit/tune/node';
 *
 * const study = await createStudy({ name: 'cnn', storage: new FileStorage('runs/cnn-study.json'), sampler: new TPESampler({ seed: 1 }) });
 * await study.optimize(objective, { totalTrials: 50 }); // rerun after a crash: finishes the 50
 * ```
 */
export class FileStorage implements StudyStorage {
  /** The file's absolute path. */
  readonly path: string;
  private table: StudyTable | undefined;
  /** Inode of the file as this storage last read or wrote it (`undefined`: there was no file). */
  private ino: number | undefined;
  private chain: Promise<unknown> = Promise.resolve();

  /**
   * @param path - The study file (created on the first change when missing).
   * @throws {ConfigError} when `path` is not a non-empty string.
   */
  constructor(path: string) {
    if (typeof path !== 'string' || path.length === 0)
      throw new ConfigError(`FileStorage: path must be a non-empty string, got ${JSON.stringify(path)}`);
    this.path = resolve(path);
  }

  /** Runs `op` after the previous operations, so that writes never interleave. */
  private serial<T>(op: () => Promise<T>): Promise<T> {
    const next = this.chain.then(op, op);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async load(): Promise<StudyTable> {
    if (this.table) return this.table;
    const table = new StudyTable();
    let text: string | undefined;
    try {
      const s = await stat(this.path);
      this.ino = s.ino;
      if (!s.isFile())
        throw new ConfigError(`FileStorage: ${this.path} exists and is not a regular file; choose a file path`);
      if (s.size > MAX_BYTES)
        throw new SerializationError(`${this.path}: ${s.size} bytes is larger than a study file may be (${MAX_BYTES})`);
      text = await readFile(this.path, 'utf8');
    } catch (e) {
      if (e instanceof ConvkitError) throw e;
      if (errnoCodeOf(e) !== 'ENOENT') throw fileSystemError('read the study file', this.path, e);
    }
    if (text !== undefined) {
      const file = parseStudyFile(this.path, text);
      for (const [name, data] of Object.entries(file.studies)) table.studies.set(name, data);
    }
    this.table = table;
    return table;
  }

  /** Refuses to write when the file is no longer the one this storage read or wrote last. */
  private async checkUnchanged(): Promise<void> {
    let ino: number | undefined;
    try {
      ino = (await stat(this.path)).ino;
    } catch (e) {
      if (errnoCodeOf(e) !== 'ENOENT') throw fileSystemError('check the study file', this.path, e);
    }
    if (ino !== this.ino) {
      throw new SerializationError(
        `${this.path} was ${ino === undefined ? 'removed' : 'replaced'} by another program or FileStorage since this storage ` +
          'last read it; refusing to overwrite it (one FileStorage per file, in one process)',
      );
    }
  }

  private async persist(table: StudyTable): Promise<void> {
    await this.checkUnchanged();
    const file: StudyFile = {
      format: STUDY_FILE_FORMAT,
      version: STUDY_FILE_VERSION,
      studies: Object.fromEntries(table.studies),
    };
    const text = `${JSON.stringify(file, null, 1)}\n`;
    const dir = dirname(this.path);
    const tmp = join(dir, `.${basename(this.path)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
      await mkdir(dir, { recursive: true });
      const fh = await open(tmp, 'wx', 0o644);
      let ino: number;
      try {
        await fh.writeFile(text, 'utf8');
        await fh.sync();
        ino = (await fh.stat()).ino;
      } finally {
        await fh.close();
      }
      await rename(tmp, this.path);
      this.ino = ino;
    } catch (e) {
      await unlink(tmp).catch(() => undefined);
      throw fileSystemError('write the study file', this.path, e);
    }
    try {
      const dh = await open(dir, 'r');
      await dh.sync().finally(() => dh.close());
    } catch {
      // Not every platform can fsync a folder; the rename is already atomic.
    }
  }

  /** Applies `change` to the studies and writes the file; on a failed write the change is undone. */
  private mutate<T>(change: (table: StudyTable) => T): Promise<T> {
    return this.serial(async () => {
      const table = await this.load();
      const before = clone(Object.fromEntries(table.studies));
      const out = change(table);
      try {
        await this.persist(table);
      } catch (e) {
        table.studies.clear();
        for (const [k, v] of Object.entries(before)) table.studies.set(k, v);
        throw e;
      }
      return out;
    });
  }

  /** Creates the study, or opens it (see {@link StudyStorage.openStudy}). */
  openStudy(name: string, direction: Direction): Promise<StudyInfo> {
    return this.serial(async () => {
      const table = await this.load();
      const exists = table.studies.has(name);
      const info = table.open(name, direction, new Date().toISOString());
      if (!exists) {
        try {
          await this.persist(table);
        } catch (e) {
          table.studies.delete(name);
          throw e;
        }
      }
      return info;
    });
  }

  /** Stores a new running trial (see {@link StudyStorage.createTrial}). */
  createTrial(
    study: string,
    init?: { params?: Params; distributions?: Record<string, Distribution>; worker?: string },
  ): Promise<TrialRecord> {
    return this.mutate((t) => t.create(study, new Date().toISOString(), init));
  }

  /** Records a suggested parameter (see {@link StudyStorage.setParam}). */
  setParam(study: string, trial: number, name: string, value: ParamValue, distribution: Distribution): Promise<void> {
    return this.mutate((t) => t.setParam(study, trial, name, value, distribution));
  }

  /** Records an intermediate value (see {@link StudyStorage.reportIntermediate}). */
  reportIntermediate(study: string, trial: number, step: number, value: number): Promise<void> {
    return this.mutate((t) => t.report(study, trial, step, value));
  }

  /** Ends a running trial (see {@link StudyStorage.finishTrial}). */
  finishTrial(study: string, trial: number, result: TrialResult): Promise<void> {
    return this.mutate((t) => t.finish(study, trial, result, new Date().toISOString()));
  }

  /** The trials, by number (see {@link StudyStorage.getTrials}). */
  getTrials(study: string, states?: readonly TrialState[]): Promise<TrialRecord[]> {
    return this.serial(async () => (await this.load()).list(study, states));
  }

  /** Waits for pending writes (nothing to release). */
  async close(): Promise<void> {
    await this.chain;
  }
}
