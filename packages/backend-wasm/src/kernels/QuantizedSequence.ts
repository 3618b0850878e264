/**
 * ConvkitQSequence: a whole chain of int8 inference stages in one kernel call
 * (see `ops.quantizedSequence` in @convkit/core). The input is copied into the
 * kernel memory once; between stages the activations stay there as int16
 * codes minus their zero point (what `ck_qgemm`'s rows hold): the first, float,
 * convolution is rounded to codes once, max-pooling works on codes (csrc/int8_chain.c),
 * each int8 convolution / dense layer reads codes and writes its output's codes
 * (`ck_qgemm` with `outCodes`), and only the last stage's output goes back to
 * floats and into a tfjs tensor. Each stage picks its own thread count.
 * A sample whose input holds NaN or ±Infinity gets an all-NaN output row
 * (the integer stages alone would give it finite values).
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { backend_util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { getRuntime, type KernelRuntime } from '../runtime';
import type { PackedInt8 } from './compressed-weights';
import {
  c1ConvScratch,
  compressedConvGeometry,
  convParams,
  copyIn,
  copyOut,
  driverTuning,
  gemmConvScratch,
  useC1Kernels,
} from './conv-driver';
import { residentInt8, runQGemm } from './QuantizedKernels';

interface Grid {
  scale: number;
  zeroPoint: number;
}

/** A stage as core's `ops.quantizedSequence` hands it over (`QuantizedStageAttrs`). */
type StageAttrs =
  | {
      kind: 'conv2d' | 'dense';
      weight: string;
      bias: string;
      strides: [number, number];
      pad: 'valid' | 'same';
      dilations: [number, number];
      activation: 'linear' | 'relu';
      weightScales: number[];
      input: Grid | null;
      output: Grid | null;
    }
  | { kind: 'maxPool'; poolSize: [number, number]; strides: [number, number]; pad: 'valid' | 'same' }
  | { kind: 'flatten' }
  | { kind: 'softmax' };

/**
 * Where the activations are: floats, or codes minus the zero point of `grid`. Floats with
 * `pending` are still to be rounded to that grid (a max-pool right after does both in one pass).
 */
interface State {
  ptr: number;
  shape: number[];
  grid: Grid | null;
  pending?: Grid;
}

/** The state with its pending rounding done. */
function settle(rt: KernelRuntime, s: State): State {
  return s.pending ? toCodes(rt, { ...s, pending: undefined }, s.pending) : s;
}

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** Floats at `s` to codes on `grid` (a new block). */
function toCodes(rt: KernelRuntime, s: State, grid: Grid): State {
  const n = size(s.shape);
  const codes = rt.alloc(n * 2);
  const p = rt.params([n, -128 - grid.zeroPoint, 127 - grid.zeroPoint, 0, s.ptr, codes]);
  rt.f32[(p >> 2) + 3] = grid.scale;
  rt.run('ck_chain_quant', [p], rt.threadsFor(n, 1 << 14));
  return { ptr: codes, shape: s.shape, grid };
}

/** Codes at `s` back to floats (a new block). */
function toFloats(rt: KernelRuntime, s: State): State {
  if (!s.grid) return s;
  const n = size(s.shape);
  const out = rt.allocF32(n);
  const p = rt.params([n, 0, s.ptr, out]);
  rt.f32[(p >> 2) + 1] = s.grid.scale;
  rt.run('ck_chain_dequant', [p], rt.threadsFor(n, 1 << 15));
  return { ptr: out, shape: s.shape, grid: null };
}

/** The state as codes on `grid`: as it is, or rounded (floats), or re-rounded (codes on another grid). */
function codesOn(rt: KernelRuntime, s: State, grid: Grid): State {
  if (s.grid && s.grid.scale === grid.scale && s.grid.zeroPoint === grid.zeroPoint) return s;
  return toCodes(rt, toFloats(rt, s), grid);
}

function floatConv(
  rt: KernelRuntime,
  backend: BackendWasm,
  s: State,
  st: Extract<StageAttrs, { kind: 'conv2d' | 'dense' }>,
  filter: TensorInfo,
  bias: TensorInfo | undefined,
  pool?: Extract<StageAttrs, { kind: 'maxPool' }>,
): State {
  const x = toFloats(rt, s);
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filter.shape as [number, number, number, number],
    st.strides,
    st.dilations,
    st.pad,
  );
  const c1 = useC1Kernels(info);
  const macs = size(info.outShape) * info.filterHeight * info.filterWidth * info.inChannels;
  const threads = rt.threadsFor(macs, driverTuning.minMacsPerThread);
  const w = copyIn(rt, backend, filter);
  const b = bias ? copyIn(rt, backend, bias) : 0;
  // With a max-pool next and a grid to round to: image by image, conv → pool → codes (ck_chain_conv_pool).
  const fused = pool && st.output ? pool : undefined;
  const out = fused ? 0 : rt.allocF32(size(info.outShape));
  const scratchFloats = c1 ? c1ConvScratch(info) : gemmConvScratch(info);
  const scratch = rt.allocF32(scratchFloats * threads);
  const params = convParams(rt, info, {
    mult: 1,
    act: st.activation === 'relu' ? 1 : 0,
    x: x.ptr,
    w,
    dy: 0,
    bias: b,
    out,
    scratch,
    scratchFloats,
    partial: 0,
  });
  const y: State = { ptr: out, shape: [...info.outShape], grid: null, pending: st.output ?? undefined };
  if (!fused) {
    rt.run(c1 ? 'ck_conv2d_c1' : 'ck_conv2d', [params], threads);
    return y;
  }
  const nt = Math.min(threads, info.batchSize);
  const imageFloats = size(info.outShape) / info.batchSize;
  const tmp = rt.allocF32(imageFloats * nt);
  const pooled = poolJob(rt, y, fused);
  const job = rt.params([params, pooled.params, tmp, imageFloats, c1 ? 1 : 0]);
  rt.run('ck_chain_conv_pool', [job], nt);
  return pooled.state;
}

function int8Layer(
  rt: KernelRuntime,
  backend: BackendWasm,
  s: State,
  st: Extract<StageAttrs, { kind: 'conv2d' | 'dense' }>,
  weight: TensorInfo,
  packed: { w: PackedInt8; B: number },
  bias: TensorInfo | undefined,
): State {
  const input = codesOn(rt, s, st.input as Grid);
  const { w } = packed;
  let M: number;
  let geometry: number[] | null = null;
  let outShape: number[];
  if (st.kind === 'conv2d') {
    const info = backend_util.computeConv2DInfo(
      input.shape as [number, number, number, number],
      weight.shape as [number, number, number, number],
      st.strides,
      st.dilations,
      st.pad,
    );
    M = info.batchSize * info.outHeight * info.outWidth;
    geometry = compressedConvGeometry(info);
    outShape = [...info.outShape];
  } else {
    M = input.shape[0];
    outShape = [M, w.N];
  }
  const threads = rt.threadsFor(M * w.K * w.N, driverTuning.minMacsPerThread * 2);
  const a = {
    activation: st.activation,
    inScale: (st.input as Grid).scale,
    inZeroPoint: (st.input as Grid).zeroPoint,
    weightScales: st.weightScales,
    outScale: st.output?.scale ?? 0,
    outZeroPoint: st.output?.zeroPoint ?? 0,
  };
  const out = st.output ? 0 : rt.allocF32(M * w.N);
  const outCodes = st.output ? rt.alloc(M * w.N * 2) : 0;
  runQGemm(rt, backend, { M, w, B: packed.B, bias, a, geometry, x: 0, codes: input.ptr, out, outCodes, threads });
  return { ptr: st.output ? outCodes : out, shape: outShape, grid: st.output };
}

/** The parameter block of a max-pool of `s` (codes, floats, or floats with a pending rounding) and its result. */
function poolJob(rt: KernelRuntime, s: State, st: Extract<StageAttrs, { kind: 'maxPool' }>) {
  const info = backend_util.computePool2DInfo(
    s.shape as [number, number, number, number],
    st.poolSize,
    st.strides,
    1,
    st.pad,
  );
  const n = size(info.outShape);
  const codes = s.grid || s.pending;
  const out = rt.alloc(n * (codes ? 2 : 4));
  const params = rt.params([
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
    info.padInfo.top,
    info.padInfo.left,
    s.ptr,
    out,
    ...(s.pending ? [-128 - s.pending.zeroPoint, 127 - s.pending.zeroPoint, 0] : []),
  ]);
  if (s.pending) rt.f32[(params >> 2) + 16] = s.pending.scale;
  const fn = s.pending ? 'ck_chain_maxpool_quant' : s.grid ? 'ck_chain_maxpool' : 'ck_chain_maxpool_f32';
  const state: State = { ptr: out, shape: [...info.outShape], grid: codes ?? null };
  return { params, fn, n, state };
}

function maxPool(rt: KernelRuntime, s: State, st: Extract<StageAttrs, { kind: 'maxPool' }>): State {
  const job = poolJob(rt, s, st);
  rt.run(job.fn, [job.params], rt.threadsFor(job.n * 4, 1 << 15));
  return job.state;
}

/** Softmax over the last axis of the floats at `s`, in place (doubles, as few values as a classifier has). */
function softmax(rt: KernelRuntime, s: State): State {
  const x = toFloats(rt, s);
  const n = s.shape[s.shape.length - 1];
  const rows = size(s.shape) / n;
  const f = rt.f32;
  for (let r = 0, o = x.ptr >> 2; r < rows; r++, o += n) {
    let max = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) max = Math.max(max, f[o + i]);
    let sum = 0;
    for (let i = 0; i < n; i++) sum += Math.exp(f[o + i] - max);
    for (let i = 0; i < n; i++) f[o + i] = Math.exp(f[o + i] - max) / sum;
  }
  return x;
}

function qSequence(args: {
  inputs: Record<string, TensorInfo>;
  backend: BackendWasm;
  attrs: { stages: StageAttrs[] };
}) {
  const { inputs, backend, attrs } = args;
  const stages = attrs.stages;
  const rt = getRuntime();
  rt.reset();
  // Packed int8 weights first (resident blocks come before any arena block). Should the resident
  // region start over while they are placed, the blocks placed before are gone: place them again.
  const resident = () =>
    stages.map((st) =>
      (st.kind === 'conv2d' || st.kind === 'dense') && st.input
        ? residentInt8(rt, backend, inputs[st.weight], st.weightScales)
        : null,
    );
  const generation = rt.residentGeneration;
  let packed = resident();
  if (rt.residentGeneration !== generation) {
    const again = rt.residentGeneration;
    packed = resident();
    if (rt.residentGeneration !== again) {
      throw new Error(
        'convkit wasm: ConvkitQSequence: the int8 weights of this chain exceed the 64 MiB resident region',
      );
    }
  }
  const x = inputs.x;
  let s: State = { ptr: copyIn(rt, backend, x), shape: [...x.shape], grid: null };
  const bad = nonFiniteRows(rt.f32, s.ptr >> 2, x.shape[0], size(x.shape.slice(1)));
  for (let i = 0; i < stages.length; i++) {
    const st = stages[i];
    if (st.kind !== 'maxPool' && st.kind !== 'flatten') s = settle(rt, s);
    if (st.kind === 'conv2d' || st.kind === 'dense') {
      const bias = st.bias ? inputs[st.bias] : undefined;
      const p = packed[i];
      const next = stages[i + 1];
      const pool = !p && st.output && next?.kind === 'maxPool' ? next : undefined;
      s = p
        ? int8Layer(rt, backend, s, st, inputs[st.weight], p, bias)
        : floatConv(rt, backend, s, st, inputs[st.weight], bias, pool);
      if (pool) i++;
    } else if (st.kind === 'maxPool') {
      s = maxPool(rt, s, st);
    } else if (st.kind === 'flatten') {
      s = { ...s, shape: [s.shape[0], size(s.shape.slice(1))] };
    } else {
      s = softmax(rt, s);
    }
  }
  s = toFloats(rt, settle(rt, s));
  if (bad.length) {
    const n = size(s.shape.slice(1));
    for (const r of bad) rt.f32.fill(Number.NaN, (s.ptr >> 2) + r * n, (s.ptr >> 2) + (r + 1) * n);
  }
  return copyOut(rt, backend, s.ptr, s.shape);
}

/**
 * The rows (samples) of the `rows × n` floats at `f[o]` that hold a NaN or ±Infinity
 * (`v - v` is 0 for every finite `v`, NaN otherwise). The chain's integer stages would
 * turn such a sample into finite codes; their output rows are set to NaN instead, as
 * `LayersModel.predict` promises.
 */
function nonFiniteRows(f: Float32Array, o: number, rows: number, n: number): number[] {
  const bad: number[] = [];
  for (let r = 0; r < rows; r++) {
    let acc = 0;
    const end = o + (r + 1) * n;
    for (let i = o + r * n; i < end; i++) acc += f[i] - f[i];
    if (acc !== 0) bad.push(r);
  }
  return bad;
}

/** ConvkitQSequence for backend 'wasm' (see `ops.quantizedSequence`). */
export const quantizedSequenceConfig: KernelConfig = {
  kernelName: 'ConvkitQSequence',
  backendName: 'wasm',
  kernelFunc: qSequence as unknown as KernelFunc,
};
