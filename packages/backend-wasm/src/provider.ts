/**
 * Registers the 'wasm' backend with @convkit/core: tfjs-backend-wasm for the
 * forward kernels plus convkit's SIMD training kernels, on worker threads
 * where the platform allows.
 */
import { type BackendProvider, registerBackendProvider } from '@convkit/core';
import '@tensorflow/tfjs-backend-wasm';
import { getKernelsForBackend } from '@tensorflow/tfjs-core';
import { convkitKernelConfigs, registerConvkitKernels } from './register-all-kernels';
import { getRuntime } from './runtime';
import { configureTfjsWasmPaths } from './tfjs-wasm';

let requestedThreads: number | null = null;

function defaultThreads(): number {
  const g = globalThis as { navigator?: { hardwareConcurrency?: number } };
  const hc = g.navigator?.hardwareConcurrency;
  return Math.max(1, Math.min(typeof hc === 'number' && hc > 0 ? hc : 2, 8));
}

/**
 * Sets how many threads convkit's wasm kernels use (1 to 8; default: the
 * number of cores). Without SharedArrayBuffer (a browser page that is not
 * cross-origin isolated) it stays at 1.
 *
 * @param n - Threads wanted; clamped to 1..8 (and to 1 without SharedArrayBuffer).
 * @returns Resolves to the count in effect.
 *
 * @example
 * ```ts
 * import { setBackend } from '@convkit/core';
 * import { setThreadsCount } from '@convkit/backend-wasm';
 *
 * await setBackend('wasm');
 * const used = await setThreadsCount(4); // 1 on a page that is not cross-origin isolated
 * ```
 */
export async function setThreadsCount(n: number): Promise<number> {
  requestedThreads = n;
  return getRuntime().setThreads(n);
}

/**
 * Threads convkit's wasm kernels currently use.
 *
 * @returns 1 to 8.
 */
export function getThreadsCount(): number {
  return getRuntime().threads;
}

/**
 * Turns the copy cache on (default) or off. With it on, tensor data that
 * convkit's kernels copied into their memory, or produced there, is kept in a
 * 32 MiB ring keyed by tfjs's dataId, and a later kernel that reads the same
 * tensor (the output gradient of a conv goes to its filter gradient, input
 * gradient and bias gradient) uses it without copying it again. Off: every
 * kernel copies its inputs, as before; for comparisons and for narrowing down
 * a suspected bug.
 *
 * @param enabled - `true` to keep and reuse copies.
 */
export function setCopyCacheEnabled(enabled: boolean): void {
  getRuntime().cache.enabled = enabled;
}

/**
 * Kernel names that convkit itself implements for 'wasm' (on top of tfjs-backend-wasm).
 *
 * @returns Kernel names, e.g. `'Conv2DBackpropFilter'`.
 */
export function convkitKernelNames(): string[] {
  return convkitKernelConfigs.map((k) => k.kernelName);
}

async function initialize(): Promise<void> {
  configureTfjsWasmPaths();
  registerConvkitKernels();
  await getRuntime().setThreads(requestedThreads ?? defaultThreads());
}

/**
 * The provider handed to core.
 *
 * Registered with core when this package is imported; `setBackend('wasm')` from `@convkit/core` then initialises it.
 */
export const wasmBackendProvider: BackendProvider = {
  name: 'wasm',
  packageName: '@convkit/backend-wasm',
  initialize,
  kernels: () =>
    [...new Set([...getKernelsForBackend('wasm').map((k) => k.kernelName), ...convkitKernelNames()])].sort(),
};

registerBackendProvider(wasmBackendProvider);
