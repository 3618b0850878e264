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
import { packedInt8 } from './compressed-weights';
import { compressedConvGeometry, copyIn, copyOut, driverTuning } from './conv-driver';

interface QuantAttrs {
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
  const w = packedInt8(backend, weight, a.weightScales);
  // Packed once per weight and kept in the kernel memory: no copy of the weights per call.
  const B = rt.resident(w, w.packed.length, (ptr) =>
    new Int8Array(rt.memory.buffer, ptr, w.packed.length).set(w.packed),
  );
  const xf = copyIn(rt, backend, x);
  const width = Math.ceil(w.N / 8) * 8;
  const scale = rt.allocF32(width);
  const biasPtr = rt.allocF32(width);
  const f32 = rt.f32;
  for (let n = 0; n < width; n++) {
    f32[(scale >> 2) + n] = n < w.N ? a.inScale * a.weightScales[n] : 0;
    f32[(biasPtr >> 2) + n] = 0;
  }
  if (bias) f32.set(backend.typedArrayFromHeap(bias) as Float32Array, biasPtr >> 2);
  const out = rt.allocF32(M * w.N);
  const scratchElems = (rt.exports.ck_qgemm_scratch_elems as (kp: number) => number)(w.Kp);
  const scratch = rt.alloc(scratchElems * 2 * threads);
  const quant = a.outScale > 0 ? 1 : 0;
  // A conv's input goes to codes once (ck_quant_codes), its im2col rows then copy them.
  const nIn = x.shape.reduce((p, d) => p * d, 1);
  const codes = geometry ? rt.alloc(nIn * 2) : 0;
  const params = block(
    rt,
    [
      M,
      w.N,
      w.Kp,
      a.activation === 'relu' ? 1 : 0,
      quant,
      a.outZeroPoint,
      a.outScale,
      quant ? 1 / a.outScale : 0,
      B,
      out,
      scale,
      biasPtr,
      geometry ? 1 : 0,
      w.K,
      -128 - a.inZeroPoint,
      127 - a.inZeroPoint,
      a.inScale,
      0,
      xf,
      ...(geometry ?? new Array(14).fill(0)),
      scratch,
      codes,
    ],
    [6, 7, 16, 17],
  );
  if (geometry) {
    const cp = rt.params([params, nIn, codes]);
    rt.run('ck_quant_codes', [cp], Math.max(1, Math.min(threads, Math.floor(nIn / (1 << 14)))));
  }
  rt.run('ck_qgemm', [params], threads);
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
