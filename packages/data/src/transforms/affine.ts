/**
 * The geometry shared by the rotation and zoom transforms: resampling an HWC
 * image through an affine map from output to input pixel coordinates, with
 * bilinear or nearest interpolation and a choice of what lies outside the
 * image. Pixel centres sit at integer coordinates; the maps turn about the
 * image centre `((h − 1) / 2, (w − 1) / 2)`.
 */
import { ConfigError } from '@convkit/core';
import { checkNumber, checkOptionalNumber, checkOptionalOneOf, checkOptions, describeValue } from '../check';
import type { ImageShape } from '../image-sample';
import { checkImage } from './transform';

/** How a pixel between the sampled ones is computed: weighted from the 4 neighbours, or the nearest one. */
export type Interpolation = 'bilinear' | 'nearest';

/**
 * What a sample that falls outside the image reads (per pixel tap, for an image `a b c d`):
 * `'constant'` the `fillValue`; `'nearest'` the edge pixel (`a a | a b c d | d d`);
 * `'reflect'` the image mirrored about its edge (`b a | a b c d | d c`); `'wrap'` the image
 * repeated (`c d | a b c d | a b`).
 */
export type FillMode = 'constant' | 'nearest' | 'reflect' | 'wrap';

/** The accepted interpolations, for option checks. */
export const INTERPOLATIONS: readonly Interpolation[] = ['bilinear', 'nearest'];
/** The accepted fill modes, for option checks. */
export const FILL_MODES: readonly FillMode[] = ['constant', 'nearest', 'reflect', 'wrap'];

/**
 * An affine map from output to input pixel coordinates `[a, b, c, d, e, f]`:
 * the output pixel at row `y`, column `x` samples the input at row
 * `a·y + b·x + c`, column `d·y + e·x + f`.
 */
export type AffineMap = readonly [a: number, b: number, c: number, d: number, e: number, f: number];

/** How `warpImage` (and the rotation and zoom transforms) resample. */
export interface WarpOptions {
  /**
   * `'bilinear'` (default) or `'nearest'`.
   *
   * @defaultValue `'bilinear'`
   */
  interpolation?: Interpolation;
  /**
   * What samples outside the image read (see {@link FillMode}).
   *
   * @defaultValue `'reflect'`
   */
  fillMode?: FillMode;
  /**
   * The value outside the image with `fillMode: 'constant'`.
   *
   * @defaultValue `0`
   */
  fillValue?: number;
}

/** Checked `WarpOptions` with the defaults filled in. */
export interface ResolvedWarp {
  interpolation: Interpolation;
  fillMode: FillMode;
  fillValue: number;
}

/** Checks the warp options of function `fn` (`prefix` names them in messages, e.g. `'options.'`). */
export function resolveWarp(fn: string, options: WarpOptions | undefined, prefix = 'options.'): ResolvedWarp {
  const o = checkOptions(fn, options, prefix === '' ? 'options' : prefix.slice(0, -1));
  return {
    interpolation: checkOptionalOneOf(fn, `${prefix}interpolation`, o.interpolation, INTERPOLATIONS) ?? 'bilinear',
    fillMode: checkOptionalOneOf(fn, `${prefix}fillMode`, o.fillMode, FILL_MODES) ?? 'reflect',
    fillValue: checkOptionalNumber(fn, `${prefix}fillValue`, o.fillValue) ?? 0,
  };
}

/**
 * Index `i` of an axis of length `n` under `mode`: itself when inside, else
 * mapped inside, or -1 (read the fill value) for `'constant'`.
 */
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

/**
 * The map that rotates an `h × w` image by `radians` counter-clockwise (as
 * displayed, rows going down) about its centre.
 */
export function rotationMap(radians: number, h: number, w: number): AffineMap {
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const cy = (h - 1) / 2;
  const cx = (w - 1) / 2;
  return [cos, sin, cy - cos * cy - sin * cx, -sin, cos, cx + sin * cy - cos * cx];
}

/**
 * The map that samples, about the centre of an `h × w` image, a window
 * `scaleY` times as tall and `scaleX` times as wide as the image: scales above
 * 1 zoom out (the content shrinks), below 1 zoom in. Keras's zoom factor `f`
 * is the scale `1 + f`.
 */
export function zoomMap(scaleY: number, scaleX: number, h: number, w: number): AffineMap {
  const cy = (h - 1) / 2;
  const cx = (w - 1) / 2;
  return [scaleY, 0, cy - scaleY * cy, 0, scaleX, cx - scaleX * cx];
}

/**
 * `image` resampled through `map`: `out[y, x] = image(a·y + b·x + c, d·y + e·x + f)`,
 * read with `interpolation` (bilinear: the 4 neighbouring pixels weighted by
 * distance; nearest: the closest pixel), each tap outside the image resolved
 * by `fillMode`. Every channel is resampled alike.
 *
 * @param image - HWC pixels.
 * @param shape - `[height, width, channels]`.
 * @param map - Output → input pixel coordinates, see {@link AffineMap}.
 * @param options - `interpolation` (`'bilinear'`), `fillMode` (`'reflect'`), `fillValue` (0).
 * @returns A new image of the same shape.
 * @throws {ConfigError} when `image` is not a Float32Array, `map` is not 6 finite numbers or an option is invalid.
 * @throws {ShapeError} when `shape` is not three positive integers or disagrees with `image.length`.
 */
export function warpImage(
  image: Float32Array,
  shape: ImageShape,
  map: AffineMap,
  options: WarpOptions = {},
): Float32Array {
  const fn = 'warpImage';
  checkImage(fn, image, shape);
  if (!Array.isArray(map) || map.length !== 6) {
    throw new ConfigError(`${fn}: map must be an array of 6 finite numbers, got ${describeValue(map)}`);
  }
  map.forEach((v, i) => {
    checkNumber(fn, `map[${i}]`, v);
  });
  return warpChecked(image, shape, map, resolveWarp(fn, options, ''));
}

/** `warpImage` without the argument checks, for the transforms that checked them already. */
export function warpChecked(image: Float32Array, shape: ImageShape, map: AffineMap, warp: ResolvedWarp): Float32Array {
  const [h, w, c] = shape;
  const [a, b, off0, d, e, off1] = map;
  const { interpolation, fillMode, fillValue } = warp;
  const out = new Float32Array(h * w * c);
  const tap = (iy: number, ix: number, weight: number, dst: number) => {
    if (weight === 0) return;
    const ry = resolveIndex(iy, h, fillMode);
    const rx = resolveIndex(ix, w, fillMode);
    if (ry < 0 || rx < 0) {
      for (let ch = 0; ch < c; ch++) out[dst + ch] += weight * fillValue;
      return;
    }
    const src = (ry * w + rx) * c;
    for (let ch = 0; ch < c; ch++) out[dst + ch] += weight * image[src + ch];
  };
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const sy = a * y + b * x + off0;
      const sx = d * y + e * x + off1;
      const dst = (y * w + x) * c;
      if (interpolation === 'nearest') {
        tap(Math.round(sy), Math.round(sx), 1, dst);
        continue;
      }
      const y0 = Math.floor(sy);
      const x0 = Math.floor(sx);
      const fy = sy - y0;
      const fx = sx - x0;
      tap(y0, x0, (1 - fy) * (1 - fx), dst);
      tap(y0, x0 + 1, (1 - fy) * fx, dst);
      tap(y0 + 1, x0, fy * (1 - fx), dst);
      tap(y0 + 1, x0 + 1, fy * fx, dst);
    }
  }
  return out;
}
