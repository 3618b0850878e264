/** Which weights pruning zeroes: magnitude, global, N:M block and uniformly random masks, and the kernels to prune. */
import { ConfigError, type Rng } from '@convkit/core';
import type { LayersModel, LayerWeight } from '@convkit/layers';
import { kernelWeights, sizeOf } from './stats';

/** The kernels of the named layers (default: every kernel layer), with clear errors. */
export function selectKernels(model: LayersModel, layers: string[] | undefined, where: string): LayerWeight[] {
  if (layers === undefined) {
    const all = model.layers.flatMap(kernelWeights);
    if (all.length === 0) throw new ConfigError(`${where}: ${model.describe()} has no Conv2D or Dense kernels`);
    return all;
  }
  return layers.flatMap((name) => {
    const layer = model.getLayer(name);
    const ks = kernelWeights(layer);
    if (ks.length === 0) {
      throw new ConfigError(
        `${where}: ${layer.describe()} has no kernel (only Conv2D, DepthwiseConv2D, SeparableConv2D and Dense layers can be)`,
      );
    }
    return ks;
  });
}

/** 1 where |v| is among the largest (1 − sparsity)·n magnitudes, 0 for exactly round(sparsity·n) entries. */
export function magnitudeMask(values: Float32Array, sparsity: number): Uint8Array {
  const n = values.length;
  const k = Math.min(n, Math.round(sparsity * n));
  const mask = new Uint8Array(n).fill(1);
  if (k === 0) return mask;
  const order = argsortByMagnitude(values);
  for (let i = 0; i < k; i++) mask[order[i]] = 0;
  return mask;
}

function argsortByMagnitude(values: Float32Array): Uint32Array {
  const order = new Uint32Array(values.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const abs = new Float32Array(values.length);
  for (let i = 0; i < abs.length; i++) abs[i] = Math.abs(values[i]);
  // Stable on ties (by index), so the same weights are chosen run after run.
  return order.sort((a, b) => abs[a] - abs[b] || a - b);
}

/** Masks with one magnitude ranking across all kernels: exactly round(sparsity·total) zeros. */
export function globalMasks(values: readonly Float32Array[], sparsity: number): Uint8Array[] {
  const total = values.reduce((a, v) => a + v.length, 0);
  const all = new Float32Array(total);
  let off = 0;
  for (const v of values) {
    all.set(v, off);
    off += v.length;
  }
  const flat = magnitudeMask(all, sparsity);
  off = 0;
  return values.map((v) => {
    const m = flat.slice(off, off + v.length);
    off += v.length;
    return m;
  });
}

/**
 * N:M mask of a kernel: groups of M consecutive entries along the input-channel
 * axis (axis rank−2: `cin` of an HWIO conv kernel, the input features of a
 * Dense kernel) keep their N largest magnitudes. A shorter last group keeps
 * min(N, its length).
 */
export function blockMask(values: Float32Array, shape: readonly number[], [n, m]: [number, number]): Uint8Array {
  const rank = shape.length;
  const cout = shape[rank - 1];
  const cin = shape[rank - 2];
  const outer = sizeOf(shape.slice(0, rank - 2));
  const mask = new Uint8Array(values.length);
  const idx: number[] = [];
  for (let o = 0; o < outer; o++) {
    for (let c0 = 0; c0 < cin; c0 += m) {
      const len = Math.min(m, cin - c0);
      for (let j = 0; j < cout; j++) {
        idx.length = 0;
        for (let c = c0; c < c0 + len; c++) idx.push((o * cin + c) * cout + j);
        idx.sort((a, b) => Math.abs(values[b]) - Math.abs(values[a]) || a - b);
        for (let t = 0; t < Math.min(n, len); t++) mask[idx[t]] = 1;
      }
    }
  }
  return mask;
}

/**
 * Masks that zero exactly `round(sparsity · n)` entries chosen uniformly at
 * random (a partial Fisher–Yates shuffle), the baseline magnitude pruning is
 * compared against. `'global'` draws the zeros over all kernels at once (as
 * one kernel of their total size); `'layer'` draws `round(sparsity · n_k)` in
 * each kernel.
 *
 * @param sizes - Number of entries of each kernel.
 * @param sparsity - Fraction to zero, in [0, 1).
 * @param rng - The random stream (e.g. `new Rng(seed)`).
 * @param scope - `'global'` (default) or `'layer'`.
 * @returns One 0/1 mask per kernel.
 */
export function randomMasks(
  sizes: readonly number[],
  sparsity: number,
  rng: Rng,
  scope: 'layer' | 'global' = 'global',
): Uint8Array[] {
  if (scope === 'layer') return sizes.map((n) => randomMask(n, sparsity, rng));
  const total = sizes.reduce((a, b) => a + b, 0);
  const flat = randomMask(total, sparsity, rng);
  let off = 0;
  return sizes.map((n) => {
    const m = flat.slice(off, off + n);
    off += n;
    return m;
  });
}

function randomMask(n: number, sparsity: number, rng: Rng): Uint8Array {
  const k = Math.min(n, Math.round(sparsity * n));
  const mask = new Uint8Array(n).fill(1);
  const index = new Uint32Array(n);
  for (let i = 0; i < n; i++) index[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i);
    const t = index[i];
    index[i] = index[j];
    index[j] = t;
    mask[index[i]] = 0;
  }
  return mask;
}
