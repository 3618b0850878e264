/**
 * Distributed studies: trial slots are BullMQ jobs on the study's Redis server; every process
 * that runs {@link optimizeDistributed} on the same study is a worker taking jobs from it.
 */
import { hostname } from 'node:os';
import { ConfigError } from '@convkit/core';
import { type ConnectionOptions, Queue, Worker } from 'bullmq';
import { RedisStorage } from '../storage/redis';
import { StorageUnavailableError } from '../storage/redis-errors';
import type { Objective, Study } from '../study';
import { Trial } from '../trial';
import type { TrialRecord } from '../types';
import { runObjective } from './run-objective';

/** Options of {@link optimizeDistributed}. */
export interface DistributedOptions {
  /** The objective, run define-by-run in this process on the study's `Trial`s. */
  objective: Objective;
  /**
   * The study's number of trials, all processes together: slots 0 … trials−1 are queued once
   * (a process that queues a slot that exists changes nothing), so every process passes the
   * same number. A later run with a larger number adds slots.
   */
  trials: number;
  /** Trials this process runs at once. Default 1. */
  concurrency?: number;
  /** This process's id in the trial records. Default: the study's `worker`, else `host/pid`. */
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
  /** Called after every trial this process ends, with its stored record. */
  onTrialEnd?: (trial: TrialRecord, study: Study) => void | Promise<void>;
}

/** The BullMQ queue's name of `study`. */
export function queueName(study: string): string {
  return `convkit-tune.${study}`;
}

function positiveInt(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isSafeInteger(v) || v < 1) {
    throw new ConfigError(`optimizeDistributed: ${name} must be an integer >= 1, got ${String(v)}`);
  }
  return v;
}

/**
 * Runs a study on several processes (and machines) that share one Redis server, through
 * BullMQ: each trial slot is a job; a worker takes a job, creates the slot's trial (one atomic
 * counter numbers them), runs the objective define-by-run against the shared storage (the
 * study's sampler sees every trial of every worker) and completes the job. When a worker dies
 * mid-trial its job's lock expires, BullMQ reports the job stalled and another worker retries
 * it with the same trial number (the parameters already drawn are kept, the reports start
 * over), so every slot's trial ends exactly once. A trial whose objective throws is stored as
 * `failed`; the study goes on.
 *
 * The study must live in a {@link RedisStorage} and be opened with `staleTrials: 'keep'`: the
 * `running` trials other workers hold are alive.
 *
 * @param study - The study (`createStudy({ storage: redisStorage, staleTrials: 'keep', … })`).
 * @param options - Objective, number of trials, concurrency, lock and stall timings.
 * @returns Resolves, once every slot below `trials` has ended (here or in another process), to
 *   every trial of the study, ordered by number.
 * @throws {ConfigError} for a study outside Redis or a bad option.
 * @throws {StorageUnavailableError} when the server stops answering.
 *
 * @example
 * ```ts
 * import { createStudy, TPESampler } from '@convkit/tune';
 * import { RedisStorage, optimizeDistributed } from '@convkit/tune/node';
 *
 * // Run the same script on every machine:
 * const storage = await RedisStorage.connect('redis://tune-host:6379');
 * const study = await createStudy({ name: 'branin', storage, staleTrials: 'keep', sampler: new TPESampler({ seed: 1 }) });
 * await optimizeDistributed(study, { trials: 40, objective: (t) => (t.suggestFloat('x', -5, 10) - 2) ** 2 });
 * await storage.close();
 * ```
 */
export async function optimizeDistributed(study: Study, options: DistributedOptions): Promise<TrialRecord[]> {
  const storage = study?.storage;
  if (!(storage instanceof RedisStorage)) {
    throw new ConfigError(
      'optimizeDistributed: the study must live in a RedisStorage (createStudy({ storage: await RedisStorage.connect(url), staleTrials: "keep" }))',
    );
  }
  const { objective, onTrialEnd } = options ?? ({} as DistributedOptions);
  if (typeof objective !== 'function') throw new ConfigError('optimizeDistributed: objective must be a function');
  const trials = positiveInt('trials', options.trials, 0);
  const concurrency = positiveInt('concurrency', options.concurrency, 1);
  const lockDuration = positiveInt('lockDurationMs', options.lockDurationMs, 30_000);
  const stalledInterval = positiveInt('stalledIntervalMs', options.stalledIntervalMs, 30_000);
  const pollMs = positiveInt('pollMs', options.pollMs, 500);
  const workerId = options.workerId ?? study.worker ?? `${hostname()}/${process.pid}`;
  const name = study.name;
  const queue = queueName(name);
  await storage.openStudy(name, study.direction);

  const connection: ConnectionOptions = {
    ...storage.connectionOptions,
    connectTimeout: storage.connectTimeoutMs,
    maxRetriesPerRequest: null,
  };
  const prefix = `${storage.prefix}queue`;
  const jobs = new Queue(queue, { connection, prefix });
  let lastError: unknown;
  jobs.on('error', (err) => {
    lastError = err;
  });
  let worker: Worker | undefined;
  try {
    await withTimeout(
      jobs.addBulk(
        Array.from({ length: trials }, (_, k) => ({
          name: 'trial',
          data: { slot: k },
          opts: { jobId: `slot-${k}`, attempts: 1, removeOnComplete: false, removeOnFail: false },
        })),
      ),
      storage,
      () => lastError,
    );
    worker = new Worker(
      queue,
      async (job) => {
        const others = await storage.getTrials(name);
        const { trial: record, resumed } = await storage.claimTrial(name, String(job.id), { worker: workerId });
        // A trial whose worker died after storing the result but before completing the job has ended already.
        if (record.state !== 'running') return { number: record.number, state: record.state, resumed };
        const trial = new Trial(record, {
          storage,
          sampler: study.sampler,
          pruner: study.pruner,
          sampling: { study: name, direction: study.direction },
          others: others.filter((t) => t.number !== record.number),
        });
        const result = await runObjective(objective, trial);
        const stored = await study.tell(trial, result);
        if (onTrialEnd) await onTrialEnd(stored, study);
        return { number: record.number, state: result.state, resumed };
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
    const pending = Array.from({ length: trials }, (_, k) => `slot-${k}`);
    while (pending.length > 0) {
      const state = await withTimeout(jobs.getJobState(pending[0]), storage, () => lastError);
      if (state === 'completed' || state === 'failed') pending.shift();
      else await new Promise((r) => setTimeout(r, pollMs));
    }
    return await storage.getTrials(name);
  } finally {
    // BullMQ re-emits a connection's failed start-up as 'error' after close() has removed every
    // listener, which crashes the process: let each connection finish starting (bounded) first.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all([worker?.waitUntilReady(), jobs.waitUntilReady()]).catch(() => undefined),
      new Promise((resolve) => {
        timer = setTimeout(resolve, storage.connectTimeoutMs);
      }),
    ]);
    clearTimeout(timer);
    await worker?.close().catch(() => undefined);
    await jobs.close().catch(() => undefined);
  }
}

/** A queue call that fails with {@link StorageUnavailableError} instead of waiting forever for a lost server. */
async function withTimeout<T>(call: Promise<T>, storage: RedisStorage, lastError: () => unknown): Promise<T> {
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
                `the Redis server at ${storage.url} stopped answering for ${ms} ms${describe(lastError())}`,
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

function describe(err: unknown): string {
  return err instanceof Error ? ` (${err.message})` : '';
}
