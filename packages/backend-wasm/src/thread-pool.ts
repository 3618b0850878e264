/**
 * Worker threads that run kernel-module exports over one shared memory.
 * A job is (export name, int args, thread count nt) and is cut into nt shares
 * (the kernel's `tid` argument). The caller runs share 0, then claims and runs
 * any share no worker has claimed yet, then waits for the shares workers took.
 * So a worker that is slow to wake (asleep, or descheduled on a busy machine)
 * never holds the caller up: its share just runs on the calling thread.
 *
 * Control block (Int32 words at `ctrl`): 0 job sequence, 1 shares done by
 * workers, 2 nthreads (-1: exit), 3 export index, 4 argc, 5..13 args, 14 error
 * flag, 16 + tid: the sequence number of the last job whose share `tid` was
 * claimed (by its worker or by the caller).
 */

import { startNodeWorker } from './node-worker';

/** A started pool. */
export interface ThreadPool {
  /** Runs `share(tid)` for tid 0..nt-1 across the caller and the workers; returns when all are done. */
  run(name: string, args: readonly number[], nt: number, share: (tid: number) => void): void;
  /** Wakes sleeping workers so they spin, ready for a job posted shortly after. */
  prewake(): void;
  terminate(): void;
}

const MAX_ARGS = 9;
/** Int32 words of the control block (the runtime reserves 256 bytes for it). */
export const CONTROL_WORDS = 32;
const CLAIM = 16;

/** Polls of the done count the calling thread makes before it sleeps on it. */
const SPIN = 20000;
/**
 * Milliseconds a worker spins after a job before it sleeps. Single-image
 * inference posts a job every few hundred microseconds, and a sleeping worker
 * takes tens of microseconds to wake.
 */
const SPIN_MS = 0.3;

// Runs inside each worker; `init` = { module, memory, ctrl, stackTop, tid, names }.
const WORKER_BODY = `
const SPIN_MS = ${SPIN_MS};
function ckWorker(init, ready) {
  const inst = new WebAssembly.Instance(init.module, { env: { memory: init.memory } });
  inst.exports.__stack_pointer.value = init.stackTop;
  const c = new Int32Array(init.memory.buffer, init.ctrl, ${CONTROL_WORDS});
  const fns = init.names.map((n) => inst.exports[n]);
  const tid = init.tid;
  let seen = Atomics.load(c, 0);
  ready();
  for (;;) {
    // Spin briefly before sleeping: kernels often come back to back (a forward
    // pass at batch 1), and waking a sleeping thread costs tens of microseconds.
    // A notify without a new job (a pre-wake) just restarts the spin.
    let cur = seen;
    const end = performance.now() + SPIN_MS;
    for (let i = 1; (cur = Atomics.load(c, 0)) === seen; i++) {
      if ((i & 255) === 0 && performance.now() > end) break;
    }
    if (cur === seen) {
      Atomics.wait(c, 0, seen);
      continue;
    }
    seen = cur;
    const nt = Atomics.load(c, 2);
    if (nt < 0) return;
    if (tid >= nt) continue;
    // Claim this share of job 'seen' unless the caller already took it (or a newer job is up).
    const prev = Atomics.load(c, ${CLAIM} + tid);
    if (prev - seen >= 0 || Atomics.compareExchange(c, ${CLAIM} + tid, prev, seen) !== prev) continue;
    try {
      const argc = c[4];
      const a = [];
      for (let i = 0; i < argc; i++) a.push(c[5 + i]);
      fns[c[3]](...a, tid, nt);
    } catch (e) {
      Atomics.store(c, 14, 1);
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
  const c = new Int32Array(memory.buffer, ctrl, CONTROL_WORDS);
  c.fill(0);
  const workers: AnyWorker[] = [];
  try {
    await Promise.all(
      stackTops.map(async (stackTop, i) => {
        const init = { module, memory, ctrl, stackTop, tid: i + 1, names };
        if (isNode()) {
          const w = await startNodeWorker(NODE_WORKER, init);
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
    run(name, args, nt, share) {
      const fi = index.get(name);
      if (fi === undefined) throw new Error(`convkit wasm: no kernel export '${name}'`);
      if (args.length > MAX_ARGS) throw new Error('convkit wasm: too many kernel arguments');
      if (nt > nWorkers + 1) throw new Error(`convkit wasm: ${nt} shares for ${nWorkers + 1} threads`);
      const n = nt;
      Atomics.store(c, 1, 0);
      c[2] = n;
      c[3] = fi;
      c[4] = args.length;
      for (let i = 0; i < args.length; i++) c[5 + i] = args[i];
      const seq = (Atomics.add(c, 0, 1) + 1) | 0;
      Atomics.notify(c, 0);
      let error: unknown = null;
      const runShare = (tid: number) => {
        try {
          share(tid);
        } catch (e) {
          error ??= e;
        }
      };
      runShare(0);
      // Shares no worker has claimed yet run here.
      let byWorkers = 0;
      for (let tid = 1; tid < n; tid++) {
        const prev = Atomics.load(c, CLAIM + tid);
        if (prev !== seq && Atomics.compareExchange(c, CLAIM + tid, prev, seq) === prev) runShare(tid);
        else byWorkers++;
      }
      for (let i = 0; i < SPIN && Atomics.load(c, 1) < byWorkers; i++);
      for (;;) {
        const d = Atomics.load(c, 1);
        if (d >= byWorkers) break;
        if (canWait) {
          try {
            Atomics.wait(c, 1, d);
          } catch {
            canWait = false;
          }
        }
      }
      if (error) throw error;
      if (Atomics.exchange(c, 14, 0)) throw new Error(`convkit wasm: kernel '${name}' failed in a worker thread`);
    },
    prewake() {
      Atomics.notify(c, 0);
    },
    terminate() {
      c[2] = -1;
      Atomics.add(c, 0, 1);
      Atomics.notify(c, 0);
      for (const w of workers) w.terminate();
    },
  };
}
