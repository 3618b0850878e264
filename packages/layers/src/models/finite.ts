/**
 * Finiteness probes built on IEEE 754 addition and multiplication only: no
 * clip, max or comparison is involved (backends disagree on how those treat
 * NaN: the wasm backend's clip and max-pool turn it into a finite value).
 *
 * - `sumProbe` (the fast path, one reduction over all tensors): a sum that contains a
 *   NaN or ±Infinity is never finite, so a finite sum proves every element
 *   finite. A non-finite sum can also be an overflow of finite values, so it
 *   is confirmed by an exact probe before anything is refused.
 * - `nonFiniteProbe` (exact): `x · 0` is 0 for every finite `x` and NaN for
 *   NaN and ±Infinity, so the sum of `x · 0` is 0 exactly when all elements
 *   are finite.
 */
import { ops, scalar, type Tensor, zeros } from '@convkit/core';

/** Most values one `sumProbe` reduction concatenates (16 MiB of float32): bounds the temporary copy. */
export const PROBE_CHUNK = 1 << 22;

/**
 * A float32 scalar, finite when every element of every tensor is finite.
 * When it is not finite, a NaN or ±Infinity is present or the sum overflowed:
 * confirm with `nonFiniteProbe`. Integer and boolean tensors are skipped.
 * The tensors are flattened and concatenated (in chunks of at most
 * `PROBE_CHUNK` values) so that the probe is one reduction per chunk, not
 * one per tensor: a training step probes every gradient, weight and
 * optimizer slot, and per-tensor sums cost a kernel call (a GPU dispatch on
 * webgpu) each. Call inside `tidy`.
 *
 * @param tensors - The tensors to probe.
 * @param chunk - Most values concatenated for one reduction (tests use small ones).
 */
export function sumProbe(tensors: readonly Tensor[], chunk = PROBE_CHUNK): Tensor {
  const floats = tensors.filter((t) => t.dtype === 'float32' && t.size > 0);
  if (floats.length === 0) return scalar(0);
  if (floats.length === 1) return ops.sum(floats[0]);
  const chunks: Tensor[][] = [[]];
  let size = 0;
  for (const t of floats) {
    if (size + t.size > chunk && size > 0) {
      chunks.push([]);
      size = 0;
    }
    chunks[chunks.length - 1].push(t);
    size += t.size;
  }
  const parts = chunks.map((c) => ops.sum(c.length === 1 ? c[0] : ops.concat(c.map((t) => ops.reshape(t, [-1])))));
  return parts.length === 1 ? parts[0] : ops.addN(parts);
}

/**
 * A float32 scalar: 0 when every element of every tensor is finite, NaN
 * otherwise. Integer and boolean tensors are finite by construction and
 * skipped. Call inside `tidy`.
 */
export function nonFiniteProbe(tensors: readonly Tensor[]): Tensor {
  const parts = tensors.filter((t) => t.dtype === 'float32' && t.size > 0).map((t) => ops.sum(ops.mul(t, 0)));
  if (parts.length === 0) return scalar(0);
  return parts.length === 1 ? parts[0] : ops.addN(parts);
}

/**
 * Per-sample probe of a batch `[n, ...]`: a float32 `[n]` tensor, 0 for
 * samples whose values are all finite, NaN for the others. Call inside `tidy`.
 */
export function nonFiniteRows(x: Tensor): Tensor {
  const n = x.shape[0];
  if (x.dtype !== 'float32' || x.size === 0) return zeros([n]);
  return ops.sum(ops.reshape(ops.mul(x, 0), [n, -1]), 1);
}

/** Indices of the non-finite entries of a probe vector read from the device. */
export function badIndices(flags: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < flags.length; i++) if (!Number.isFinite(flags[i])) out.push(i);
  return out;
}
