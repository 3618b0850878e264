/**
 * ConvkitSparseConv2D and ConvkitSparseMatMul: inference with pruned (mostly
 * zero) weights on `ck_sparse_gemm` (csrc/sparse_gemm.c), which multiplies only
 * the nonzero weights (stored column by column, prepared once per weight
 * tensor). Bias and ReLU are fused. See `ops.sparseConv2d` in @convkit/core.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { backend_util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { getRuntime, type KernelRuntime } from '../runtime';
import { cscWeights } from './compressed-weights';
import { copyIn, copyOut, driverTuning } from './conv-driver';

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
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filter.shape as [number, number, number, number],
    attrs.strides ?? [1, 1],
    attrs.dilations ?? [1, 1],
    attrs.pad ?? 'valid',
  );
  const geometry = [
    info.batchSize,
    info.inHeight,
    info.inWidth,
    info.inChannels,
    info.outHeight,
    info.outWidth,
    info.filterHeight,
    info.filterWidth,
    info.strideHeight,
    info.strideWidth,
    info.dilationHeight,
    info.dilationWidth,
    info.padInfo.top,
    info.padInfo.left,
  ];
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
