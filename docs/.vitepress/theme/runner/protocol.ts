/** Messages between a page's `<RunExample>` and its Web Worker (runner/worker.ts). */

/** Page → worker: the compiled block (see .vitepress/runnable/compile.ts). */
export interface RunRequest {
  code: string;
}

/** Worker → page. */
export type RunMessage =
  | { type: 'log'; level: 'log' | 'info' | 'warn' | 'error'; text: string }
  | { type: 'done'; ms: number; backend: string; threads: number; isolated: boolean }
  | { type: 'error'; text: string; ms: number };
