/**
 * Worker threads that run kernel-module exports over one shared memory.
 * A job is (export name, int args, thread count); every worker takes part in
 * every job (workers whose tid >= nthreads just report done), the caller runs
 * tid 0 itself and then waits on a counter in the shared control block.
 *
 * Control block (Int32 words at `ctrl`): 0 job sequence, 1 done count,
 * 2 nthreads (-1: exit), 3 export index, 4 argc, 5..13 args, 14 error flag.
 */

/** A started pool. */
export interface ThreadPool {
  run(name: string, args: readonly number[], nt: number, self: () => void): void;
  terminate(): void;
}

const MAX_ARGS = 9;

// Runs inside each worker; `init` = { module, memory, ctrl, stackTop, tid, names }.
const WORKER_BODY = `
function ckWorker(init, ready) {
  const inst = new WebAssembly.Instance(init.module, { env: { memory: init.memory } });
  inst.exports.__stack_pointer.value = init.stackTop;
  const c = new Int32Array(init.memory.buffer, init.ctrl, 16);
  const fns = init.names.map((n) => inst.exports[n]);
  let seen = Atomics.load(c, 0);
  ready();
  for (;;) {
    Atomics.wait(c, 0, seen);
    seen = Atomics.load(c, 0);
    const nt = c[2];
    if (nt < 0) return;
    if (init.tid < nt) {
      try {
        const argc = c[4];
        const a = [];
        for (let i = 0; i < argc; i++) a.push(c[5 + i]);
        fns[c[3]](...a, init.tid, nt);
      } catch (e) {
        Atomics.store(c, 14, 1);
      }
    }
    Atomics.add(c, 1, 1);
    Atomics.notify(c, 1);
  }
}
`;

const NODE_WORKER = `${WORKER_BODY}
const { workerData, parentPort } = require('node:worker_threads');
ckWorker(workerData, () => parentPort.postMessage('ready'));
`;

const BROWSER_WORKER = `${WORKER_BODY}
self.onmessage = (e) => ckWorker(e.data, () => self.postMessage('ready'));
`;

interface AnyWorker {
  terminate(): unknown;
}

function isNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}

/**
 * Starts one worker per entry of `stackTops`. Resolves to null where workers
 * cannot be created (no worker_threads, no Worker, or a start failure).
 */
export async function createThreadPool(
  module: WebAssembly.Module,
  memory: WebAssembly.Memory,
  ctrl: number,
  stackTops: readonly number[],
): Promise<ThreadPool | null> {
  const names = WebAssembly.Module.exports(module)
    .filter((e) => e.kind === 'function')
    .map((e) => e.name);
  const index = new Map(names.map((n, i) => [n, i]));
  const c = new Int32Array(memory.buffer, ctrl, 16);
  c.fill(0);
  const workers: AnyWorker[] = [];
  try {
    await Promise.all(
      stackTops.map(async (stackTop, i) => {
        const init = { module, memory, ctrl, stackTop, tid: i + 1, names };
        if (isNode()) {
          const wt = await import('node:worker_threads');
          const w = new wt.Worker(NODE_WORKER, { eval: true, workerData: init });
          w.unref();
          workers.push(w);
          await new Promise<void>((resolve, reject) => {
            w.once('message', () => resolve());
            w.once('error', reject);
          });
        } else if (typeof Worker !== 'undefined') {
          const url = URL.createObjectURL(new Blob([BROWSER_WORKER], { type: 'text/javascript' }));
          const w = new Worker(url);
          workers.push(w);
          await new Promise<void>((resolve, reject) => {
            w.onmessage = () => resolve();
            w.onerror = (e) => reject(e);
            w.postMessage(init);
          });
        } else {
          throw new Error('no worker support');
        }
      }),
    );
  } catch {
    for (const w of workers) w.terminate();
    return null;
  }
  const nWorkers = workers.length;
  // The browser's main thread may not block; it spins instead.
  let canWait = isNode() || typeof (globalThis as { document?: unknown }).document === 'undefined';
  return {
    run(name, args, nt, self) {
      const fi = index.get(name);
      if (fi === undefined) throw new Error(`convkit wasm: no kernel export '${name}'`);
      if (args.length > MAX_ARGS) throw new Error('convkit wasm: too many kernel arguments');
      Atomics.store(c, 1, 0);
      c[2] = nt;
      c[3] = fi;
      c[4] = args.length;
      for (let i = 0; i < args.length; i++) c[5 + i] = args[i];
      Atomics.add(c, 0, 1);
      Atomics.notify(c, 0);
      let selfError: unknown = null;
      try {
        self();
      } catch (e) {
        selfError = e;
      }
      for (;;) {
        const d = Atomics.load(c, 1);
        if (d >= nWorkers) break;
        if (canWait) {
          try {
            Atomics.wait(c, 1, d);
          } catch {
            canWait = false;
          }
        }
      }
      if (selfError) throw selfError;
      if (Atomics.exchange(c, 14, 0)) throw new Error(`convkit wasm: kernel '${name}' failed in a worker thread`);
    },
    terminate() {
      c[2] = -1;
      Atomics.add(c, 0, 1);
      Atomics.notify(c, 0);
      for (const w of workers) w.terminate();
    },
  };
}
