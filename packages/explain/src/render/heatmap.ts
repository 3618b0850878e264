/**
 * Attribution map → RGBA heat map: normalise the values, colour them, and
 * optionally blend them over the image. Reads the map with one asynchronous
 * read; the result is plain bytes that `toImageData` hands to a canvas and
 * `@convkit/explain/node`'s `writePng` writes to a file.
 */
import { ConfigError, formatShape, ops, ShapeError, type Tensor, tidy } from '@convkit/core';
import { type Colormap, type ColormapName, colormap } from './colormaps';

/** An RGBA image: `width × height × 4` bytes, row by row (the shape of a DOM `ImageData`). */
export interface RgbaImage {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/**
 * How map values become [0, 1] before colouring:
 * `'minMax'` — (v − min) / (max − min), for any map;
 * `'maxAbs'` — |v| / max |v|, magnitude only;
 * `'positive'` — max(v, 0) / max v, only what raises the score (Grad-CAM, occlusion);
 * `'symmetric'` — 0.5 + v / (2 max |v|), zero in the middle, for signed maps with a diverging colour map.
 */
export type Normalization = 'minMax' | 'maxAbs' | 'positive' | 'symmetric';

/** Options of `renderHeatmap`. */
export interface HeatmapOptions {
  /** Which map of a batch `[N, H, W]` to render. Default 0. */
  index?: number;
  /** A built-in colour map name or a function. Default `'inferno'`. */
  colormap?: ColormapName | Colormap;
  /** Default `'minMax'`. */
  normalize?: Normalization;
  /**
   * Scale by this percentile (0–100] of the values (of |v| for `maxAbs` and
   * `symmetric`) instead of their maximum and clip above it, so that a few
   * extreme pixels do not wash out the rest (IG papers use 99). Default 100.
   */
  percentile?: number;
  /**
   * The image to blend under the heat map: `[H, W, C]` or a batch `[N, H, W, C]`
   * (the same `index` is used), C = 1 (grey) or 3 (RGB), values in `imageRange`.
   */
  image?: Tensor;
  /** Value range of `image`. Default `[0, 1]`. */
  imageRange?: [number, number];
  /** Opacity of the heat map: over the image (default 0.5) or as the alpha channel without one (default 1). */
  alpha?: number;
}

function percentileOf(values: Float32Array, p: number): number {
  if (p >= 100) return values.reduce((m, v) => Math.max(v, m), Number.NEGATIVE_INFINITY);
  const sorted = Float32Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** The map's values scaled to [0, 1] (clipped) as `normalize` and `percentile` say. */
export function normalizeValues(values: Float32Array, normalize: Normalization, percentile = 100): Float32Array {
  if (!(percentile > 0 && percentile <= 100))
    throw new ConfigError(`renderHeatmap: percentile must be in (0, 100]; got ${percentile}`);
  const out = new Float32Array(values.length);
  const clip = (v: number) => (v > 1 ? 1 : v < 0 || !Number.isFinite(v) ? 0 : v);
  switch (normalize) {
    case 'minMax': {
      const lo = values.reduce((m, v) => Math.min(v, m), Number.POSITIVE_INFINITY);
      const hi = percentileOf(values, percentile);
      const span = hi - lo;
      for (let i = 0; i < values.length; i++) out[i] = span > 0 ? clip((values[i] - lo) / span) : 0;
      return out;
    }
    case 'maxAbs':
    case 'symmetric': {
      const scale = percentileOf(values.map(Math.abs), percentile);
      for (let i = 0; i < values.length; i++) {
        const v = scale > 0 ? values[i] / scale : 0;
        out[i] = normalize === 'maxAbs' ? clip(Math.abs(v)) : clip(0.5 + 0.5 * v);
      }
      return out;
    }
    case 'positive': {
      const scale = percentileOf(
        values.map((v) => Math.max(v, 0)),
        percentile,
      );
      for (let i = 0; i < values.length; i++) out[i] = scale > 0 ? clip(values[i] / scale) : 0;
      return out;
    }
    default:
      throw new ConfigError(
        `renderHeatmap: unknown normalize '${normalize as string}'; known: minMax, maxAbs, positive, symmetric`,
      );
  }
}

/** Rows of the map (or image) at `index`: `[H, W(, C)]` from a single item or a batch. */
function pick(what: string, t: Tensor, rank: number, index: number): { tensor: Tensor; owned: boolean } {
  if (t.rank === rank) {
    if (index !== 0)
      throw new ConfigError(
        `renderHeatmap: index ${index} given for a single ${what} of shape ${formatShape(t.shape)}`,
      );
    return { tensor: t, owned: false };
  }
  if (t.rank === rank + 1) {
    if (!Number.isInteger(index) || index < 0 || index >= t.shape[0]) {
      throw new ConfigError(
        `renderHeatmap: index ${index} is outside the batch of ${t.shape[0]} (${what} ${formatShape(t.shape)})`,
      );
    }
    const begin = t.shape.map((_, k) => (k === 0 ? index : 0));
    const size = t.shape.map((d, k) => (k === 0 ? 1 : d));
    return { tensor: tidy(() => ops.reshape(ops.slice(t, begin, size), t.shape.slice(1))), owned: true };
  }
  throw new ShapeError(
    `renderHeatmap: ${what} must be ${rank === 2 ? '[H, W] or [N, H, W]' : '[H, W, C] or [N, H, W, C]'}; received ${formatShape(t.shape)}`,
  );
}

async function read(t: { tensor: Tensor; owned: boolean }): Promise<Float32Array> {
  try {
    return Float32Array.from(await t.tensor.data());
  } finally {
    if (t.owned) t.tensor.dispose();
  }
}

/**
 * Renders an attribution map as an RGBA heat map, optionally blended over
 * the image it explains.
 *
 * @param map - `[H, W]`, or a batch `[N, H, W]` with `options.index`.
 * @param options - `colormap` (default `'inferno'`), `normalize` (default `'minMax'`), `percentile`, `image`, `imageRange`, `alpha`, `index`.
 * @returns the RGBA pixels; no tensor is left behind.
 * @throws ShapeError when the map or image has the wrong rank or they differ in size; ConfigError for a bad option.
 * @example
 * ```ts no-run
 * const rgba = await renderHeatmap(maps, { index: 0, image: images, colormap: 'viridis', alpha: 0.6 });
 * ctx.putImageData(toImageData(rgba), 0, 0);
 * ```
 */
export async function renderHeatmap(map: Tensor, options: HeatmapOptions = {}): Promise<RgbaImage> {
  const index = options.index ?? 0;
  const cmap = typeof options.colormap === 'function' ? options.colormap : colormap(options.colormap ?? 'inferno');
  const alpha = options.alpha ?? (options.image ? 0.5 : 1);
  if (!(alpha >= 0 && alpha <= 1)) throw new ConfigError(`renderHeatmap: alpha must be in [0, 1]; got ${alpha}`);
  const picked = pick('map', map, 2, index);
  const [height, width] = picked.tensor.shape;
  let image: { values: Float32Array; channels: number } | undefined;
  if (options.image) {
    const img = pick('image', options.image, 3, index);
    const [ih, iw, c] = img.tensor.shape;
    if (ih !== height || iw !== width || (c !== 1 && c !== 3)) {
      if (img.owned) img.tensor.dispose();
      if (picked.owned) picked.tensor.dispose();
      throw new ShapeError(
        `renderHeatmap: the image ${formatShape(img.tensor.shape)} must be ${height}×${width} with 1 or 3 channels to match the map ${formatShape(map.shape)}`,
      );
    }
    image = { values: await read(img), channels: c };
  }
  const values = normalizeValues(await read(picked), options.normalize ?? 'minMax', options.percentile ?? 100);
  const data = new Uint8ClampedArray(width * height * 4);
  const [lo, hi] = options.imageRange ?? [0, 1];
  const span = hi - lo || 1;
  for (let p = 0; p < width * height; p++) {
    const rgb = cmap(values[p]);
    if (image) {
      for (let k = 0; k < 3; k++) {
        const v = image.values[p * image.channels + (image.channels === 3 ? k : 0)];
        const under = Math.min(Math.max((v - lo) / span, 0), 1) * 255;
        data[p * 4 + k] = Math.round((1 - alpha) * under + alpha * rgb[k]);
      }
      data[p * 4 + 3] = 255;
    } else {
      data[p * 4] = rgb[0];
      data[p * 4 + 1] = rgb[1];
      data[p * 4 + 2] = rgb[2];
      data[p * 4 + 3] = Math.round(alpha * 255);
    }
  }
  return { data, width, height };
}

/**
 * The pixels as a DOM `ImageData` where the platform has one (browsers,
 * workers), for `ctx.putImageData`; elsewhere (Node) the same
 * `{ data, width, height }` object.
 * @param image - RGBA pixels from `renderHeatmap`.
 * @returns an `ImageData` or the object itself.
 */
export function toImageData(image: RgbaImage): ImageData | RgbaImage {
  const Ctor = (globalThis as { ImageData?: typeof ImageData }).ImageData;
  return Ctor ? new Ctor(image.data as Uint8ClampedArray<ArrayBuffer>, image.width, image.height) : image;
}
