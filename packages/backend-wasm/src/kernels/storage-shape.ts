/**
 * Keeps a tensor's storage shape (tfjs-backend-wasm's `dataIdMap` entry) equal
 * to its shape. Several tfjs-backend-wasm kernels compute in a flattened
 * layout and only relabel the result: GatherV2 stores `gather(x[k], idx)` as
 * `[1, 1, n, 1]`, the reductions, Concat and Transpose their internal shapes.
 * A tensor made that way (say a bias sliced by structured pruning, which a
 * variable then adopts) kept that storage shape, and the XNNPACK kernels
 * that validate a bias by its storage refused it ("FusedConv2D only supports
 * rank-1 bias but got rank 4"). The wrapped kernels give their fresh outputs
 * the storage shape of the tensor they return.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  All,
  Any,
  Concat,
  GatherV2,
  type KernelConfig,
  type KernelFunc,
  Max,
  Mean,
  Min,
  Prod,
  type TensorInfo,
  Transpose,
  util,
} from '@tensorflow/tfjs-core';
import { originalKernel } from './originals';

/**
 * Sets the storage shape of `out` to `out.shape` when `out` owns its storage
 * alone (a fresh kernel output) and the sizes agree; returns `out`.
 */
export function syncStorageShape<T extends TensorInfo | TensorInfo[]>(backend: BackendWasm, out: T): T {
  for (const t of Array.isArray(out) ? out : [out]) {
    const entry = backend.dataIdMap.get(t.dataId) as { shape: number[]; refCount?: number } | undefined;
    if (entry?.refCount !== 1 || util.arraysEqual(entry.shape, t.shape)) continue;
    if (util.sizeFromShape(entry.shape) === util.sizeFromShape(t.shape)) entry.shape = [...t.shape];
  }
  return out;
}

function wrap(kernelName: string): KernelConfig {
  const kernelFunc = (args: { backend: BackendWasm }) => {
    const original = originalKernel(kernelName);
    if (!original) throw new Error(`convkit wasm: tfjs-backend-wasm has no ${kernelName} kernel`);
    return syncStorageShape(args.backend, original(args));
  };
  return { kernelName, backendName: 'wasm', kernelFunc: kernelFunc as unknown as KernelFunc };
}

/** tfjs-backend-wasm kernels that relabel their output, wrapped (see the module comment). */
export const storageShapeConfigs: readonly KernelConfig[] = [
  GatherV2,
  Transpose,
  Concat,
  Max,
  Min,
  Mean,
  Prod,
  All,
  Any,
].map(wrap);
