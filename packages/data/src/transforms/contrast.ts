/** Contrast changes: scale each channel's deviations from its mean. */
import { ConfigError } from '@convkit/core';
import { checkNumber, checkOptions, describeValue } from '../check';
import type { ImageShape } from '../image-sample';
import { checkValueRange, clipInto } from './range';
import { checkImage, type ImageTransform, type RandomTransformOptions, rngSource } from './transform';

/** Options of `randomContrast`. */
export interface RandomContrastOptions extends RandomTransformOptions {
  /**
   * As Keras: the contrast factor is drawn from `[1 − lower, 1 + upper]`, with
   * `factor` = `lower` = `upper` or `[lower, upper]`, each in [0, 1]. `0.2`
   * draws from [0.8, 1.2].
   */
  factor: number | readonly [lower: number, upper: number];
  /**
   * Clip the results into `[min, max]`, e.g. `[0, 1]`.
   *
   * @defaultValue none (no clipping)
   */
  valueRange?: readonly [min: number, max: number];
}

/**
 * `image` with its contrast scaled by `factor`: in each channel,
 * `out = mean + factor × (x − mean)`, the mean taken over the image's pixels.
 * Factor 1 is the identity, 0 a flat image of channel means, 2 doubles the contrast.
 *
 * @param image - HWC pixels.
 * @param shape - `[height, width, channels]`.
 * @param factor - A finite number ≥ 0.
 * @param valueRange - Optional `[min, max]` to clip into.
 * @returns A new image of the same shape.
 * @throws {ConfigError} when `image` is not a Float32Array, `factor` is not a number ≥ 0 or `valueRange` is invalid.
 * @throws {ShapeError} when `shape` is not three positive integers or disagrees with `image.length`.
 */
export function adjustContrast(
  image: Float32Array,
  shape: ImageShape,
  factor: number,
  valueRange?: readonly [min: number, max: number],
): Float32Array {
  const fn = 'adjustContrast';
  checkImage(fn, image, shape);
  checkNumber(fn, 'factor', factor, { min: 0 });
  return contrastChecked(image, shape, factor, checkValueRange(fn, 'valueRange', valueRange));
}

function contrastChecked(
  image: Float32Array,
  shape: ImageShape,
  factor: number,
  range: [number, number] | undefined,
): Float32Array {
  const c = shape[2];
  const pixels = shape[0] * shape[1];
  const mean = new Float64Array(c);
  for (let i = 0; i < image.length; i++) mean[i % c] += image[i];
  for (let ch = 0; ch < c; ch++) mean[ch] /= pixels;
  const out = new Float32Array(image.length);
  for (let i = 0; i < image.length; i++) {
    const m = mean[i % c];
    out[i] = m + factor * (image[i] - m);
  }
  return clipInto(out, range);
}

/**
 * Changes the contrast of each sample by a factor drawn uniformly from
 * `[1 − lower, 1 + upper]` — Keras's `RandomContrast` as a dataset transform.
 *
 * @param options - `factor` (required), `valueRange`, `seed`.
 * @returns A transform for `dataset.map`.
 * @throws {ConfigError} when an option is invalid.
 *
 * @example
 * ```ts
 * import { randomContrast, type ImageDataset } from '@convkit/data';
 *
 * declare const train: ImageDataset;
 * const augmented = train.map(randomContrast({ factor: 0.3, valueRange: [0, 1], seed: 1 }));
 * ```
 */
export function randomContrast(options: RandomContrastOptions): ImageTransform {
  const fn = 'randomContrast';
  const opts = checkOptions(fn, options);
  const [lower, upper] = contrastBounds(fn, opts.factor);
  const range = checkValueRange(fn, 'options.valueRange', opts.valueRange);
  const rng = rngSource(fn, opts.seed);
  return (sample) => {
    checkImage(fn, sample.image, sample.shape);
    const factor = rng().uniform(1 - lower, 1 + upper);
    return { ...sample, image: contrastChecked(sample.image, sample.shape, factor, range) };
  };
}

function contrastBounds(fn: string, value: unknown): [number, number] {
  const pair = typeof value === 'number' ? [value, value] : value;
  const ok =
    Array.isArray(pair) &&
    pair.length === 2 &&
    pair.every((v) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1);
  if (!ok) {
    throw new ConfigError(
      `${fn}: options.factor must be a number in [0, 1] or a pair [lower, upper] of them, got ${describeValue(value)}${Array.isArray(value) ? ` [${value.join(', ')}]` : ''}`,
    );
  }
  return [pair[0], pair[1]];
}
