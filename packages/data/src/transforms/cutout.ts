/**
 * Cutout (random erasing): blank out square patches so that the model cannot
 * rely on any one region of the image (DeVries & Taylor, 2017).
 */
import { ConfigError, ShapeError } from '@convkit/core';
import { checkInteger, checkNumber, checkOptionalInteger, checkOptionalNumber, checkOptions } from '../check';
import type { ImageShape } from '../image-sample';
import { checkImage, type ImageTransform, type RandomTransformOptions, rngSource } from './transform';

/** The top-left corner of a square patch, in pixels. */
export interface PatchOrigin {
  /** Row of the patch's top edge. */
  top: number;
  /** Column of the patch's left edge. */
  left: number;
}

/** Options of `randomCutout`. */
export interface RandomCutoutOptions extends RandomTransformOptions {
  /** Side of each square patch in pixels, at most the image's height and width. */
  size: number;
  /**
   * Number of patches per image. Patches are drawn independently, so they may overlap.
   *
   * @defaultValue `1`
   */
  count?: number;
  /**
   * Value written into the patches.
   *
   * @defaultValue `0`
   */
  fill?: number;
}

/**
 * A copy of `image` with a `size × size` square of `fill` at each of `patches`,
 * in every channel. Each patch must lie inside the image.
 *
 * @param image - HWC pixels.
 * @param shape - `[height, width, channels]`.
 * @param patches - Top-left corners of the patches.
 * @param size - Side of each patch in pixels, a positive integer.
 * @param fill - Value of the erased pixels; default 0.
 * @returns A new image of the same shape.
 * @throws {ConfigError} when `image` is not a Float32Array, `size` or `fill` is invalid, or a patch is not `{ top, left }` of integers.
 * @throws {ShapeError} when `shape` is invalid or a patch reaches outside the image.
 */
export function cutoutImage(
  image: Float32Array,
  shape: ImageShape,
  patches: readonly PatchOrigin[],
  size: number,
  fill = 0,
): Float32Array {
  const fn = 'cutoutImage';
  const [h, w, c] = checkImage(fn, image, shape);
  checkInteger(fn, 'size', size, { min: 1 });
  checkNumber(fn, 'fill', fill);
  if (!Array.isArray(patches)) throw new ConfigError(`${fn}: patches must be an array of { top, left }`);
  const out = Float32Array.from(image);
  patches.forEach((p, i) => {
    const top = checkInteger(fn, `patches[${i}].top`, p?.top);
    const left = checkInteger(fn, `patches[${i}].left`, p?.left);
    if (top < 0 || left < 0 || top + size > h || left + size > w) {
      throw new ShapeError(
        `${fn}: patch ${i} of size ${size} at (top ${top}, left ${left}) reaches outside the ${h}×${w} image`,
      );
    }
    erase(out, w, c, top, left, size, fill);
  });
  return out;
}

function erase(img: Float32Array, w: number, c: number, top: number, left: number, size: number, fill: number): void {
  for (let y = top; y < top + size; y++) img.fill(fill, (y * w + left) * c, (y * w + left + size) * c);
}

/**
 * Erases `count` square patches of side `size` at random places of each
 * sample (each patch lies inside the image; patches may overlap).
 *
 * @param options - `size` (required), `count` (default 1), `fill` (default 0), `seed`.
 * @returns A transform for `dataset.map`; it throws a `ShapeError` for an image smaller than `size`.
 * @throws {ConfigError} when an option is invalid.
 *
 * @example
 * ```ts
 * import { randomCutout, type ImageDataset } from '@convkit/data';
 *
 * declare const train: ImageDataset; // 32×32 CIFAR-10 images
 * const augmented = train.map(randomCutout({ size: 8, seed: 1 }));
 * ```
 */
export function randomCutout(options: RandomCutoutOptions): ImageTransform {
  const fn = 'randomCutout';
  const opts = checkOptions(fn, options);
  const size = checkInteger(fn, 'options.size', opts.size, { min: 1 });
  const count = checkOptionalInteger(fn, 'options.count', opts.count, { min: 0 }) ?? 1;
  const fill = checkOptionalNumber(fn, 'options.fill', opts.fill) ?? 0;
  const rng = rngSource(fn, opts.seed);
  return (sample) => {
    const [h, w, c] = checkImage(fn, sample.image, sample.shape);
    if (size > h || size > w) {
      throw new ShapeError(`${fn}: options.size ${size} does not fit in a ${h}×${w} image`);
    }
    const r = rng();
    const out = Float32Array.from(sample.image);
    for (let i = 0; i < count; i++) erase(out, w, c, r.int(h - size + 1), r.int(w - size + 1), size, fill);
    return { ...sample, image: out };
  };
}
