/**
 * Starting a kernel worker thread with `node:worker_threads` (loaded on first
 * use). This is the Node build's version; the browser build (`exports`
 * condition `browser`) uses `node-worker.browser.ts`, so browser bundles
 * contain no Node built-in (browsers start Web Workers, see thread-pool.ts).
 */

/** The part of a Node `Worker` the thread pool uses. */
export interface NodeWorker {
  once(event: 'message' | 'error', listener: (value: unknown) => void): unknown;
  unref(): void;
  terminate(): unknown;
}

/** Starts `source` (CommonJS code) in a worker thread with `workerData` = `data`. */
export async function startNodeWorker(source: string, data: unknown): Promise<NodeWorker> {
  const wt = await import('node:worker_threads');
  return new wt.Worker(source, { eval: true, workerData: data });
}
