/**
 * Distributed studies: trial slots are BullMQ jobs on the study's Redis server; every process
 * that runs {@link optimizeDistributed} on the same study is a worker taking jobs from it.
 */
import { hostname } from 'node:os';
import { ConfigError } from '@convkit/core';
import { type ConnectionOptions, Queue, Worker } from 'bullmq';
import { checkStudyName, type RedisStorage } from '../storage/redis';
import { StorageUnavailableError } from '../storage/redis-errors';
import type { TrialRecord } from '../types';
import { runTrialHere } from './runner-trial';
import type { RunnerObjective, RunnerStudyOptions } from './types';

/** Options of {@link optimizeDistributed}. */
export interface DistributedOptions extends RunnerStudyOptions {
  /** The study's Redis storage; the trial queue lives on the same server. */
  storage: RedisStorage;
  /** The objective, run define-by-run in this process. */
  objective: RunnerObjective;
  /**
   * The study's number of trials, all processes together: slots 0 … trials−1 are queued once
   * (a process that queues a slot that exists changes nothing), so every process can pass the
   * same number. A later run with a larger number adds slots.
   */
  trials: number;
  /** Trials this process runs at once. Default 1. */
  concurrency?: number;
  /** This process's id in the trial records. Default `host/pid`. */
  workerId?: string;
  /**
   * How long a worker holds a trial without renewing its lock before it counts as dead (ms).
   * The lock is renewed every half of it while the trial runs. Default 30000.
   */
  lockDurationMs?: number;
  /** How often workers look for trials whose worker died, to hand them to another one (ms). Default 30000. */
  stalledIntervalMs?: number;
  /** How often this process checks whether every slot has ended (ms). Default 500. */
  pollMs?: number;
}

/** The BullMQ queue's name of `study`. */
export function queueName(study: string): string {
  return `convkit-tune.${study}`;
}

function positiveInt(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < 1)
    throw new ConfigError(`optimizeDistributed: ${name} must be an integer >= 1, got ${v}`);
  return v;
}

/**
 * Runs a study on several processes (and machines) that share one Redis server, through
 * BullMQ: each trial slot is a job; a worker takes a job, creates the slot's trial (one atomic
 * counter numbers them), runs the objective define-by-run against the shared storage (the
 * sampler sees every finished trial of every worker) and completes the job. When a worker dies
 * mid-trial its job's lock expires, BullMQ reports the job stalled and another worker retries
 * it with the same trial number, so every slot's trial ends exactly once. A trial whose
 * objective throws is stored as `failed`; the study goes on.
 *
 * Resolves when every slot below `trials` has ended (in this process or another), with all
 * trials of the study.
 *
 * @param options - Storage, study, objective, sampler seam, number of trials, concurrency, …
 * @returns Resolves to every trial of the study, ordered by number.
 * @throws {ConfigError} for a bad study name or option.
 * @throws {StorageUnavailableError} when the server stops answering.
 *
 * @example
 * ```ts
 * import { RedisStorage, optimizeDistributed } from '@convkit/tune/node';
 *
 * const storage = await RedisStorage.connect('redis://127.0.0.1:6379');
 * const trials = await optimizeDistributed({
 *   storage, study: 'branin', direction: 'minimize', trials: 40,
 *   sampleParam: (_all, _name, d) => (d.type === 'float' ? d.low + Math.random() * (d.high - d.low) : 0),
 *   objective: async (t) => (await t.suggestFloat('x', -5, 10)) ** 2,
 * });
 * await storage.close();
 * ```
 */
export async function optimizeDistributed(options: DistributedOptions): Promise<TrialRecord[]> {
  const { storage, study, objective, sampleParam, shouldPrune, onTrial } = options;
  checkStudyName(study);
  const trials = positiveInt('trials', options.trials, 1);
  const concurrency = positiveInt('concurrency', options.concurrency, 1);
  const lockDuration = positiveInt('lockDurationMs', options.lockDurationMs, 30_000);
  const stalledInterval = positiveInt('stalledIntervalMs', options.stalledIntervalMs, 30_000);
  const pollMs = positiveInt('pollMs', options.pollMs, 500);
  if (typeof objective !== 'function') throw new ConfigError('optimizeDistributed: objective must be a function');
  if (typeof sampleParam !== 'function') throw new ConfigError('optimizeDistributed: sampleParam must be a function');
  const workerId = options.workerId ?? `${hostname()}/${process.pid}`;
  await storage.openStudy(study, options.direction ?? 'minimize');

  const connection: ConnectionOptions = {
    ...storage.connectionOptions,
    connectTimeout: storage.connectTimeoutMs,
    maxRetriesPerRequest: null,
  };
  const prefix = `${storage.prefix}queue`;
  const name = queueName(study);
  const queue = new Queue(name, { connection, prefix });
  let lastError: unknown;
  queue.on('error', (err) => {
    lastError = err;
  });
  let worker: Worker | undefined;
  try {
    await queue.addBulk(
      Array.from({ length: trials }, (_, k) => ({
        name: 'trial',
        data: { slot: k },
        opts: { jobId: `slot-${k}`, attempts: 1, removeOnComplete: false, removeOnFail: false },
      })),
    );
    worker = new Worker(
      name,
      async (job) => {
        const { trial, resumed } = await storage.claimTrial(study, String(job.id), { worker: workerId });
        // A trial whose worker died after storing the result but before completing the job has ended already.
        if (trial.state !== 'running') return { number: trial.number, state: trial.state, resumed };
        const result = await runTrialHere(storage, study, trial, objective, sampleParam, shouldPrune);
        if (onTrial) {
          const all = await storage.getTrials(study);
          const self = all.find((t) => t.number === trial.number);
          if (self) onTrial(self, all);
        }
        return { number: trial.number, state: result.state, resumed };
      },
      {
        connection,
        prefix,
        concurrency,
        lockDuration,
        stalledInterval,
        // A job may be taken over many times (several workers killed in turn) before it fails.
        maxStalledCount: 1000,
      },
    );
    worker.on('error', (err) => {
      lastError = err;
    });
    const pending = new Set(Array.from({ length: trials }, (_, k) => `slot-${k}`));
    while (pending.size > 0) {
      for (const id of [...pending]) {
        const state = await withTimeout(queue.getJobState(id), storage, lastError);
        if (state === 'completed' || state === 'failed') pending.delete(id);
        else break;
      }
      if (pending.size > 0) await new Promise((r) => setTimeout(r, pollMs));
    }
    return await storage.getTrials(study);
  } finally {
    await worker?.close().catch(() => undefined);
    await queue.close().catch(() => undefined);
  }
}

/** A queue call that fails with {@link StorageUnavailableError} instead of waiting forever for a lost server. */
async function withTimeout<T>(call: Promise<T>, storage: RedisStorage, lastError: unknown): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const ms = Math.max(storage.connectTimeoutMs * 3, 10_000);
  try {
    return await Promise.race([
      call,
      new Promise<T>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new StorageUnavailableError(
                `the Redis server at ${storage.url} stopped answering for ${ms} ms${lastError instanceof Error ? ` (${lastError.message})` : ''}`,
              ),
            ),
          ms,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
