/**
 * Shared driver for the convolution kernels: copies tfjs-wasm tensors into
 * the kernel module's arena, fills a `ck_conv_params` block (csrc/ck.h),
 * runs the export on the thread pool, reduces per-thread partial sums and
 * copies the result into a fresh tfjs-wasm tensor.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { backend_util, TensorInfo } from '@tensorflow/tfjs-core';
import { kernelStats } from '../kernel-stats';
import { getRuntime, type KernelRuntime } from '../runtime';

/** Tuning knobs of the driver (tests lower `minMacsPerThread` to exercise the threaded paths). */
export const driverTuning = {
  /** Below this many multiply-adds per thread a kernel uses fewer threads (waking workers costs more). */
  minMacsPerThread: 1 << 18,
  /**
   * A single-image Conv2D runs on convkit's threaded kernel (instead of XNNPACK on one
   * thread) from about this many multiply-adds, when more than one thread is available.
   */
  minMacsSingleImage: 1 << 20,
};

/** Copies a float32 tensor of the tfjs wasm heap into the arena; returns its byte offset. */
export function copyIn(rt: KernelRuntime, backend: BackendWasm, t: TensorInfo): number {
  const t0 = kernelStats.enabled ? performance.now() : 0;
  const src = backend.typedArrayFromHeap(t) as Float32Array;
  const ptr = rt.allocF32(src.length);
  rt.f32.set(src, ptr >> 2);
  if (kernelStats.enabled) countCopyIn(t0, src.length * 4);
  return ptr;
}

/**
 * The byte offset of a float32 tensor's data in convkit's memory, for a kernel
 * that only reads it: where an earlier call left it in the copy cache (see
 * copy-cache.ts), or a fresh copy that the cache keeps for later calls (in the
 * arena when the cache cannot take it). Call after `rt.reset()`; never write
 * into the block.
 */
export function readIn(rt: KernelRuntime, backend: BackendWasm, t: TensorInfo): number {
  const src = backend.typedArrayFromHeap(t) as Float32Array;
  const bytes = src.length * 4;
  const hit = rt.cache.lookup(t.dataId, bytes);
  if (hit !== undefined) {
    if (kernelStats.enabled) {
      kernelStats.totals.cacheHits++;
      kernelStats.totals.cacheHitBytes += bytes;
    }
    return hit;
  }
  const t0 = kernelStats.enabled ? performance.now() : 0;
  let ptr = rt.cache.reserve(bytes);
  if (ptr < 0) ptr = rt.allocF32(src.length);
  else rt.ensure(ptr + bytes);
  rt.f32.set(src, ptr >> 2);
  rt.cache.commit(t.dataId, ptr, bytes);
  if (kernelStats.enabled) countCopyIn(t0, bytes);
  return ptr;
}

/**
 * A block for a kernel result of `floats` floats that `copyOutKept` can leave
 * in the copy cache (the next convkit kernel that reads the result then finds
 * it there); in the arena when the cache cannot take it.
 */
export function allocKept(rt: KernelRuntime, floats: number): number {
  const ptr = rt.cache.reserve(floats * 4);
  if (ptr < 0) return rt.allocF32(floats);
  rt.ensure(ptr + floats * 4);
  return ptr;
}

function countCopyIn(t0: number, bytes: number): void {
  kernelStats.totals.copyInMs += performance.now() - t0;
  kernelStats.totals.copyInBytes += bytes;
}

/** Makes a tfjs wasm tensor of `shape` holding the arena floats at `ptr`. */
export function copyOut(rt: KernelRuntime, backend: BackendWasm, ptr: number, shape: number[]): TensorInfo {
  const t0 = kernelStats.enabled ? performance.now() : 0;
  const out = backend.makeOutput(shape, 'float32');
  const dst = backend.typedArrayFromHeap(out) as Float32Array;
  dst.set(rt.f32.subarray(ptr >> 2, (ptr >> 2) + dst.length));
  if (kernelStats.enabled) {
    kernelStats.totals.copyOutMs += performance.now() - t0;
    kernelStats.totals.copyOutBytes += dst.length * 4;
  }
  return out;
}

/** `copyOut` of a block from `allocKept`, which the copy cache then keeps as the new tensor's data. */
export function copyOutKept(rt: KernelRuntime, backend: BackendWasm, ptr: number, shape: number[]): TensorInfo {
  const out = copyOut(rt, backend, ptr, shape);
  rt.cache.commit(out.dataId, ptr, shape.reduce((a, b) => a * b, 1) * 4);
  return out;
}

/** What a convolution kernel hands to `runConv`. */
export interface ConvJob {
  /** Kernel module export, e.g. `ck_conv2d_backprop_filter`. */
  fn: string;
  info: backend_util.Conv2DInfo;
  x?: TensorInfo;
  filter?: TensorInfo;
  dy?: TensorInfo;
  bias?: TensorInfo;
  /** Shape of the result tensor. */
  outShape: number[];
  /** The export sums over the batch into per-thread partials (filter gradients). */
  reducesBatch?: boolean;
  /** Scratch floats each thread needs (im2col chunk + GEMM packing), 0 for none. */
  scratchFloats?: number;
  /** Forward epilogue: 0 none, 1 relu. */
  act?: number;
  /** Channel multiplier (depthwise); 1 otherwise. */
  mult?: number;
  /**
   * Leave the result in the copy cache too (for results that the next convkit
   * kernel reads: conv outputs go to MaxPoolGrad, input gradients to the layer below).
   */
  keepOutput?: boolean;
  /**
   * A second result of the export's out-shape, written to the `partial` field (MaxPoolGrad's
   * ReLU-gradient product): reserved in the copy cache, and kept there under a fresh key that
   * `runConv` hands to this callback. When the cache cannot take it, the export runs with
   * `act` 0 and the callback is not called. Not with `reducesBatch`.
   */
  secondOutput?: (key: object) => void;
  /**
   * Floats the export writes after the result (reduced with it, kept out of the result
   * tensor), handed to `onTail` as a copy: the bias gradient of the one-input-channel
   * filter gradient.
   */
  tailFloats?: number;
  /** Receives the `tailFloats` floats after the result. */
  onTail?: (values: Float32Array) => void;
}

/** The pointers and flags of a `ck_conv_params` block (csrc/ck.h) after its geometry. */
export interface ConvParamFields {
  /** Channel multiplier (depthwise); 1 otherwise. */
  mult: number;
  /** Epilogue: 0 none, 1 relu. */
  act: number;
  x: number;
  w: number;
  dy: number;
  bias: number;
  out: number;
  scratch: number;
  scratchFloats: number;
  partial: number;
}

/** Writes a `ck_conv_params` block (csrc/ck.h): the geometry of `info`, then `f`; returns its offset. */
export function convParams(rt: KernelRuntime, info: backend_util.Conv2DInfo, f: ConvParamFields): number {
  return rt.params([
    info.batchSize,
    info.inHeight,
    info.inWidth,
    info.inChannels,
    info.outHeight,
    info.outWidth,
    info.outChannels,
    info.filterHeight,
    info.filterWidth,
    info.strideHeight,
    info.strideWidth,
    info.dilationHeight,
    info.dilationWidth,
    info.padInfo.top,
    info.padInfo.left,
    f.mult,
    f.act,
    f.x,
    f.w,
    f.dy,
    f.bias,
    f.out,
    f.scratch,
    f.scratchFloats,
    f.partial,
  ]);
}

/** Runs one convolution job and returns the new tensor. */
export function runConv(backend: BackendWasm, job: ConvJob): TensorInfo {
  const { info } = job;
  if (info.dataFormat !== 'channelsLast') {
    throw new Error(`convkit wasm: ${job.fn} supports NHWC only (got dataFormat '${info.dataFormat}')`);
  }
  const rt = getRuntime();
  rt.reset();
  const macs =
    info.batchSize *
    info.outHeight *
    info.outWidth *
    info.outChannels *
    info.filterHeight *
    info.filterWidth *
    (job.mult ? 1 : info.inChannels);
  const threads = rt.threadsFor(macs, driverTuning.minMacsPerThread);
  const x = job.x ? readIn(rt, backend, job.x) : 0;
  const w = job.filter ? readIn(rt, backend, job.filter) : 0;
  const dy = job.dy ? readIn(rt, backend, job.dy) : 0;
  const bias = job.bias ? readIn(rt, backend, job.bias) : 0;
  const resultSize = job.outShape.reduce((a, b) => a * b, 1);
  const outSize = resultSize + (job.tailFloats ?? 0);
  // Reduced results are written as partial sums first; those stay in the arena.
  const keep = job.keepOutput === true && !job.reducesBatch;
  const out = keep ? allocKept(rt, outSize) : rt.allocF32(outSize);
  const second = job.secondOutput && !job.reducesBatch ? rt.cache.reserve(outSize * 4) : -1;
  if (second >= 0) rt.ensure(second + outSize * 4);
  const scratchFloats = job.scratchFloats ?? 0;
  const scratch = rt.allocF32(scratchFloats * threads);
  const partial = second >= 0 ? second : job.reducesBatch && threads > 1 ? rt.allocF32(outSize * (threads - 1)) : 0;
  const params = convParams(rt, info, {
    mult: job.mult ?? 1,
    act: job.secondOutput && second < 0 ? 0 : (job.act ?? 0),
    x,
    w,
    dy,
    bias,
    out,
    scratch,
    scratchFloats,
    partial,
  });
  rt.run(job.fn, [params], threads);
  if (partial && second < 0) rt.run('ck_reduce_partials', [out, partial, outSize, threads - 1], threads);
  if (job.tailFloats && job.onTail) {
    const at = (out >> 2) + resultSize;
    job.onTail(rt.f32.slice(at, at + job.tailFloats));
  }
  const result = keep ? copyOutKept(rt, backend, out, job.outShape) : copyOut(rt, backend, out, job.outShape);
  if (second >= 0 && job.secondOutput) {
    const key = {};
    rt.cache.commit(key, second, outSize * 4);
    job.secondOutput(key);
  }
  return result;
}

/** Scratch floats per thread for the im2col + GEMM kernels with reduction length K. */
export function gemmConvScratch(info: backend_util.Conv2DInfo): number {
  const K = info.filterHeight * info.filterWidth * info.inChannels;
  return (getRuntime().exports.ck_conv2d_scratch_floats as (k: number) => number)(K);
}

/** Most filter taps (fH·fW) the one-input-channel direct kernels take (MAX_TAPS in csrc/conv1ch.c). */
const C1_MAX_TAPS = 64;

/** Whether the direct one-input-channel kernels (csrc/conv1ch.c) handle this conv. */
export function useC1Kernels(info: backend_util.Conv2DInfo): boolean {
  return (
    info.inChannels === 1 && info.filterHeight * info.filterWidth <= C1_MAX_TAPS && info.dataFormat === 'channelsLast'
  );
}

/** Scratch floats per thread of the one-input-channel kernels: one zero-padded input plane. */
export function c1ConvScratch(info: backend_util.Conv2DInfo): number {
  const h = (info.outHeight - 1) * info.strideHeight + (info.filterHeight - 1) * info.dilationHeight + 1;
  const w = (info.outWidth - 1) * info.strideWidth + (info.filterWidth - 1) * info.dilationWidth + 1;
  return Math.ceil((h * w) / 16) * 16;
}

/**
 * The 14 geometry words the compressed (int8 and sparse) conv kernels read, in their order:
 * batch, in height/width/channels, out height/width, filter height/width, strides, dilations,
 * top and left padding (no out-channel count, unlike `runConv`'s parameter block).
 */
export function compressedConvGeometry(info: backend_util.Conv2DInfo): number[] {
  return [
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
}
