/**
 * ConvkitQConv2D and ConvkitQMatMul: int8 inference on integer SIMD kernels
 * (csrc/int8_gemm.c). The float input is rounded to its int8 grid
 * and laid out as int16 codes minus the zero point (im2col rows for
 * convolutions), multiplied with the packed int8 weights (`ck_qgemm`, int32
 * accumulation with i32x4.dot_i16x8_s) and requantized in the epilogue: per
 * channel scale, bias, ReLU and the output's int8 rounding. See
 * `ops.quantizedConv2d` in @convkit/core for the semantics.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { backend_util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { getRuntime, type KernelRuntime } from '../runtime';
import { type PackedInt8, packedInt8 } from './compressed-weights';
import { compressedConvGeometry, copyIn, copyOut, driverTuning } from './conv-driver';

/** The int8 attributes of ConvkitQConv2D / ConvkitQMatMul (core's `quantKernelAttrs`). */
export interface QuantAttrs {
  activation: 'linear' | 'relu';
  inScale: number;
  inZeroPoint: number;
  weightScales: number[];
  outScale: number;
  outZeroPoint: number;
}

interface QConvAttrs extends QuantAttrs {
  strides: [number, number];
  pad: 'valid' | 'same';
  dilations: [number, number];
}

/** Writes a parameter block: integers, except the indices in `floats`, written as float32. */
function block(rt: KernelRuntime, fields: readonly number[], floats: readonly number[] = []): number {
  const ptr = rt.params(fields);
  for (const i of floats) rt.f32[(ptr >> 2) + i] = fields[i];
  return ptr;
}

/** Conv geometry of `ck_qgemm` (zeros for a matrix product). */
type Geometry = readonly number[];

/** One `ck_qgemm` call: the packed weight already resident at `B`, the input and output in the arena. */
export interface QGemmJob {
  /** Rows of the product (batch × output pixels for a convolution). */
  M: number;
  w: PackedInt8;
  /** Arena offset of `w.packed`. */
  B: number;
  bias: TensorInfo | undefined;
  a: QuantAttrs;
  /** `compressedConvGeometry` of a convolution, null for a matrix product. */
  geometry: Geometry | null;
  /** Float input (0 when `codes` is given). */
  x: number;
  /** The input as int16 codes minus the input zero point, or 0 (floats at `x`, rounded in the kernel). */
  codes: number;
  /** Float output `[M, N]`, or 0 with `outCodes`. */
  out: number;
  /** Output as int16 codes minus the output zero point (needs `a.outScale > 0`), or 0. */
  outCodes: number;
  threads: number;
}

/** The packed int8 codes of `weight`, resident in the kernel memory (call right after `rt.reset()`). */
export function residentInt8(
  rt: KernelRuntime,
  backend: BackendWasm,
  weight: TensorInfo,
  scales: readonly number[],
): { w: PackedInt8; B: number } {
  const w = packedInt8(backend, weight, scales);
  // Packed once per weight and kept in the kernel memory: no copy of the weights per call.
  const B = rt.resident(w, w.packed.byteLength, (ptr) =>
    new Uint8Array(rt.memory.buffer, ptr, w.packed.byteLength).set(
      new Uint8Array(w.packed.buffer, w.packed.byteOffset, w.packed.byteLength),
    ),
  );
  return { w, B };
}

/**
 * The input codes of a convolution as the direct kernel reads them (no im2col rows): as they
 * are when no window reaches past the input, else copied into a zero-bordered block
 * (`ck_chain_pad`). Null when the input channels are odd (a k pair would straddle two taps).
 */
function directLayout(
  rt: KernelRuntime,
  g: Geometry,
  codes: number,
  threads: number,
): { codes: number; PH: number; PW: number } | null {
  const [batch, inH, inW, inC, outH, outW, fH, fW, sH, sW, dH, dW, padTop, padLeft] = g;
  if (inC % 2 !== 0) return null;
  const PH = (outH - 1) * sH + (fH - 1) * dH + 1;
  const PW = (outW - 1) * sW + (fW - 1) * dW + 1;
  if (padTop === 0 && padLeft === 0 && PH <= inH && PW <= inW) return { codes, PH: inH, PW: inW };
  const padded = rt.alloc(batch * PH * PW * inC * 2);
  const params = rt.params([batch, inH, inW, inC, PH, PW, padTop, padLeft, codes, padded]);
  rt.run('ck_chain_pad', [params], Math.max(1, Math.min(threads, batch)));
  return { codes: padded, PH, PW };
}

/** Fills the parameter block of `ck_qgemm` for `job` and runs it. */
export function runQGemm(rt: KernelRuntime, backend: BackendWasm, job: QGemmJob): void {
  const { w, a, geometry, threads } = job;
  const width = Math.ceil(w.N / 8) * 8;
  const scale = rt.allocF32(width);
  const biasPtr = rt.allocF32(width);
  const f32 = rt.f32;
  for (let n = 0; n < width; n++) {
    f32[(scale >> 2) + n] = n < w.N ? a.inScale * a.weightScales[n] : 0;
    f32[(biasPtr >> 2) + n] = 0;
  }
  if (job.bias) f32.set(backend.typedArrayFromHeap(job.bias) as Float32Array, biasPtr >> 2);
  const scratchElems = (rt.exports.ck_qgemm_scratch_elems as (kp: number) => number)(w.Kp);
  const scratch = rt.alloc(scratchElems * 2 * threads);
  const quant = a.outScale > 0 ? 1 : 0;
  const direct = geometry && job.codes ? directLayout(rt, geometry, job.codes, threads) : null;
  if (!direct !== w.packed instanceof Int8Array) {
    throw new Error('convkit wasm: ck_qgemm: the weight panels are not packed for this kernel path');
  }
  const params = block(
    rt,
    [
      job.M,
      w.N,
      w.Kp,
      a.activation === 'relu' ? 1 : 0,
      quant,
      a.outZeroPoint,
      a.outScale,
      quant ? 1 / a.outScale : 0,
      job.B,
      job.out,
      scale,
      biasPtr,
      geometry ? 1 : 0,
      w.K,
      -128 - a.inZeroPoint,
      127 - a.inZeroPoint,
      a.inScale,
      0,
      job.x,
      ...(geometry ?? new Array(14).fill(0)),
      scratch,
      direct ? direct.codes : job.codes,
      quant ? job.outCodes : 0,
      direct ? 1 : 0,
      direct?.PH ?? 0,
      direct?.PW ?? 0,
    ],
    [6, 7, 16, 17],
  );
  rt.run('ck_qgemm', [params], threads);
}

/**
 * Runs `ck_qgemm` over the float input at `x`: `M` rows of `K` values (or the im2col rows
 * of a convolution when `geometry` is given), each rounded to the input's int8 grid inside
 * the kernel, times the packed int8 weight. Returns the float output `[M, N]`'s offset.
 */
function qgemm(
  rt: KernelRuntime,
  backend: BackendWasm,
  x: TensorInfo,
  M: number,
  weight: TensorInfo,
  bias: TensorInfo | undefined,
  a: QuantAttrs,
  geometry: Geometry | null,
  threads: number,
): number {
  const { w, B } = residentInt8(rt, backend, weight, a.weightScales);
  const xf = copyIn(rt, backend, x);
  const out = rt.allocF32(M * w.N);
  // A conv's input goes to codes once (ck_chain_quant), its im2col rows then copy them.
  const nIn = x.shape.reduce((p, d) => p * d, 1);
  let codes = 0;
  if (geometry) {
    codes = rt.alloc(nIn * 2);
    const cp = rt.params([nIn, -128 - a.inZeroPoint, 127 - a.inZeroPoint, 0, xf, codes]);
    rt.f32[(cp >> 2) + 3] = a.inScale;
    rt.run('ck_chain_quant', [cp], Math.max(1, Math.min(threads, Math.floor(nIn / (1 << 14)))));
  }
  runQGemm(rt, backend, { M, w, B, bias, a, geometry, x: xf, codes, out, outCodes: 0, threads });
  return out;
}

function qConv2D(args: {
  inputs: { x: TensorInfo; filter: TensorInfo; bias?: TensorInfo };
  backend: BackendWasm;
  attrs: QConvAttrs;
}) {
  const { inputs, backend, attrs } = args;
  const { x, filter, bias } = inputs;
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filter.shape as [number, number, number, number],
    attrs.strides,
    attrs.dilations,
    attrs.pad,
  );
  const rt = getRuntime();
  rt.reset();
  const M = info.batchSize * info.outHeight * info.outWidth;
  const K = info.filterHeight * info.filterWidth * info.inChannels;
  const threads = rt.threadsFor(M * K * info.outChannels, driverTuning.minMacsPerThread * 2);
  const geometry = compressedConvGeometry(info);
  const out = qgemm(rt, backend, x, M, filter, bias, attrs, geometry, threads);
  return copyOut(rt, backend, out, info.outShape);
}

function qMatMul(args: {
  inputs: { x: TensorInfo; kernel: TensorInfo; bias?: TensorInfo };
  backend: BackendWasm;
  attrs: QuantAttrs;
}) {
  const { inputs, backend, attrs } = args;
  const { x, kernel, bias } = inputs;
  const [M, K] = x.shape;
  const N = kernel.shape[1];
  const rt = getRuntime();
  rt.reset();
  const threads = rt.threadsFor(M * K * N, driverTuning.minMacsPerThread * 2);
  const out = qgemm(rt, backend, x, M, kernel, bias, attrs, null, threads);
  return copyOut(rt, backend, out, [M, N]);
}

function fakeQuantize(args: {
  inputs: { x: TensorInfo };
  backend: BackendWasm;
  attrs: { scale: number; zeroPoint: number };
}) {
  const { inputs, backend, attrs } = args;
  const rt = getRuntime();
  rt.reset();
  const n = inputs.x.shape.reduce((a, b) => a * b, 1);
  const threads = rt.threadsFor(n, 1 << 16);
  const x = copyIn(rt, backend, inputs.x);
  const params = block(rt, [n, attrs.zeroPoint, attrs.scale, 1 / attrs.scale, x], [2, 3]);
  rt.run('ck_fake_quant', [params], threads);
  return copyOut(rt, backend, x, [...inputs.x.shape]);
}

/** ConvkitFakeQuantize for backend 'wasm' (see `ops.fakeQuantize`). */
export const fakeQuantizeConfig: KernelConfig = {
  kernelName: 'ConvkitFakeQuantize',
  backendName: 'wasm',
  kernelFunc: fakeQuantize as unknown as KernelFunc,
};

/** ConvkitQConv2D for backend 'wasm' (see `ops.quantizedConv2d`). */
export const quantizedConv2DConfig: KernelConfig = {
  kernelName: 'ConvkitQConv2D',
  backendName: 'wasm',
  kernelFunc: qConv2D as unknown as KernelFunc,
};

/** ConvkitQMatMul for backend 'wasm' (see `ops.quantizedMatMul`). */
export const quantizedMatMulConfig: KernelConfig = {
  kernelName: 'ConvkitQMatMul',
  backendName: 'wasm',
  kernelFunc: qMatMul as unknown as KernelFunc,
};
