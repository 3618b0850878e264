/**
 * `@convkit/backend-wasm` — import once to make `setBackend('wasm')` available:
 * tfjs-backend-wasm's XNNPACK forward kernels plus convkit's WebAssembly SIMD
 * training kernels, multi-threaded where SharedArrayBuffer exists (Node, and
 * cross-origin isolated pages; see {@link setThreadsCount}).
 *
 * @example
 * ```ts
 * import { setBackend } from '@convkit/core';
 * import '@convkit/backend-wasm';
 *
 * await setBackend('wasm');
 * ```
 *
 * @packageDocumentation
 */

export { type KernelStats, readKernelStats, setKernelStatsEnabled } from './kernel-stats';
export { convFilterGradTuning } from './kernels/Conv2DBackpropFilter';
export { maxPoolGradTuning } from './kernels/MaxPoolGrad';
export { originalKernel as replacedTfjsWasmKernel } from './kernels/originals';
export { sparseTuning } from './kernels/SparseKernels';
export {
  convkitKernelNames,
  getThreadsCount,
  setCopyCacheEnabled,
  setThreadsCount,
  wasmBackendProvider,
} from './provider';
export { convkitKernelConfigs, setConvkitKernelsEnabled } from './register-all-kernels';
