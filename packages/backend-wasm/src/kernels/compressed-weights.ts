/**
 * Weights of the compressed-inference kernels, prepared once per weight
 * tensor: int8 codes packed for `ck_qgemm` (csrc/int8_gemm.c) and CSC
 * nonzeros for `ck_sparse_gemm` (csrc/sparse_gemm.c). tfjs tensors are
 * immutable and a variable gets a new data id when assigned, so a cache keyed
 * by data id never serves stale values; entries go when the tensor is freed.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TensorInfo } from '@tensorflow/tfjs-core';

/**
 * int8 weights `[K, N]` packed in panels of 8 columns, by k pairs (see `ck_qgemm`): as int8, or
 * widened to int16 for the direct convolution (a conv filter with an even input-channel count).
 */
export interface PackedInt8 {
  K: number;
  /** K rounded up to even. */
  Kp: number;
  N: number;
  /** `ceil(N / 8) * Kp * 8` int8 codes: Int8Array, or Int16Array for the direct convolution. */
  packed: Int8Array | Int16Array;
  scales: readonly number[];
}

/** Nonzeros of a `[K, N]` weight, column by column. */
export interface CscWeights {
  K: number;
  N: number;
  colPtr: Int32Array;
  rowIdx: Int32Array;
  vals: Float32Array;
}

const int8Cache = new WeakMap<object, PackedInt8>();
const cscCache = new WeakMap<object, CscWeights>();

function sameScales(a: readonly number[], b: readonly number[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Rounds half away from zero, as the quantizer does. */
function roundHalfAway(v: number): number {
  return Math.sign(v) * Math.round(Math.abs(v));
}

/**
 * The int8 codes of a weight holding `q × scales[n]` (last axis n, the rest
 * flattened to K), packed for `ck_qgemm`.
 */
export function packedInt8(backend: BackendWasm, w: TensorInfo, scales: readonly number[]): PackedInt8 {
  const hit = int8Cache.get(w.dataId);
  if (hit && sameScales(hit.scales, scales)) return hit;
  const values = backend.typedArrayFromHeap(w) as Float32Array;
  const N = w.shape[w.shape.length - 1];
  const K = values.length / N;
  const Kp = K + (K & 1);
  const panels = Math.ceil(N / 8);
  // A conv filter [fH, fW, inC, outC] with even inC runs on the direct kernel: int16 panels.
  const wide = w.shape.length === 4 && w.shape[2] % 2 === 0;
  const packed = wide ? new Int16Array(panels * Kp * 8) : new Int8Array(panels * Kp * 8);
  const inv = scales.map((s) => 1 / s);
  for (let k = 0; k < K; k++) {
    const kk = k >> 1;
    const odd = k & 1;
    for (let n = 0; n < N; n++) {
      const q = Math.max(-127, Math.min(127, roundHalfAway(values[k * N + n] * inv[n])));
      const panel = n >> 3;
      packed[panel * Kp * 8 + kk * 16 + (n & 7) * 2 + odd] = q;
    }
  }
  const entry = { K, Kp, N, packed, scales: [...scales] };
  int8Cache.set(w.dataId, entry);
  return entry;
}

/** The nonzeros of a weight `[..., N]` (the leading axes flattened to K), by column. */
export function cscWeights(backend: BackendWasm, w: TensorInfo): CscWeights {
  const hit = cscCache.get(w.dataId);
  if (hit) return hit;
  const values = backend.typedArrayFromHeap(w) as Float32Array;
  const N = w.shape[w.shape.length - 1];
  const K = values.length / N;
  const colPtr = new Int32Array(N + 1);
  for (let i = 0; i < values.length; i++) if (values[i] !== 0) colPtr[(i % N) + 1]++;
  for (let n = 0; n < N; n++) colPtr[n + 1] += colPtr[n];
  const nnz = colPtr[N];
  const rowIdx = new Int32Array(nnz);
  const vals = new Float32Array(nnz);
  const fill = colPtr.slice(0, N);
  for (let k = 0; k < K; k++) {
    for (let n = 0; n < N; n++) {
      const v = values[k * N + n];
      if (v !== 0) {
        const j = fill[n]++;
        rowIdx[j] = k;
        vals[j] = v;
      }
    }
  }
  const entry = { K, N, colPtr, rowIdx, vals };
  cscCache.set(w.dataId, entry);
  return entry;
}
