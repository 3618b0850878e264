/**
 * The worker-thread entry of `optimizeParallel`: imports the objective module, then runs the
 * trials the main thread sends, asking it for every suggested value (the main thread's sampler
 * sees all trials) and reporting how each trial ended.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ParamValue } from '../types';
import { lastIntermediate, makeRunnerTrial, settle, type TrialBackend } from './runner-trial';
import type { FromWorker, ThreadWorkerData, ToWorker } from './thread-protocol';
import type { RunnerTrial } from './types';

type Objective = (trial: RunnerTrial, data: unknown) => number | Promise<number>;

// A real dynamic import, also in the CommonJS build (where a bundler would turn `import()` into `require`).
const importModule = new Function('url', 'return import(url)') as (url: string) => Promise<Record<string, unknown>>;

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('the optimizeParallel worker must run in a worker thread');
  const { moduleUrl, exportName, data } = workerData as ThreadWorkerData;
  const send = (message: FromWorker) => port.postMessage(message);
  let objective: Objective;
  try {
    const mod = await importModule(moduleUrl);
    const found =
      mod[exportName] ??
      (exportName === 'default' ? undefined : (mod.default as Record<string, unknown>)?.[exportName]);
    if (typeof found !== 'function') {
      const names = Object.keys(mod).join(', ') || 'none';
      throw new Error(`${moduleUrl} has no function export '${exportName}' (its exports: ${names})`);
    }
    objective = found as Objective;
  } catch (err) {
    send({ type: 'fatal', error: err instanceof Error ? err.message : String(err) });
    return;
  }

  let nextId = 0;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const ask = <T>(message: FromWorker): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      waiting.set((message as { id: number }).id, { resolve: resolve as (v: unknown) => void, reject });
      send(message);
    });

  port.on('message', (message: ToWorker) => {
    if (message.type === 'answer') {
      const w = waiting.get(message.id);
      waiting.delete(message.id);
      if (message.error !== undefined) w?.reject(new Error(message.error));
      else w?.resolve(message.value);
      return;
    }
    void runTrial(message.number, message.params);
  });

  async function runTrial(number: number, params: Record<string, ParamValue>): Promise<void> {
    const intermediate: Record<number, number> = {};
    let lastStep = -1;
    const backend: TrialBackend = {
      suggest: (name, distribution) => ask<ParamValue>({ type: 'suggest', id: nextId++, number, name, distribution }),
      async report(step, value) {
        await ask({ type: 'report', id: nextId++, number, step, value });
        intermediate[step] = value;
        lastStep = step;
      },
      shouldPrune: () =>
        lastStep < 0
          ? Promise.resolve(false)
          : ask<boolean>({ type: 'should-prune', id: nextId++, number, step: lastStep }),
    };
    const userAttrs: Record<string, unknown> = {};
    const trial = makeRunnerTrial(number, { ...params }, backend, userAttrs);
    const result = await settle(
      (t) => objective(t, data),
      trial,
      () => lastIntermediate({ intermediate }),
      userAttrs,
    );
    try {
      send({ type: 'done', number, result });
    } catch (err) {
      // userAttrs that cannot be copied to the main thread (functions, …): the trial fails, the worker lives on.
      send({
        type: 'done',
        number,
        result: {
          state: 'failed',
          error: `trial ${number}: its result cannot be sent to the main thread (${(err as Error).message})`,
        },
      });
    }
  }

  send({ type: 'ready' });
}

void main();
