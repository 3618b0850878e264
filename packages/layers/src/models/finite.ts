/**
 * Finiteness probes built on IEEE 754 addition and multiplication only: no
 * clip, max or comparison is involved (backends disagree on how those treat
 * NaN: the wasm backend's clip and max-pool turn it into a finite value).
 *
 * - `sumProbe` (the fast path, one reduction per large tensor, one for all small ones): a sum that contains a
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
 * Tensors from this size up get a reduction of their own in `sumProbe`: their
 * reduction costs more than a kernel call, and copying them would cost as
 * much again (a concat on a software WebGPU adapter costs more than the sum).
 */
export const PROBE_OWN_SUM = 1 << 15;

/**
 * A float32 scalar, finite when every element of every tensor is finite.
 * When it is not finite, a NaN or ±Infinity is present or the sum overflowed:
 * confirm with `nonFiniteProbe`. Integer and boolean tensors are skipped.
 * Large tensors (`PROBE_OWN_SUM` values and up) are summed one by one; the
 * small ones are flattened and concatenated (in chunks of at most `chunk`
 * values) so that they cost one reduction, not one each: a training step
 * probes every gradient, weight and optimizer slot, most of them biases of a
 * few values, and each reduction is a kernel call (a GPU dispatch on webgpu).
 * Call inside `tidy`.
 *
 * @param tensors - The tensors to probe.
 * @param chunk - Most values concatenated for one reduction (tests use small ones).
 * @param ownSum - Size from which a tensor is reduced on its own.
 */
export function sumProbe(tensors: readonly Tensor[], chunk = PROBE_CHUNK, ownSum = PROBE_OWN_SUM): Tensor {
  const floats = tensors.filter((t) => t.dtype === 'float32' && t.size > 0);
  if (floats.length === 0) return scalar(0);
  const parts = floats.filter((t) => t.size >= ownSum).map((t) => ops.sum(t));
  const small = floats.filter((t) => t.size < ownSum);
  const chunks: Tensor[][] = [];
  let size = chunk;
  for (const t of small) {
    if (size + t.size > chunk) {
      chunks.push([]);
      size = 0;
    }
    chunks[chunks.length - 1].push(t);
    size += t.size;
  }
  for (const c of chunks) {
    parts.push(ops.sum(c.length === 1 ? c[0] : ops.concat(c.map((t) => ops.reshape(t, [-1])))));
  }
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

/**
 * `out` plus 0 in the rows (first axis) of samples of `x` whose values are all
 * finite and NaN in the others: what `predict` returns for a batch. The same
 * probe as `nonFiniteRows`, with fewer ops for a single sample (a scalar
 * probe, no reshapes) and the reduction over the sample axes without a
 * reshape first (each op is an engine dispatch, a sizeable part of a batch-1
 * predict). Always a new tensor. Call inside `tidy`.
 *
 * @param out - The model's output for `x`, `[n, ...]`.
 * @param x - The input batch, `[n, ...]`.
 */
export function withNonFiniteRows(out: Tensor, x: Tensor): Tensor {
  const n = x.shape[0];
  if (x.dtype !== 'float32' || x.size === 0 || x.rank < 2) {
    return ops.add(out, ops.reshape(nonFiniteRows(x), [n, ...out.shape.slice(1).map(() => 1)]));
  }
  const zeroed = ops.mul(x, 0);
  if (n === 1) return ops.add(out, ops.sum(zeroed));
  const axes = x.shape.slice(1).map((_, i) => i + 1);
  return ops.add(out, ops.reshape(ops.sum(zeroed, axes), [n, ...out.shape.slice(1).map(() => 1)]));
}

/** Indices of the non-finite entries of a probe vector read from the device. */
export function badIndices(flags: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < flags.length; i++) if (!Number.isFinite(flags[i])) out.push(i);
  return out;
}
