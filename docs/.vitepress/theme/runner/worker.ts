/**
 * Runs one compiled ```ts run``` block (see .vitepress/runnable/compile.ts):
 * `@convkit/*` imports resolve to the packages bundled into this worker
 * (`virtual:convkit-modules`, every browser entry point in packages/*), the
 * block's `console` output goes back to the page, and the outcome ends the run.
 */
import { modules } from 'virtual:convkit-modules';
import { formatArgs } from './format';
import type { RunMessage, RunRequest } from './protocol';

const post = (m: RunMessage) => (self as unknown as Worker).postMessage(m);

function lookup(specifier: string): unknown {
  const mod = modules[specifier];
  if (!mod)
    throw new Error(
      `${specifier} is not available in the browser runner (available: ${Object.keys(modules).join(', ')})`,
    );
  return mod;
}

for (const level of ['log', 'info', 'warn', 'error'] as const) {
  console[level] = (...args: unknown[]) => post({ type: 'log', level, text: formatArgs(args) });
}

function threadsOf(wasm: { getThreadsCount?: () => number }): number {
  try {
    return wasm.getThreadsCount?.() ?? 1;
  } catch {
    return 1;
  }
}

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...args: string[]
) => (...args: unknown[]) => Promise<void>;

const core = modules['@convkit/core'] as { getBackend?: () => string; setBackend?: (name: string) => Promise<unknown> };

/** The wasm backend, once per worker: a block that does not choose a backend runs where the site says it does. */
let backendReady: Promise<unknown> | undefined;

self.onmessage = async ({ data }: MessageEvent<RunRequest>) => {
  const started = performance.now();
  try {
    backendReady ??= core.setBackend?.('wasm') ?? Promise.resolve();
    await backendReady;
    await new AsyncFunction('__convkit', data.code)(lookup);
    const wasm = modules['@convkit/backend-wasm'] as { getThreadsCount?: () => number };
    const backend = core.getBackend?.() ?? 'unknown';
    post({
      type: 'done',
      ms: performance.now() - started,
      backend,
      threads: backend === 'wasm' ? threadsOf(wasm) : 1,
      isolated: self.crossOriginIsolated === true,
    });
  } catch (err) {
    const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    post({ type: 'error', text, ms: performance.now() - started });
  }
};
