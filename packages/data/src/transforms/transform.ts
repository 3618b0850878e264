/** The shape of every per-sample image transform, and composition. */
import { ConfigError, formatShape, getRng, Rng, ShapeError } from '@convkit/core';
import { checkFunction, checkSeed, describeValue } from '../check';
import type { ImageSample, ImageShape } from '../image-sample';

/**
 * A per-sample image transform, for `dataset.map(transform)`. It never mutates its input.
 *
 * @param sample - The input sample.
 * @returns A new sample.
 */
export type ImageTransform = (sample: ImageSample) => ImageSample;

/** Options shared by random transforms. */
export interface RandomTransformOptions {
  /**
   * Seed of the transform's own generator: the sequence of random choices is
   * reproducible and changes from epoch to epoch. Without a seed, draws come
   * from the global generator (see `setSeed` in `@convkit/core`).
   */
  seed?: number;
}

/**
 * Applies `transforms` left to right.
 *
 * @param transforms - Transforms to chain.
 * @returns One transform.
 * @throws {ConfigError} when an argument is not a function.
 *
 * @example
 * ```ts
 * import { compose, randomCrop, randomFlipHorizontal, type ImageDataset } from '@convkit/data';
 *
 * declare const train: ImageDataset;
 * const augment = compose(randomCrop({ padding: 4 }), randomFlipHorizontal());
 * const batches = train.shuffle(train.size).map(augment).batch(128);
 * ```
 */
export function compose(...transforms: ImageTransform[]): ImageTransform {
  transforms.forEach((t, i) => {
    checkFunction('compose', `transforms[${i}]`, t);
  });
  return (sample) => {
    let s = sample;
    for (const t of transforms) s = t(s);
    return s;
  };
}

/**
 * Returns a function giving the transform's generator: its own for a seed,
 * else the current global one. `fn` names the transform when the seed is invalid.
 */
export function rngSource(fn: string, seed: number | undefined): () => Rng {
  checkSeed(fn, 'options.seed', seed);
  if (seed === undefined) return getRng;
  const own = new Rng(seed);
  return () => own;
}

/**
 * Checks the image arguments of array function `fn`: `image` a `Float32Array`
 * of `h × w × c` values for a `shape` of three positive integers.
 */
export function checkImage(fn: string, image: unknown, shape: unknown): ImageShape {
  if (!(image instanceof Float32Array)) {
    throw new ConfigError(`${fn}: image must be a Float32Array (HWC), got ${describeValue(image)}`);
  }
  const s = shape as ImageShape;
  if (!Array.isArray(s) || s.length !== 3 || !s.every((d) => Number.isSafeInteger(d) && d > 0)) {
    throw new ShapeError(
      `${fn}: shape must be [height, width, channels] of positive integers, got ${describeValue(shape)}`,
    );
  }
  if (image.length !== s[0] * s[1] * s[2]) {
    throw new ShapeError(
      `${fn}: image has ${image.length} values but shape ${formatShape(s)} needs ${s[0] * s[1] * s[2]}`,
    );
  }
  return s;
}
