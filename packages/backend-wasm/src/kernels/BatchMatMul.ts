/**
 * BatchMatMul: convkit's packed SIMD GEMM on the thread pool (transposes are
 * handled by the packing, batch dims of 1 broadcast). Tiny products stay on
 * tfjs-backend-wasm's kernel, where waking threads and packing cost more.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  BatchMatMul,
  type BatchMatMulAttrs,
  type BatchMatMulInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { getRuntime } from '../runtime';
import { allocKept, copyOutKept, driverTuning, readIn } from './conv-driver';
import { originalKernel } from './originals';
import { syncStorageShape } from './storage-shape';

function batchMatMul(args: { inputs: BatchMatMulInputs; backend: BackendWasm; attrs: BatchMatMulAttrs }) {
  const { inputs, backend, attrs } = args;
  const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
  const { transposeA, transposeB } = attrs;
  const fallback = originalKernel(BatchMatMul);
  const ra = a.shape.length;
  const rb = b.shape.length;
  const M = transposeA ? a.shape[ra - 1] : a.shape[ra - 2];
  const K = transposeA ? a.shape[ra - 2] : a.shape[ra - 1];
  const N = transposeB ? b.shape[rb - 2] : b.shape[rb - 1];
  const batchA = a.shape.slice(0, -2).reduce((x, y) => x * y, 1);
  const batchB = b.shape.slice(0, -2).reduce((x, y) => x * y, 1);
  const sameOrBroadcast = batchA === batchB || batchA === 1 || batchB === 1;
  const batch = Math.max(batchA, batchB);
  const macs = batch * M * N * K;
  if (fallback && (!sameOrBroadcast || ra !== rb || batch * M < 16 || macs < 1 << 16 || a.dtype !== 'float32')) {
    return syncStorageShape(backend, fallback(args));
  }
  const rt = getRuntime();
  rt.reset();
  const threads = rt.threadsFor(macs, driverTuning.minMacsPerThread);
  const pa = readIn(rt, backend, a);
  const pb = readIn(rt, backend, b);
  // The result is often the next convkit kernel's input (dense input gradient -> MaxPoolGrad).
  const pc = allocKept(rt, batch * M * N);
  const workFloats = (rt.exports.ck_gemm_work_floats as () => number)();
  const work = rt.allocF32(workFloats * threads);
  const params = rt.params([
    M,
    N,
    K,
    pa,
    pb,
    pc,
    transposeA ? 1 : 0,
    transposeB ? 1 : 0,
    batch,
    batchA === 1 ? 0 : M * K,
    batchB === 1 ? 0 : K * N,
    work,
    workFloats,
  ]);
  rt.run('ck_matmul', [params], threads);
  const outShape = [...(batchA >= batchB ? a.shape : b.shape).slice(0, -2), M, N];
  return copyOutKept(rt, backend, pc, outShape);
}

/** Kernel config for tfjs-core's registry (wraps tfjs-backend-wasm's for tiny products). */
export const batchMatMulConfig: KernelConfig = {
  kernelName: BatchMatMul,
  backendName: 'wasm',
  kernelFunc: batchMatMul as unknown as KernelFunc,
};
