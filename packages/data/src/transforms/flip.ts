/** Horizontal (left–right) mirroring. */
import { checkOptionalNumber, checkOptions } from '../check';
import type { ImageShape } from '../image-sample';
import { checkImage, type ImageTransform, type RandomTransformOptions, rngSource } from './transform';

/** Options of `randomFlipHorizontal`. */
export interface RandomFlipOptions extends RandomTransformOptions {
  /**
   * Probability of flipping a sample, in [0, 1] (default 0.5).
   *
   * @defaultValue `0.5`
   */
  probability?: number;
}

/**
 * A mirrored copy of `image`: `out[y, x] = image[y, w - 1 - x]`.
 *
 * @param image - HWC pixels.
 * @param shape - `[height, width, channels]`.
 * @returns A new, mirrored image.
 * @throws {ConfigError} when `image` is not a Float32Array.
 * @throws {ShapeError} when `shape` is not three positive integers or disagrees with `image.length`.
 */
export function flipImageHorizontal(image: Float32Array, shape: ImageShape): Float32Array {
  const [h, w, c] = checkImage('flipImageHorizontal', image, shape);
  const out = new Float32Array(image.length);
  for (let y = 0; y < h; y++) {
    const row = y * w * c;
    for (let x = 0; x < w; x++) {
      const src = row + (w - 1 - x) * c;
      const dst = row + x * c;
      for (let ch = 0; ch < c; ch++) out[dst + ch] = image[src + ch];
    }
  }
  return out;
}

/**
 * Mirrors each sample left–right with probability `probability`.
 *
 * @param options - `probability` (default 0.5), `seed`.
 * @returns A transform for `dataset.map`.
 * @throws {ConfigError} when an option is invalid.
 */
export function randomFlipHorizontal(options: RandomFlipOptions = {}): ImageTransform {
  const fn = 'randomFlipHorizontal';
  const opts = checkOptions(fn, options);
  const p = checkOptionalNumber(fn, 'options.probability', opts.probability, { min: 0, max: 1 }) ?? 0.5;
  const rng = rngSource(fn, opts.seed);
  return (sample) =>
    rng().next() < p ? { ...sample, image: flipImageHorizontal(sample.image, sample.shape) } : sample;
}
