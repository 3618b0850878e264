/**
 * Random crop with padding, the classic CIFAR augmentation: pad the image by
 * `padding` pixels on every side, then cut a window of the original size at a
 * random offset. The result is the image moved by up to `padding` pixels.
 */
import { checkInteger, checkOptionalOneOf, checkOptions } from '../check';
import type { ImageShape } from '../image-sample';
import { checkImage, type ImageTransform, type RandomTransformOptions, rngSource } from './transform';
import { translateImage } from './translate';

/** How the border added around an image is filled. */
export type PadMode = 'zeros' | 'reflect';

const PAD_MODES: readonly PadMode[] = ['zeros', 'reflect'];

/** Options of `randomCrop`. */
export interface RandomCropOptions extends RandomTransformOptions {
  /** Pixels of padding on each side (the largest possible shift). */
  padding: number;
  /**
   * `'zeros'` (default) or `'reflect'` (mirror the image at its border, without repeating the edge pixel).
   *
   * @defaultValue `'zeros'`
   */
  padMode?: PadMode;
}

function reflect(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * (n - 1);
  let m = i % period;
  if (m < 0) m += period;
  return m < n ? m : period - m;
}

/**
 * The `h × w` window at (`top`, `left`) of `image` padded by `padding` on every
 * side: `out[y, x] = padded[y + top, x + left]`, with `0 <= top, left <= 2 * padding`.
 *
 * @param image - HWC pixels.
 * @param shape - `[height, width, channels]`.
 * @param padding - Pixels of padding on each side, a non-negative integer.
 * @param top - Row offset of the window in the padded image, `0..2*padding`.
 * @param left - Column offset, `0..2*padding`.
 * @param padMode - `'zeros'` (default) or `'reflect'`.
 * @returns A new image of the same shape.
 * @throws {ConfigError} when `image` is not a Float32Array.
 * @throws {ShapeError} when `shape` is not three positive integers or disagrees with `image.length`.
 * @throws {ConfigError} when `padding`, `top`, `left` or `padMode` is invalid.
 */
export function padAndCropImage(
  image: Float32Array,
  shape: ImageShape,
  padding: number,
  top: number,
  left: number,
  padMode: PadMode = 'zeros',
): Float32Array {
  const fn = 'padAndCropImage';
  checkImage(fn, image, shape);
  checkInteger(fn, 'padding', padding, { min: 0 });
  checkInteger(fn, 'top', top, { min: 0, max: 2 * padding });
  checkInteger(fn, 'left', left, { min: 0, max: 2 * padding });
  checkOptionalOneOf(fn, 'padMode', padMode, PAD_MODES);
  if (padMode === 'zeros') return translateImage(image, shape, padding - top, padding - left, 0);
  const [h, w, c] = shape;
  const out = new Float32Array(image.length);
  for (let y = 0; y < h; y++) {
    const sy = reflect(y + top - padding, h);
    for (let x = 0; x < w; x++) {
      const sx = reflect(x + left - padding, w);
      const src = (sy * w + sx) * c;
      const dst = (y * w + x) * c;
      for (let ch = 0; ch < c; ch++) out[dst + ch] = image[src + ch];
    }
  }
  return out;
}

/**
 * Pads each sample by `padding` pixels and crops it back to its size at a random offset.
 *
 * @param options - `padding` (required), `padMode` (default `'zeros'`), `seed`.
 * @returns A transform for `dataset.map`.
 * @throws {ConfigError} when an option is invalid.
 *
 * @example
 * ```ts
 * import { randomCrop, type ImageDataset } from '@convkit/data';
 *
 * declare const train: ImageDataset;
 * const augmented = train.map(randomCrop({ padding: 4, padMode: 'reflect', seed: 1 }));
 * ```
 */
export function randomCrop(options: RandomCropOptions): ImageTransform {
  const fn = 'randomCrop';
  const opts = checkOptions(fn, options);
  const padding = checkInteger(fn, 'options.padding', opts.padding, { min: 0 });
  const mode = checkOptionalOneOf(fn, 'options.padMode', opts.padMode, PAD_MODES) ?? 'zeros';
  const rng = rngSource(fn, opts.seed);
  return (sample) => {
    const r = rng();
    const top = r.int(2 * padding + 1);
    const left = r.int(2 * padding + 1);
    return { ...sample, image: padAndCropImage(sample.image, sample.shape, padding, top, left, mode) };
  };
}
