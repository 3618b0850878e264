/** Horizontal (left–right) and vertical (top–bottom) mirroring. */
import { checkOptionalNumber, checkOptionalOneOf, checkOptions } from '../check';
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

/** Which axes `randomFlip` may mirror, with Keras's `RandomFlip` spellings. */
export type FlipMode = 'horizontal' | 'vertical' | 'horizontal_and_vertical';

const FLIP_MODES: readonly FlipMode[] = ['horizontal', 'vertical', 'horizontal_and_vertical'];

/** Options of `randomFlip`. */
export interface RandomFlipModeOptions extends RandomFlipOptions {
  /**
   * `'horizontal'` (left–right), `'vertical'` (top–bottom) or `'horizontal_and_vertical'`
   * (each axis flipped independently, each with `probability`).
   *
   * @defaultValue `'horizontal_and_vertical'`
   */
  mode?: FlipMode;
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

/**
 * An upside-down copy of `image`: `out[y, x] = image[h - 1 - y, x]`.
 *
 * @param image - HWC pixels.
 * @param shape - `[height, width, channels]`.
 * @returns A new image, rows in reverse order.
 * @throws {ConfigError} when `image` is not a Float32Array.
 * @throws {ShapeError} when `shape` is not three positive integers or disagrees with `image.length`.
 */
export function flipImageVertical(image: Float32Array, shape: ImageShape): Float32Array {
  const [h, w, c] = checkImage('flipImageVertical', image, shape);
  const out = new Float32Array(image.length);
  const row = w * c;
  for (let y = 0; y < h; y++) out.set(image.subarray((h - 1 - y) * row, (h - y) * row), y * row);
  return out;
}

/**
 * Mirrors each sample left–right, top–bottom or both (each axis on its own
 * draw), each with probability `probability` — Keras's `RandomFlip` as a
 * dataset transform. Vertical flips suit aerial, microscope and texture
 * images; for digits, text and most photos use `'horizontal'` or none.
 *
 * @param options - `mode` (default `'horizontal_and_vertical'`), `probability` (default 0.5), `seed`.
 * @returns A transform for `dataset.map`.
 * @throws {ConfigError} when an option is invalid.
 *
 * @example
 * ```ts
 * import { randomFlip, type ImageDataset } from '@convkit/data';
 *
 * declare const tiles: ImageDataset;
 * const augmented = tiles.map(randomFlip({ mode: 'horizontal_and_vertical', seed: 1 }));
 * ```
 */
export function randomFlip(options: RandomFlipModeOptions = {}): ImageTransform {
  const fn = 'randomFlip';
  const opts = checkOptions(fn, options);
  const mode = checkOptionalOneOf(fn, 'options.mode', opts.mode, FLIP_MODES) ?? 'horizontal_and_vertical';
  const p = checkOptionalNumber(fn, 'options.probability', opts.probability, { min: 0, max: 1 }) ?? 0.5;
  const rng = rngSource(fn, opts.seed);
  const horizontal = mode !== 'vertical';
  const vertical = mode !== 'horizontal';
  return (sample) => {
    const r = rng();
    const flipH = horizontal && r.next() < p;
    const flipV = vertical && r.next() < p;
    let image = sample.image;
    if (flipH) image = flipImageHorizontal(image, sample.shape);
    if (flipV) image = flipImageVertical(image, sample.shape);
    return image === sample.image ? sample : { ...sample, image };
  };
}
