/** The messages between `optimizeParallel`'s main thread and its worker threads. */
import type { Distribution, ParamValue, TrialResult } from '../types';

/** What a worker thread gets as `workerData`. */
export interface ThreadWorkerData {
  /** The objective module's file URL. */
  moduleUrl: string;
  /** The export that holds the objective. */
  exportName: string;
  /** Structured-cloneable data passed to the objective as its second argument. */
  data: unknown;
}

/** Main thread → worker. */
export type ToWorker =
  | { type: 'run'; number: number; params: Record<string, ParamValue> }
  | { type: 'answer'; id: number; value?: unknown; error?: string };

/** Worker → main thread. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'fatal'; error: string }
  | { type: 'suggest'; id: number; number: number; name: string; distribution: Distribution }
  | { type: 'report'; id: number; number: number; step: number; value: number }
  | { type: 'should-prune'; id: number; number: number; step: number }
  | { type: 'done'; number: number; result: TrialResult };
