/**
 * Resampling a batch of NHWC images, each through its own affine map from
 * output to input pixel coordinates: the geometry behind `RandomRotation`,
 * `RandomZoom` and `RandomTranslation`. The sampling positions depend only on
 * the maps and the image size, so they are planned in plain JS (indices and
 * bilinear weights); the tensor part is one gather and a weighted sum, whose
 * gradient with respect to the input is the matching scatter-add (a custom
 * gradient, so it runs on every backend that has `ScatterNd`, wasm included).
 * `@convkit/data` applies the same sampling rule to arrays; layers may not
 * import data, so the few lines of the rule live in both packages.
 */
import { customGrad, ops, type Tensor, tensor, tidy } from '@convkit/core';

/** How a pixel between the sampled ones is computed: weighted from the 4 neighbours, or the nearest one. */
export type Interpolation = 'bilinear' | 'nearest';

/**
 * What a sample that falls outside the image reads (per pixel tap, for an image `a b c d`):
 * `'constant'` the `fillValue`; `'nearest'` the edge pixel (`a a | a b c d | d d`);
 * `'reflect'` the image mirrored about its edge (`b a | a b c d | d c`); `'wrap'` the image
 * repeated (`c d | a b c d | a b`).
 */
export type FillMode = 'constant' | 'nearest' | 'reflect' | 'wrap';

/** The accepted interpolations. */
export const INTERPOLATIONS: readonly Interpolation[] = ['bilinear', 'nearest'];
/** The accepted fill modes. */
export const FILL_MODES: readonly FillMode[] = ['constant', 'nearest', 'reflect', 'wrap'];

/**
 * An affine map from output to input pixel coordinates `[a, b, c, d, e, f]`
 * (pixel centres at integers): output pixel (`y`, `x`) samples the input at
 * row `a·y + b·x + c`, column `d·y + e·x + f`.
 */
export type AffineMap = readonly [a: number, b: number, c: number, d: number, e: number, f: number];

/** The map that rotates an `h × w` image by `radians` counter-clockwise (as displayed) about its centre. */
export function rotationMap(radians: number, h: number, w: number): AffineMap {
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const cy = (h - 1) / 2;
  const cx = (w - 1) / 2;
  return [cos, sin, cy - cos * cy - sin * cx, -sin, cos, cx + sin * cy - cos * cx];
}

/** The map that zooms about the centre, Keras-style: factor 0.2 samples a window 1.2 times as large (zoom out). */
export function zoomMap(heightFactor: number, widthFactor: number, h: number, w: number): AffineMap {
  const sy = 1 + heightFactor;
  const sx = 1 + widthFactor;
  const cy = (h - 1) / 2;
  const cx = (w - 1) / 2;
  return [sy, 0, cy - sy * cy, 0, sx, cx - sx * cx];
}

/** The map that moves the content `dy` pixels down and `dx` pixels right. */
export function translationMap(dy: number, dx: number): AffineMap {
  return [1, 0, -dy, 0, 1, -dx];
}

/** Index `i` of an axis of length `n` under `mode`: inside as is, else mapped inside, or -1 for `'constant'`. */
export function resolveIndex(i: number, n: number, mode: FillMode): number {
  if (i >= 0 && i < n) return i;
  switch (mode) {
    case 'constant':
      return -1;
    case 'nearest':
      return i < 0 ? 0 : n - 1;
    case 'reflect': {
      const period = 2 * n;
      const m = ((i % period) + period) % period;
      return m < n ? m : period - 1 - m;
    }
    case 'wrap':
      return ((i % n) + n) % n;
  }
}

/** Where every output pixel reads: `taps` (1 or 4) rows of the flattened `[batch·h·w, channels]` input each. */
export interface WarpPlan {
  /** 1 (nearest) or 4 (bilinear). */
  taps: number;
  /** `taps × batch·h·w` row indices, tap-major. */
  indices: Int32Array;
  /** The weight of each index (0 for a tap outside the image in `'constant'` mode). */
  weights: Float32Array;
  /** Per output pixel, the total weight of its taps outside the image (`'constant'` mode only). */
  outside?: Float32Array;
}

/**
 * Plans the sampling of a `[maps.length, h, w, ·]` batch: image `i` through `maps[i]`.
 *
 * @param h - Image height.
 * @param w - Image width.
 * @param maps - One map per image.
 * @param interpolation - `'bilinear'` or `'nearest'`.
 * @param fillMode - What taps outside the image read.
 * @returns Indices and weights for {@link warpImages}.
 */
export function planWarp(
  h: number,
  w: number,
  maps: readonly AffineMap[],
  interpolation: Interpolation,
  fillMode: FillMode,
): WarpPlan {
  const taps = interpolation === 'nearest' ? 1 : 4;
  const n = maps.length * h * w;
  const indices = new Int32Array(taps * n);
  const weights = new Float32Array(taps * n);
  const outside = fillMode === 'constant' ? new Float32Array(n) : undefined;
  const set = (t: number, p: number, base: number, iy: number, ix: number, weight: number) => {
    const ry = resolveIndex(iy, h, fillMode);
    const rx = resolveIndex(ix, w, fillMode);
    if (ry < 0 || rx < 0) {
      if (outside) outside[p] += weight;
      return; // index 0, weight 0
    }
    indices[t * n + p] = base + ry * w + rx;
    weights[t * n + p] = weight;
  };
  maps.forEach(([a, b, c, d, e, f], img) => {
    const base = img * h * w;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const p = base + y * w + x;
        const sy = a * y + b * x + c;
        const sx = d * y + e * x + f;
        if (taps === 1) {
          set(0, p, base, Math.round(sy), Math.round(sx), 1);
          continue;
        }
        const y0 = Math.floor(sy);
        const x0 = Math.floor(sx);
        const fy = sy - y0;
        const fx = sx - x0;
        set(0, p, base, y0, x0, (1 - fy) * (1 - fx));
        set(1, p, base, y0, x0 + 1, (1 - fy) * fx);
        set(2, p, base, y0 + 1, x0, fy * (1 - fx));
        set(3, p, base, y0 + 1, x0 + 1, fy * fx);
      }
    }
  });
  return { taps, indices, weights, outside };
}

/**
 * `x` (`[batch, h, w, c]`, float32) resampled as `plan` says, outside taps
 * reading `fillValue`. Differentiable with respect to `x`: the gradient
 * scatter-adds the output gradient back to the pixels each tap read.
 *
 * @param x - The batch.
 * @param plan - From {@link planWarp} for this batch size and image size.
 * @param fillValue - The value outside the image in `'constant'` mode.
 * @returns A new tensor of `x`'s shape.
 */
export function warpImages(x: Tensor, plan: WarpPlan, fillValue: number): Tensor {
  const [b, h, w, c] = x.shape;
  const n = b * h * w;
  const { taps, indices, weights, outside } = plan;
  // Per tap: its rows and, unless they are all 1, its weights repeated over the channels
  // (element-wise products are much faster than broadcast ones on the cpu backend).
  const tapIndices = Array.from({ length: taps }, (_, t) => indices.subarray(t * n, (t + 1) * n));
  const tapWeights = Array.from({ length: taps }, (_, t) => {
    const wt = weights.subarray(t * n, (t + 1) * n);
    if (wt.every((v) => v === 1)) return undefined;
    const full = new Float32Array(n * c);
    for (let p = 0; p < n; p++) full.fill(wt[p], p * c, (p + 1) * c);
    return full;
  });
  // The fill value's share of each output pixel (a constant: no gradient).
  let fill: Float32Array | undefined;
  if (outside && fillValue !== 0 && outside.some((v) => v !== 0)) {
    fill = new Float32Array(n * c);
    for (let p = 0; p < n; p++) fill.fill(outside[p] * fillValue, p * c, (p + 1) * c);
  }
  // customGrad runs this forward function inside a tidy of its own: only `value` survives it.
  const warp = customGrad((input) => {
    const flat = ops.reshape(input as Tensor, [n, c]);
    const parts = tapIndices.map((idx, t) => {
      const gathered = ops.gather(flat, tensor(idx, [n], 'int32'), 0);
      const wt = tapWeights[t];
      return wt ? ops.mul(gathered, tensor(wt, [n, c], 'float32')) : gathered;
    });
    if (fill) parts.push(tensor(fill, [n, c], 'float32'));
    const value = parts.length === 1 ? parts[0] : ops.addN(parts);
    return {
      value: ops.reshape(value, [b, h, w, c]),
      gradFunc: (dy: Tensor) =>
        tidy(() => {
          const g = ops.reshape(dy, [n, c]);
          const spread = tapWeights.map((wt) => (wt ? ops.mul(g, tensor(wt, [n, c], 'float32')) : g));
          const updates = spread.length === 1 ? spread[0] : ops.concat(spread, 0);
          const summed = ops.scatterND(tensor(indices, [taps * n, 1], 'int32'), updates, [n, c]);
          return ops.reshape(summed, [b, h, w, c]);
        }),
    };
  });
  return warp(x);
}

/**
 * `x` (`[batch, h, w, c]`) with its pixels rearranged: output pixel `p` (in
 * `batch·h·w` order) is input pixel `source[p]`, `source` a permutation (flips).
 * Differentiable: the gradient applies the inverse permutation.
 *
 * @param x - The batch.
 * @param source - A permutation of `0 .. batch·h·w − 1`.
 * @returns A new tensor of `x`'s shape.
 */
export function permutePixels(x: Tensor, source: Int32Array): Tensor {
  const [b, h, w, c] = x.shape;
  const n = b * h * w;
  const inverse = new Int32Array(n);
  for (let p = 0; p < n; p++) inverse[source[p]] = p;
  const permute = customGrad((input) => ({
    value: ops.reshape(ops.gather(ops.reshape(input as Tensor, [n, c]), tensor(source, [n], 'int32'), 0), [b, h, w, c]),
    gradFunc: (dy: Tensor) =>
      tidy(() => ops.reshape(ops.gather(ops.reshape(dy, [n, c]), tensor(inverse, [n], 'int32'), 0), [b, h, w, c])),
  }));
  return permute(x);
}
