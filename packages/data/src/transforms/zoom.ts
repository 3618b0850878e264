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
 * `image` zoomed about its centre: the output samples a window `1 + heightFactor`
 * times as tall and `1 + widthFactor` times as wide as the image. Factor 0 is
 * the identity; positive factors zoom out (what comes from outside the image
 * is filled as `options.fillMode` says), negative ones zoom in.
 *
 * @param image - HWC pixels.
 * @param shape - `[height, width, channels]`.
 * @param heightFactor - Vertical factor, a number > −1.
 * @param widthFactor - Horizontal factor, a number > −1; default `heightFactor`.
 * @param options - `interpolation` (`'bilinear'`), `fillMode` (`'reflect'`), `fillValue` (0).
 * @returns A new image of the same shape.
 * @throws {ConfigError} when `image` is not a Float32Array, a factor is not > −1 or an option is invalid.
 * @throws {ShapeError} when `shape` is not three positive integers or disagrees with `image.length`.
 */
export function zoomImage(
  image: Float32Array,
  shape: ImageShape,
  heightFactor: number,
  widthFactor: number = heightFactor,
  options: WarpOptions = {},
): Float32Array {
  const fn = 'zoomImage';
  const [h, w] = checkImage(fn, image, shape);
  checkNumber(fn, 'heightFactor', heightFactor, { min: -1, exclusive: true });
  checkNumber(fn, 'widthFactor', widthFactor, { min: -1, exclusive: true });
  return warpChecked(image, shape, zoomMap(heightFactor, widthFactor, h, w), resolveWarp(fn, options, ''));
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
    return { ...sample, image: warpChecked(sample.image, sample.shape, zoomMap(fy, fx, h, w), warp) };
  };
}
