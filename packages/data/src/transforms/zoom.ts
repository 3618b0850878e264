/** Zooming in or out about the image centre, by a given or a random factor (Keras's convention). */
import { checkNumber, checkOptions } from '../check';
import type { ImageShape } from '../image-sample';
import { resolveWarp, type WarpOptions, warpChecked, zoomMap } from './affine';
import { checkRange, type FactorRange } from './range';
import { checkImage, type ImageTransform, type RandomTransformOptions, rngSource } from './transform';

/** Options of `randomZoom`. */
export interface RandomZoomOptions extends RandomTransformOptions, WarpOptions {
  /**
   * Vertical zoom range, as Keras: `0.2` draws from [−0.2, 0.2]; a positive
   * factor zooms out (0.2: the content shrinks to 1/1.2), a negative one zooms
   * in (−0.5: the content doubles). Ends greater than −1.
   */
  heightFactor: FactorRange;
  /**
   * Horizontal zoom range, like `heightFactor`. When omitted, the factor drawn
   * for the height is used for the width too (the aspect ratio is kept).
   *
   * @defaultValue the height's factor
   */
  widthFactor?: FactorRange;
}

/**
 * `image` magnified `zoom` times about its centre: 2 shows the middle half of
 * the image twice as large, 0.5 shrinks the content to half its size (what
 * comes from outside the image is filled as `options.fillMode` says), 1 is the
 * identity. `randomZoom`'s Keras factor `f` is the zoom `1 / (1 + f)`.
 *
 * @param image - HWC pixels.
 * @param shape - `[height, width, channels]`.
 * @param zoom - Vertical magnification, a number > 0.
 * @param zoomX - Horizontal magnification, a number > 0; default `zoom`.
 * @param options - `interpolation` (`'bilinear'`), `fillMode` (`'reflect'`), `fillValue` (0).
 * @returns A new image of the same shape.
 * @throws {ConfigError} when `image` is not a Float32Array, a zoom is not a number > 0 or an option is invalid.
 * @throws {ShapeError} when `shape` is not three positive integers or disagrees with `image.length`.
 *
 * @example
 * ```ts
 * import { zoomImage } from '@convkit/data';
 *
 * // 4×4 ramp 0..15: the middle 2×2 pixels blown up to the full size
 * const closeUp = zoomImage(Float32Array.from({ length: 16 }, (_, i) => i), [4, 4, 1], 2);
 * ```
 */
export function zoomImage(
  image: Float32Array,
  shape: ImageShape,
  zoom: number,
  zoomX: number = zoom,
  options: WarpOptions = {},
): Float32Array {
  const fn = 'zoomImage';
  const [h, w] = checkImage(fn, image, shape);
  checkNumber(fn, 'zoom', zoom, { min: 0, exclusive: true });
  checkNumber(fn, 'zoomX', zoomX, { min: 0, exclusive: true });
  return warpChecked(image, shape, zoomMap(1 / zoom, 1 / zoomX, h, w), resolveWarp(fn, options, ''));
}

/**
 * Zooms each sample in or out by factors drawn uniformly from `heightFactor`
 * (and `widthFactor`, when given) — Keras's `RandomZoom` as a dataset transform.
 *
 * @param options - `heightFactor` (required), `widthFactor`, `interpolation`, `fillMode`, `fillValue`, `seed`.
 * @returns A transform for `dataset.map`.
 * @throws {ConfigError} when an option is invalid.
 *
 * @example
 * ```ts
 * import { randomZoom, type ImageDataset } from '@convkit/data';
 *
 * declare const train: ImageDataset;
 * const augmented = train.map(randomZoom({ heightFactor: 0.1, fillMode: 'constant', seed: 1 }));
 * ```
 */
export function randomZoom(options: RandomZoomOptions): ImageTransform {
  const fn = 'randomZoom';
  const opts = checkOptions(fn, options);
  const bounds = { min: -1, max: Number.MAX_VALUE, minExclusive: true };
  const [hLo, hHi] = checkRange(fn, 'options.heightFactor', opts.heightFactor, bounds);
  const width =
    opts.widthFactor === undefined ? undefined : checkRange(fn, 'options.widthFactor', opts.widthFactor, bounds);
  const warp = resolveWarp(fn, opts);
  const rng = rngSource(fn, opts.seed);
  return (sample) => {
    const [h, w] = checkImage(fn, sample.image, sample.shape);
    const r = rng();
    const fy = r.uniform(hLo, hHi);
    const fx = width === undefined ? fy : r.uniform(width[0], width[1]);
    return { ...sample, image: warpChecked(sample.image, sample.shape, zoomMap(1 + fy, 1 + fx, h, w), warp) };
  };
}
