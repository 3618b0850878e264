/** Rotation about the image centre, by a given or a random angle. */
import { ConfigError } from '@convkit/core';
import { checkNumber, checkOptions } from '../check';
import type { ImageShape } from '../image-sample';
import { resolveWarp, rotationMap, type WarpOptions, warpChecked } from './affine';
import { checkRange, type FactorRange } from './range';
import { checkImage, type ImageTransform, type RandomTransformOptions, rngSource } from './transform';

/** Options of `randomRotation`: the angle range (exactly one of `degrees` and `factor`) and how to resample. */
export interface RandomRotationOptions extends RandomTransformOptions, WarpOptions {
  /** Angle range in degrees: `15` draws from [−15°, 15°], `[0, 90]` from [0°, 90°]. Ends within ±360. */
  degrees?: FactorRange;
  /** Angle range as a fraction of a full turn, as Keras: `0.1` draws from [−36°, 36°]. Ends within ±1. */
  factor?: FactorRange;
}

/**
 * `image` rotated counter-clockwise (as displayed) by `degrees` about its centre;
 * negative angles turn clockwise. Corners that come from outside the image are
 * filled as `options.fillMode` says.
 *
 * @param image - HWC pixels.
 * @param shape - `[height, width, channels]`.
 * @param degrees - The angle, a finite number.
 * @param options - `interpolation` (`'bilinear'`), `fillMode` (`'reflect'`), `fillValue` (0).
 * @returns A new image of the same shape.
 * @throws {ConfigError} when `image` is not a Float32Array, `degrees` is not finite or an option is invalid.
 * @throws {ShapeError} when `shape` is not three positive integers or disagrees with `image.length`.
 *
 * @example
 * ```ts
 * import { rotateImage } from '@convkit/data';
 *
 * const quarterTurn = rotateImage(new Float32Array([1, 2, 3, 4]), [2, 2, 1], 90, { interpolation: 'nearest' });
 * // [2, 4, 1, 3]
 * ```
 */
export function rotateImage(
  image: Float32Array,
  shape: ImageShape,
  degrees: number,
  options: WarpOptions = {},
): Float32Array {
  const fn = 'rotateImage';
  const [h, w] = checkImage(fn, image, shape);
  checkNumber(fn, 'degrees', degrees);
  return warpChecked(image, shape, rotationMap((degrees * Math.PI) / 180, h, w), resolveWarp(fn, options, ''));
}

/**
 * Rotates each sample by an angle drawn uniformly from a range, given in
 * `degrees` or (as Keras's `RandomRotation`) as a `factor` of a full turn.
 *
 * @param options - `degrees` or `factor` (one is required), `interpolation`, `fillMode`, `fillValue`, `seed`.
 * @returns A transform for `dataset.map`.
 * @throws {ConfigError} when neither or both of `degrees` and `factor` are given, or an option is invalid.
 *
 * @example
 * ```ts
 * import { randomRotation, type ImageDataset } from '@convkit/data';
 *
 * declare const train: ImageDataset;
 * const augmented = train.map(randomRotation({ degrees: 10, fillMode: 'constant', seed: 1 }));
 * ```
 */
export function randomRotation(options: RandomRotationOptions): ImageTransform {
  const fn = 'randomRotation';
  const opts = checkOptions(fn, options);
  if ((opts.degrees === undefined) === (opts.factor === undefined)) {
    throw new ConfigError(
      `${fn}: give exactly one of options.degrees (e.g. 15) and options.factor (a fraction of a turn, e.g. 0.05)`,
    );
  }
  const [lo, hi] =
    opts.degrees !== undefined
      ? checkRange(fn, 'options.degrees', opts.degrees, { min: -360, max: 360 })
      : checkRange(fn, 'options.factor', opts.factor, { min: -1, max: 1 }).map((f) => f * 360);
  const warp = resolveWarp(fn, opts);
  const rng = rngSource(fn, opts.seed);
  return (sample) => {
    const [h, w] = checkImage(fn, sample.image, sample.shape);
    const radians = (rng().uniform(lo, hi) * Math.PI) / 180;
    return { ...sample, image: warpChecked(sample.image, sample.shape, rotationMap(radians, h, w), warp) };
  };
}
