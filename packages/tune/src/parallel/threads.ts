/**
 * `optimizeParallel`: trials on worker threads of this process, sampled by the main thread.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ConfigError } from '@convkit/core';
import type { TrialRecord, TrialResult } from '../types';
import type { FromWorker, ThreadWorkerData, ToWorker } from './thread-protocol';
import type { RunnerStudyOptions } from './types';

/** Options of {@link optimizeParallel}. */
export interface ParallelOptions extends RunnerStudyOptions {
  /**
   * The module that exports the objective, as a path or a `file:` URL. The objective gets the
   * trial handle and {@link ParallelOptions.data}: `(trial, data) => number | Promise<number>`.
   * It runs in worker threads, so it is a module of its own, not a closure.
   */
  objectiveModule: string | URL;
  /** The export that holds the objective. Default `'default'`. */
  exportName?: string;
  /** New trials to run. */
  trials: number;
  /** Trials at once, one worker thread each. Default `os.availableParallelism()`. */
  parallel?: number;
  /** Structured-cloneable data handed to every call of the objective (dataset paths, epochs, …). */
  data?: unknown;
  /**
   * The worker threads' entry script. Default: the one `@convkit/tune` ships
   * (`dist/parallel-worker.js`); tests running from source pass a bundle of `thread-worker.ts`.
   */
  workerScript?: string | URL;
  /** Worker threads that may crash (and be replaced) before the study stops. Default `trials`. */
  maxCrashes?: number;
}

/** The worker entry shipped beside this module in `dist/` (tsup shims import.meta.url in the CommonJS build). */
function defaultWorkerScript(): string {
  return fileURLToPath(new URL('./parallel-worker.js', import.meta.url));
}

function moduleUrl(objectiveModule: string | URL): string {
  let file: string;
  if (objectiveModule instanceof URL || /^file:/.test(String(objectiveModule))) {
    file = fileURLToPath(objectiveModule);
  } else if (typeof objectiveModule === 'string' && objectiveModule !== '') {
    file = isAbsolute(objectiveModule) ? objectiveModule : resolve(objectiveModule);
  } else {
    throw new ConfigError(
      `optimizeParallel: objectiveModule must be a path or a file: URL, got ${String(objectiveModule)}`,
    );
  }
  if (!existsSync(file)) throw new ConfigError(`optimizeParallel: objectiveModule ${file} does not exist`);
  return pathToFileURL(file).href;
}

function count(name: string, value: number | undefined, fallback: number, min: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min)
    throw new ConfigError(`optimizeParallel: ${name} must be an integer >= ${min}, got ${v}`);
  return v;
}

/**
 * Runs `trials` new trials of a study on worker threads, `parallel` at a time. The objective
 * runs in the workers; every value it suggests is chosen by `sampleParam` on the main thread,
 * over all the study's trials as stored, so the sampler sees every finished trial of every
 * thread. Each trial is persisted as it ends. A trial whose objective throws ends `failed`; a
 * worker thread that crashes (out of memory, `process.exit`) fails its trial and is replaced.
 * Objectives that train on the wasm backend should use one wasm thread each (`setThreadsCount(1)`
 * when `!isMainThread`), so that N trials use N cores.
 *
 * @param options - Storage, study, objective module, trials, parallelism, sampler seam, …
 * @returns Resolves to every trial of the study, ordered by number.
 * @throws {ConfigError} for a bad option, a missing module or a module without the export.
 *
 * @example
 * ```ts
 * // objective.mjs: export default async (trial) => (await trial.suggestFloat('x', -5, 5)) ** 2;
 * import { optimizeParallel } from '@convkit/tune/node';
 *
 * const trials = await optimizeParallel({
 *   objectiveModule: new URL('./objective.mjs', import.meta.url),
 *   storage, study: 'demo', trials: 20, parallel: 4, sampleParam,
 * });
 * ```
 */
export async function optimizeParallel(options: ParallelOptions): Promise<TrialRecord[]> {
  const { storage, study, sampleParam, shouldPrune, onTrial } = options;
  const trials = count('trials', options.trials, 1, 1);
  const parallel = Math.min(count('parallel', options.parallel, availableParallelism(), 1), trials);
  const maxCrashes = count('maxCrashes', options.maxCrashes, trials, 0);
  if (typeof sampleParam !== 'function') throw new ConfigError('optimizeParallel: sampleParam must be a function');
  const url = moduleUrl(options.objectiveModule);
  const script = options.workerScript ?? defaultWorkerScript();
  if (!existsSync(script instanceof URL ? fileURLToPath(script) : script)) {
    throw new ConfigError(`optimizeParallel: the worker script ${String(script)} does not exist (build @convkit/tune)`);
  }
  await storage.openStudy(study, options.direction ?? 'minimize');
  const workerData: ThreadWorkerData = {
    moduleUrl: url,
    exportName: options.exportName ?? 'default',
    data: options.data,
  };

  return new Promise<TrialRecord[]>((resolvePromise, rejectPromise) => {
    const workers = new Set<Worker>();
    let started = 0;
    let ended = 0;
    let crashes = 0;
    let settled = false;
    let threadIds = 0;

    const stop = async (error?: unknown) => {
      if (settled) return;
      settled = true;
      await Promise.all([...workers].map((w) => w.terminate().catch(() => undefined)));
      workers.clear();
      if (error !== undefined) rejectPromise(error);
      else storage.getTrials(study).then(resolvePromise, rejectPromise);
    };
    const fail = (err: unknown) => void stop(err);

    const finished = async (number: number, result: TrialResult) => {
      await storage.finishTrial(study, number, result);
      ended++;
      if (onTrial) {
        const all = await storage.getTrials(study);
        const self = all.find((t) => t.number === number);
        if (self) onTrial(self, all);
      }
      if (ended === trials) await stop();
    };

    const spawnWorker = () => {
      const id = threadIds++;
      const worker = new Worker(script, { workerData });
      workers.add(worker);
      let current: number | undefined;
      const post = (message: ToWorker) => worker.postMessage(message);
      const next = async () => {
        if (settled) return;
        if (started >= trials) {
          workers.delete(worker);
          await worker.terminate();
          return;
        }
        started++;
        const record = await storage.createTrial(study, { worker: `${process.pid}/thread-${id}` });
        current = record.number;
        post({ type: 'run', number: record.number, params: record.params });
      };
      const answer = (id: number, work: () => Promise<unknown>) =>
        work().then(
          (value) => post({ type: 'answer', id, value }),
          (err: unknown) => post({ type: 'answer', id, error: err instanceof Error ? err.message : String(err) }),
        );
      worker.on('message', (message: FromWorker) => {
        if (settled) return;
        switch (message.type) {
          case 'ready':
            next().catch(fail);
            break;
          case 'fatal':
            fail(new ConfigError(`optimizeParallel: cannot load the objective: ${message.error}`));
            break;
          case 'suggest':
            void answer(message.id, async () => {
              const all = await storage.getTrials(study);
              const self = all.find((t) => t.number === message.number);
              if (!self) throw new ConfigError(`trial ${message.number} is not in study '${study}'`);
              const value = await sampleParam(all, message.name, message.distribution, self);
              await storage.setParam(study, message.number, message.name, value, message.distribution);
              return value;
            });
            break;
          case 'report':
            void answer(message.id, () =>
              storage.reportIntermediate(study, message.number, message.step, message.value),
            );
            break;
          case 'should-prune':
            void answer(message.id, async () => {
              if (!shouldPrune) return false;
              const all = await storage.getTrials(study);
              const self = all.find((t) => t.number === message.number);
              return self ? shouldPrune(all, self, message.step) : false;
            });
            break;
          case 'done':
            current = undefined;
            finished(message.number, message.result)
              .then(() => next())
              .catch(fail);
            break;
        }
      });
      const crashed = (reason: string) => {
        workers.delete(worker);
        if (settled) return;
        const lost = current;
        current = undefined;
        crashes++;
        if (crashes > maxCrashes) {
          fail(
            new ConfigError(
              `optimizeParallel: ${crashes} worker threads crashed (last: ${reason}); stopping the study`,
            ),
          );
          return;
        }
        const replace = () => {
          if (!settled && started < trials) spawnWorker();
        };
        if (lost === undefined) {
          replace();
          return;
        }
        finished(lost, { state: 'failed', error: `the worker thread running trial ${lost} crashed: ${reason}` })
          .then(replace)
          .catch(fail);
      };
      worker.on('error', (err) => crashed(err instanceof Error ? `${err.name}: ${err.message}` : String(err)));
      worker.on('exit', (code) => {
        if (workers.has(worker)) crashed(`exit code ${code}`);
      });
    };

    for (let i = 0; i < parallel; i++) spawnWorker();
  });
}
