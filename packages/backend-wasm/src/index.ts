/**
 * @convkit/backend-wasm — import once to make `setBackend('wasm')` available:
 * tfjs-backend-wasm's XNNPACK forward kernels plus convkit's WebAssembly SIMD
 * training kernels (csrc/), multi-threaded where SharedArrayBuffer exists.
 */

export { originalKernel as replacedTfjsWasmKernel } from './kernels/originals';
export { convkitKernelNames, getThreadsCount, setThreadsCount, wasmBackendProvider } from './provider';
export { convkitKernelConfigs, setConvkitKernelsEnabled } from './register-all-kernels';
