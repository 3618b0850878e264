/** Brightness changes: add the same offset to every pixel and channel. */
import { checkNumber, checkOptions } from '../check';
import type { ImageShape } from '../image-sample';
import { checkRange, checkValueRange, clipInto, type FactorRange } from './range';
import { checkImage, type ImageTransform, type RandomTransformOptions, rngSource } from './transform';

/** Options of `randomBrightness`. */
export interface RandomBrightnessOptions extends RandomTransformOptions {
  /**
   * Offset range as a fraction of the value range (of 1 without `valueRange`):
   * `0.2` draws an offset from [−0.2, 0.2]; `[0, 0.3]` only brightens. Ends within ±1.
   */
  factor: FactorRange;
  /**
   * The pixels' value range, e.g. `[0, 255]` for bytes: offsets scale with its
   * width and results are clipped into it. Without it, nothing is clipped.
   *
   * @defaultValue none (offsets in pixel units, no clipping)
   */
  valueRange?: readonly [min: number, max: number];
}

/**
 * `image + delta`, clipped into `valueRange` when one is given.
 *
 * @param image - HWC pixels.
 * @param shape - `[height, width, channels]`.
 * @param delta - Offset added to every value, a finite number.
 * @param valueRange - Optional `[min, max]` to clip into.
 * @returns A new array.
 * @throws {ConfigError} when `image` is not a Float32Array, `delta` is not finite or `valueRange` is invalid.
 * @throws {ShapeError} when `shape` is not three positive integers or disagrees with `image.length`.
 */
export function adjustBrightness(
  image: Float32Array,
  shape: ImageShape,
  delta: number,
  valueRange?: readonly [min: number, max: number],
): Float32Array {
  const fn = 'adjustBrightness';
  checkImage(fn, image, shape);
  checkNumber(fn, 'delta', delta);
  const range = checkValueRange(fn, 'valueRange', valueRange);
  return clipInto(
    image.map((v) => v + delta),
    range,
  );
}

/**
 * Brightens or darkens each sample by an offset drawn uniformly from
 * `factor × (valueRange width)` — Keras's `RandomBrightness` as a dataset
 * transform (without `valueRange`, the offset is in pixel units and nothing is clipped).
 *
 * @param options - `factor` (required), `valueRange`, `seed`.
 * @returns A transform for `dataset.map`.
 * @throws {ConfigError} when an option is invalid.
 *
 * @example
 * ```ts
 * import { randomBrightness, type ImageDataset } from '@convkit/data';
 *
 * declare const train: ImageDataset; // pixels in [0, 1]
 * const augmented = train.map(randomBrightness({ factor: 0.2, valueRange: [0, 1], seed: 1 }));
 * ```
 */
export function randomBrightness(options: RandomBrightnessOptions): ImageTransform {
  const fn = 'randomBrightness';
  const opts = checkOptions(fn, options);
  const [lo, hi] = checkRange(fn, 'options.factor', opts.factor, { min: -1, max: 1 });
  const range = checkValueRange(fn, 'options.valueRange', opts.valueRange);
  const span = range === undefined ? 1 : range[1] - range[0];
  const rng = rngSource(fn, opts.seed);
  return (sample) => {
    checkImage(fn, sample.image, sample.shape);
    const delta = rng().uniform(lo, hi) * span;
    return {
      ...sample,
      image: clipInto(
        sample.image.map((v) => v + delta),
        range,
      ),
    };
  };
}
