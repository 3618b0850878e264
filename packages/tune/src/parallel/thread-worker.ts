/**
 * The worker-thread entry of `optimizeParallel`: imports the objective module, then runs the
 * trials the main thread sends on real `Trial`s whose sampler and pruner are the main thread's
 * (a blocking call: `Trial.suggest` is synchronous) and whose storage writes go to the main
 * thread's storage.
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { ConfigError } from '@convkit/core';
import type { Pruner } from '../pruners/pruner';
import type { Sampler } from '../samplers/sampler';
import { Trial } from '../trial';
import type { Direction, ParamValue, StudyStorage, TrialRecord } from '../types';
import { runObjective } from './run-objective';
import type { FromWorker, StorageCall, SyncAnswer, ThreadWorkerData, ToWorker } from './thread-protocol';

type Objective = (trial: Trial, data: unknown) => number | Promise<number>;

// A real dynamic import, also in the CommonJS build (where a bundler would turn `import()` into `require`).
const importModule = new Function('url', 'return import(url)') as (url: string) => Promise<Record<string, unknown>>;

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('the optimizeParallel worker must run in a worker thread');
  const init = workerData as ThreadWorkerData;
  const send = (message: FromWorker) => port.postMessage(message);
  let objective: Objective;
  try {
    const mod = await importModule(init.moduleUrl);
    const found = mod[init.exportName];
    if (typeof found !== 'function') {
      const names = Object.keys(mod).join(', ') || 'none';
      throw new Error(`${init.moduleUrl} has no function export '${init.exportName}' (its exports: ${names})`);
    }
    objective = found as Objective;
  } catch (err) {
    send({ type: 'fatal', error: err instanceof Error ? err.message : String(err) });
    return;
  }

  const flag = new Int32Array(init.flag);
  /** Asks the main thread and blocks until it answers (the sampler and pruner are synchronous). */
  const blockingCall = (message: FromWorker): unknown => {
    Atomics.store(flag, 0, 0);
    send(message);
    for (;;) {
      Atomics.wait(flag, 0, 0, 1000);
      const got = receiveMessageOnPort(init.port);
      if (got) {
        const answer = got.message as SyncAnswer;
        if (answer.error !== undefined) throw new ConfigError(answer.error);
        return answer.value;
      }
    }
  };
  const sampler: Sampler = {
    name: init.samplerName,
    sample: (others, name, distribution, trial) =>
      blockingCall({ type: 'sample', others: [...others], name, distribution, trial }) as ParamValue,
  };
  const pruner: Pruner = {
    name: init.prunerName,
    prune: (trials, trial) => blockingCall({ type: 'prune', trials: [...trials], trial }) as boolean,
  };

  let nextId = 0;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const call = <T>(c: StorageCall): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      send({ type: 'storage', id, ...c });
    });
  const unsupported = (what: string) => () =>
    Promise.reject(new ConfigError(`optimizeParallel: an objective cannot call storage.${what} from a worker thread`));
  const storage: StudyStorage = {
    openStudy: unsupported('openStudy'),
    createTrial: unsupported('createTrial'),
    finishTrial: unsupported('finishTrial'),
    close: unsupported('close'),
    setParam: (...args) => call({ method: 'setParam', args }),
    reportIntermediate: (...args) => call({ method: 'reportIntermediate', args }),
    getTrials: (study) => call<TrialRecord[]>({ method: 'getTrials', args: [study] }),
  };

  const runTrial = async (record: TrialRecord, others: TrialRecord[]): Promise<void> => {
    const trial = new Trial(record, {
      storage,
      sampler,
      pruner,
      sampling: { study: init.study, direction: init.direction as Direction },
      others,
    });
    let result = await runObjective((t) => objective(t, init.data), trial);
    trial.markEnded();
    try {
      await trial.flush();
    } catch (err) {
      result = { state: 'failed', error: `storing the trial failed: ${(err as Error).message}` };
    }
    const attrs = trial.userAttrs;
    send({
      type: 'done',
      number: record.number,
      result: { ...result, ...(Object.keys(attrs).length > 0 ? { userAttrs: attrs } : {}) },
    });
  };

  port.on('message', (message: ToWorker) => {
    if (message.type === 'answer') {
      const w = waiting.get(message.id);
      waiting.delete(message.id);
      if (message.error !== undefined) w?.reject(new ConfigError(message.error));
      else w?.resolve(message.value);
      return;
    }
    const record = message.record;
    storage
      .getTrials(init.study)
      .then((all) =>
        runTrial(
          record,
          all.filter((t) => t.number !== record.number),
        ),
      )
      .catch((err: unknown) => {
        send({
          type: 'done',
          number: record.number,
          result: { state: 'failed', error: err instanceof Error ? err.message : String(err) },
        });
      });
  });

  send({ type: 'ready' });
}

void main();
