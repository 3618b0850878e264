/**
 * `@convkit/backend-webgpu` — import once to make `setBackend('webgpu')`
 * available: tfjs-backend-webgpu's WGSL kernels (every kernel convkit's layers
 * need, training included) on the GPU, in browsers with WebGPU and in Node
 * through Google's Dawn (the optional `webgpu` package).
 *
 * Reads on this backend are asynchronous only: use `await t.data()`;
 * `dataSync()` fails in Node and breaks the device in browsers. convkit's
 * training loop, metrics and callbacks read asynchronously.
 *
 * @example
 * ```ts
 * import '@convkit/backend-webgpu'; // registers 'webgpu' with @convkit/core
 * import { setBackend } from '@convkit/core';
 *
 * await setBackend('webgpu'); // BackendError naming the missing driver or flag when there is no GPU
 * ```
 *
 * @packageDocumentation
 */

export type { WebGPUOptions } from './options';
export { configureWebGPU, webgpuOptions } from './options';
export type { WebGPUAdapterInfo } from './provider';
export { webgpuAdapterInfo, webgpuBackendProvider } from './provider';
