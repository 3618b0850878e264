/** The messages between `optimizeParallel`'s main thread and its worker threads. */
import type { MessagePort } from 'node:worker_threads';
import type { Direction, Distribution, ParamValue, TrialRecord, TrialResult } from '../types';

/** What a worker thread gets as `workerData`. */
export interface ThreadWorkerData {
  /** The objective module's file URL. */
  moduleUrl: string;
  /** The export that holds the objective. */
  exportName: string;
  /** Structured-cloneable data passed to the objective as its second argument. */
  data: unknown;
  /** The study's name and direction. */
  study: string;
  direction: Direction;
  /** The names of the study's sampler and pruner (for messages). */
  samplerName: string;
  prunerName: string;
  /** Blocking calls: the worker waits on `flag[0]` (Int32) and reads the answer from `port`. */
  flag: SharedArrayBuffer;
  port: MessagePort;
}

/** The storage methods a worker's `Trial` calls (answered asynchronously). */
export type StorageCall =
  | { method: 'setParam'; args: [string, number, string, ParamValue, Distribution] }
  | { method: 'reportIntermediate'; args: [string, number, number, number] }
  | { method: 'getTrials'; args: [string] };

/** Main thread → worker, on the worker's parentPort. */
export type ToWorker =
  | { type: 'run'; record: TrialRecord }
  | { type: 'answer'; id: number; value?: unknown; error?: string };

/** Worker → main thread. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'fatal'; error: string }
  | ({ type: 'storage'; id: number } & StorageCall)
  | {
      type: 'sample';
      others: TrialRecord[];
      name: string;
      distribution: Distribution;
      trial: TrialRecord;
    }
  | { type: 'prune'; trials: TrialRecord[]; trial: TrialRecord }
  | { type: 'done'; number: number; result: TrialResult };

/** The answer to a blocking call, on the side port. */
export interface SyncAnswer {
  value?: unknown;
  error?: string;
}
