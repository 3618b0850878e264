/**
 * `optimizeParallel`: trials of a study on worker threads of this process, sampled by the main thread.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import { ConfigError } from '@convkit/core';
import type { Study } from '../study';
import type { Trial } from '../trial';
import type { TrialRecord, TrialResult } from '../types';
import type { FromWorker, SyncAnswer, ThreadWorkerData, ToWorker } from './thread-protocol';

/**
 * The objective of a parallel study, exported by a module: the trial (a real `Trial`, as in
 * `study.optimize`) and the `data` given to {@link optimizeParallel}.
 */
export type ParallelObjective = (trial: Trial, data: unknown) => number | Promise<number>;

/** Options of {@link optimizeParallel}. */
export interface ParallelOptions {
  /**
   * The module that exports the objective ({@link ParallelObjective}), as a path or a `file:` URL.
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
  /** Called after every trial with its stored record, in the order they end. */
  onTrialEnd?: (trial: TrialRecord, study: Study) => void | Promise<void>;
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
 * runs in the workers on real `Trial`s; every value it suggests is drawn by the study's sampler on
 * the main thread (the worker blocks meanwhile, as `suggest` is synchronous) from the trials in
 * the storage when the trial started, so it learns from every thread's finished trials; the
 * pruner runs there too. Each trial is persisted as it ends. A trial whose objective throws ends
 * `failed`; a worker thread that crashes (out of memory, `process.exit`) fails its trial and is
 * replaced. Objectives that train on the wasm backend should use one wasm thread each
 * (`setThreadsCount(1)` when `!isMainThread`), so that N trials use N cores.
 *
 * @param study - The study (from `createStudy`); its storage, sampler and pruner are used.
 * @param options - Objective module and export, trials, parallelism, data for the objective.
 * @returns Resolves to every trial of the study, ordered by number.
 * @throws {ConfigError} for a bad option, a missing module or a module without the export.
 *
 * @example
 * ```ts
 * // objective.mjs: export default (trial) => (trial.suggestFloat('x', -5, 5) - 1) ** 2;
 * import { createStudy, TPESampler } from '@convkit/tune';
 * import { optimizeParallel } from '@convkit/tune/node';
 *
 * const study = await createStudy({ sampler: new TPESampler({ seed: 7 }) });
 * await optimizeParallel(study, { objectiveModule: new URL('./objective.mjs', import.meta.url), trials: 40, parallel: 4 });
 * console.log(await study.bestParams());
 * ```
 */
export async function optimizeParallel(study: Study, options: ParallelOptions): Promise<TrialRecord[]> {
  if (typeof study?.storage?.createTrial !== 'function' || typeof study?.sampler?.sample !== 'function') {
    throw new ConfigError('optimizeParallel: the first argument must be a study (from createStudy)');
  }
  if (typeof options !== 'object' || options === null)
    throw new ConfigError('optimizeParallel: options must be an object');
  const { storage, sampler, pruner, name } = study;
  const trials = count('trials', options.trials, 0, 1);
  const parallel = Math.min(count('parallel', options.parallel, availableParallelism(), 1), trials);
  const maxCrashes = count('maxCrashes', options.maxCrashes, trials, 0);
  const url = moduleUrl(options.objectiveModule);
  const script = options.workerScript ?? defaultWorkerScript();
  if (!existsSync(script instanceof URL ? fileURLToPath(script) : script)) {
    throw new ConfigError(`optimizeParallel: the worker script ${String(script)} does not exist (build @convkit/tune)`);
  }
  const sampling = { study: name, direction: study.direction };

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
      else storage.getTrials(name).then(resolvePromise, rejectPromise);
    };
    const fail = (err: unknown) => void stop(err);
    const noMoreTrials = async () => {
      if (started >= trials) return true;
      if (!sampler.isExhausted) return false;
      return sampler.isExhausted(await storage.getTrials(name));
    };
    const checkDone = async () => {
      if (ended === started && (await noMoreTrials())) await stop();
    };

    const finished = async (number: number, result: TrialResult) => {
      await storage.finishTrial(name, number, result);
      ended++;
      if (options.onTrialEnd) {
        const [stored] = (await storage.getTrials(name)).filter((t) => t.number === number);
        if (stored) await options.onTrialEnd(stored, study);
      }
    };

    const spawnWorker = () => {
      const id = threadIds++;
      const flag = new SharedArrayBuffer(4);
      const flagView = new Int32Array(flag);
      const channel = new MessageChannel();
      const workerData: ThreadWorkerData = {
        moduleUrl: url,
        exportName: options.exportName ?? 'default',
        data: options.data,
        study: name,
        direction: study.direction,
        samplerName: sampler.name,
        prunerName: pruner.name,
        flag,
        port: channel.port2,
      };
      const worker = new Worker(script, { workerData, transferList: [channel.port2] });
      workers.add(worker);
      let current: number | undefined;
      const post = (message: ToWorker) => worker.postMessage(message);
      const answerNow = (work: () => unknown) => {
        let answer: SyncAnswer;
        try {
          answer = { value: work() };
        } catch (err) {
          answer = { error: err instanceof Error ? err.message : String(err) };
        }
        channel.port1.postMessage(answer);
        Atomics.store(flagView, 0, 1);
        Atomics.notify(flagView, 0);
      };
      const retire = async () => {
        workers.delete(worker);
        channel.port1.close();
        await worker.terminate();
      };
      const next = async () => {
        if (settled) return;
        if (await noMoreTrials()) {
          await retire();
          await checkDone();
          return;
        }
        started++;
        const record = await storage.createTrial(name, { worker: `${process.pid}/thread-${id}` });
        current = record.number;
        post({ type: 'run', record });
      };
      worker.on('message', (message: FromWorker) => {
        if (settled) return;
        switch (message.type) {
          case 'ready':
            next().catch(fail);
            break;
          case 'fatal':
            fail(new ConfigError(`optimizeParallel: cannot load the objective: ${message.error}`));
            break;
          case 'sample':
            answerNow(() =>
              sampler.sample(message.others, message.name, message.distribution, message.trial, sampling),
            );
            break;
          case 'prune':
            answerNow(() => pruner.prune(message.trials, message.trial, study.direction));
            break;
          case 'storage': {
            const run = (): Promise<unknown> => {
              switch (message.method) {
                case 'setParam':
                  return storage.setParam(...message.args);
                case 'reportIntermediate':
                  return storage.reportIntermediate(...message.args);
                case 'getTrials':
                  return storage.getTrials(...message.args);
              }
            };
            run().then(
              (value) => post({ type: 'answer', id: message.id, value }),
              (err: unknown) =>
                post({ type: 'answer', id: message.id, error: err instanceof Error ? err.message : String(err) }),
            );
            break;
          }
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
        channel.port1.close();
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
        const replace = async () => {
          if (settled) return;
          if (await noMoreTrials()) await checkDone();
          else spawnWorker();
        };
        if (lost === undefined) {
          replace().catch(fail);
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
