/**
 * The browser build's stand-in for `node-worker.ts`: browsers have no
 * `node:worker_threads` (thread-pool.ts starts Web Workers there), so this
 * only rejects, and browser bundles contain no Node built-in.
 */
import type { NodeWorker } from './node-worker';

export type { NodeWorker } from './node-worker';

/** Rejects: worker threads of Node do not exist in a browser. */
export function startNodeWorker(_source: string, _data: unknown): Promise<NodeWorker> {
  return Promise.reject(
    new Error('node:worker_threads is not available in the browser build of @convkit/backend-wasm'),
  );
}
