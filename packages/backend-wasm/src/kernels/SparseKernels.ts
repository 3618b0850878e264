/**
 * ConvkitSparseConv2D and ConvkitSparseMatMul: inference with pruned (mostly
 * zero) weights on `ck_sparse_gemm` (csrc/sparse_gemm.c), which multiplies only
 * the nonzero weights (stored column by column, prepared once per weight
 * tensor). Bias and ReLU are fused. See `ops.sparseConv2d` in @convkit/core.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  BatchMatMul,
  backend_util,
  FusedConv2D,
  getKernel,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { getRuntime, type KernelRuntime } from '../runtime';
import { cscWeights } from './compressed-weights';
import { compressedConvGeometry, copyIn, copyOut, driverTuning } from './conv-driver';
import { addBiasAndActivate } from './fused-epilogue';
import { syncStorageShape } from './storage-shape';

/**
 * Most nonzeros (as a fraction of the weight) for which the sparse kernels run; denser
 * weights run on the dense fused kernels. Measured on 2 cores with the reference CNN's
 * layers (bench/compressed-inference.mjs prints the table): the sparse conv wins up to
 * about half nonzeros, the sparse product over several rows up to about 30%, and a
 * single-row product (batch-1 Dense: a memory-bound matrix-vector product) only at
 * about 10%. Tests set them to 1 to force the sparse kernels.
 */
export const sparseTuning = {
  /** Sparse convolutions: at most this fraction of nonzeros. */
  maxDensityConv: 0.5,
  /** Sparse products with 4 rows or more. */
  maxDensityMatMul: 0.3,
  /** Sparse products with fewer than 4 rows (batch-1 Dense layers). */
  maxDensityFewRows: 0.12,
};

/** Whether the weight has few enough nonzeros for the sparse kernel to beat the dense one. */
function sparseEnough(backend: BackendWasm, w: TensorInfo, maxDensity: number): boolean {
  const csc = cscWeights(backend, w);
  return csc.colPtr[csc.N] <= maxDensity * csc.K * csc.N;
}

function runDense(name: string, inputs: Record<string, TensorInfo | undefined>, attrs: object, backend: BackendWasm) {
  const kernel = getKernel(name, 'wasm');
  if (!kernel) throw new Error(`convkit wasm: the ${name} kernel is not registered`);
  const defined = Object.fromEntries(Object.entries(inputs).filter(([, v]) => v !== undefined));
  return kernel.kernelFunc({ inputs: defined, attrs, backend } as never) as TensorInfo;
}

interface SparseAttrs {
  activation: 'linear' | 'relu';
  strides?: [number, number];
  pad?: 'valid' | 'same';
  dilations?: [number, number];
}

function copyInts(rt: KernelRuntime, v: Int32Array): number {
  const ptr = rt.alloc(v.length * 4);
  rt.i32.set(v, ptr >> 2);
  return ptr;
}

function runSparse(
  backend: BackendWasm,
  x: TensorInfo,
  weight: TensorInfo,
  bias: TensorInfo | undefined,
  act: number,
  M: number,
  geometry: number[] | null,
  outShape: number[],
): TensorInfo {
  const rt = getRuntime();
  rt.reset();
  const w = cscWeights(backend, weight);
  const tiles = Math.ceil(M / (M >= 16 ? 16 : 4));
  const threads = Math.min(rt.threadsFor(M * w.colPtr[w.N] * 4, driverTuning.minMacsPerThread), Math.max(tiles, 2));
  const A = copyIn(rt, backend, x);
  const colPtr = copyInts(rt, w.colPtr);
  const rowIdx = copyInts(rt, w.rowIdx);
  const vals = rt.allocF32(w.vals.length);
  rt.f32.set(w.vals, vals >> 2);
  const b = bias ? copyIn(rt, backend, bias) : 0;
  const out = rt.allocF32(M * w.N);
  const scratchFloats = (rt.exports.ck_sparse_scratch_floats as (k: number, n: number) => number)(w.K, w.N);
  const scratch = rt.allocF32(scratchFloats * threads);
  const params = rt.params([
    M,
    w.N,
    w.K,
    act,
    geometry ? 1 : 0,
    ...(geometry ?? new Array(14).fill(0)),
    A,
    colPtr,
    rowIdx,
    vals,
    b,
    out,
    scratch,
    scratchFloats,
  ]);
  rt.run('ck_sparse_gemm', [params], threads);
  return copyOut(rt, backend, out, outShape);
}

function sparseConv2D(args: {
  inputs: { x: TensorInfo; filter: TensorInfo; bias?: TensorInfo };
  backend: BackendWasm;
  attrs: SparseAttrs;
}) {
  const { inputs, backend, attrs } = args;
  const { x, filter, bias } = inputs;
  if (!sparseEnough(backend, filter, sparseTuning.maxDensityConv)) {
    const dense = {
      strides: attrs.strides ?? [1, 1],
      pad: attrs.pad ?? 'valid',
      dilations: attrs.dilations ?? [1, 1],
      dataFormat: 'NHWC',
      activation: attrs.activation,
    };
    return runDense(FusedConv2D, { x, filter, bias }, dense, backend);
  }
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filter.shape as [number, number, number, number],
    attrs.strides ?? [1, 1],
    attrs.dilations ?? [1, 1],
    attrs.pad ?? 'valid',
  );
  const geometry = compressedConvGeometry(info);
  const M = info.batchSize * info.outHeight * info.outWidth;
  return runSparse(backend, x, filter, bias, attrs.activation === 'relu' ? 1 : 0, M, geometry, info.outShape);
}

function sparseMatMul(args: {
  inputs: { x: TensorInfo; kernel: TensorInfo; bias?: TensorInfo };
  backend: BackendWasm;
  attrs: SparseAttrs;
}) {
  const { inputs, backend, attrs } = args;
  const { x, kernel, bias } = inputs;
  const limit = x.shape[0] < 4 ? sparseTuning.maxDensityFewRows : sparseTuning.maxDensityMatMul;
  if (!sparseEnough(backend, kernel, limit)) {
    // tfjs's fused matMul kernels take rank-3 operands (the op reshapes them): relabel, then back.
    const [M, K] = x.shape;
    const N = kernel.shape[1];
    const a = { ...x, shape: [1, M, K] };
    const b = { ...kernel, shape: [1, K, N] };
    const product = runDense(BatchMatMul, { a, b }, { transposeA: false, transposeB: false }, backend);
    const y = addBiasAndActivate(backend, product, bias, attrs.activation, undefined, undefined);
    return syncStorageShape(backend, { dataId: y.dataId, shape: [M, N], dtype: y.dtype });
  }
  const M = x.shape[0];
  return runSparse(backend, x, kernel, bias, attrs.activation === 'relu' ? 1 : 0, M, null, [M, kernel.shape[1]]);
}

/** ConvkitSparseConv2D for backend 'wasm' (see `ops.sparseConv2d`). */
export const sparseConv2DConfig: KernelConfig = {
  kernelName: 'ConvkitSparseConv2D',
  backendName: 'wasm',
  kernelFunc: sparseConv2D as unknown as KernelFunc,
};

/** ConvkitSparseMatMul for backend 'wasm' (see `ops.sparseMatMul`). */
export const sparseMatMulConfig: KernelConfig = {
  kernelName: 'ConvkitSparseMatMul',
  backendName: 'wasm',
  kernelFunc: sparseMatMul as unknown as KernelFunc,
};
