/** K-fold cross-validation splits. */
import { ConfigError, rngFrom } from '@convkit/core';
import { checkInteger, checkOptionalBoolean, checkOptions, checkSeed } from '../check';
import { checkSplittable, type Splittable } from '../splittable';
import { shuffledGroups, sorted } from './group-by-label';
import type { TrainValidation } from './train-validation-split';

/** Options of `kFold`. */
export interface KFoldOptions {
  /**
   * Give every fold the same class proportions as the whole (default `false`).
   *
   * @defaultValue `false`
   */
  stratify?: boolean;
  /**
   * Seed of the random assignment (default: the global generator).
   *
   * @defaultValue the global generator (see `setSeed`)
   */
  seed?: number;
}

/**
 * Splits `data` into `k` disjoint folds of near-equal size (they cover every
 * element) and returns `k` pairs: fold `i` as validation, the rest as train.
 * All parts are views, not copies.
 *
 * @typeParam D - A splittable dataset type ({@link ImageDataset} or an {@link ArrayDataset}).
 * @param data - The dataset to split.
 * @param k - Number of folds, an integer from 2 to `data.size`.
 * @param options - `stratify` (default `false`) and `seed`.
 * @returns `k` train/validation pairs.
 * @throws {ConfigError} when `data` is not splittable, `k` is out of range or an option is invalid.
 *
 * @example
 * ```ts
 * import { ImageDataset, kFold } from '@convkit/data';
 *
 * declare const data: ImageDataset;
 * for (const { train, validation } of kFold(data, 5, { stratify: true, seed: 1 })) {
 *   console.log(train.size, validation.size);
 * }
 * ```
 */
export function kFold<D extends Splittable>(data: D, k: number, options: KFoldOptions = {}): TrainValidation<D>[] {
  const fn = 'kFold';
  checkSplittable(fn, data);
  if (data.size < 2) throw new ConfigError(`kFold: the dataset has ${data.size} elements; k folds need at least 2`);
  checkInteger(fn, 'k', k, { min: 2, max: data.size });
  const opts = checkOptions(fn, options);
  const stratify = checkOptionalBoolean(fn, 'options.stratify', opts.stratify) ?? false;
  const rng = rngFrom(checkSeed(fn, 'options.seed', opts.seed));
  const folds: number[][] = Array.from({ length: k }, () => []);
  // Deal indices round-robin, continuing across classes so fold sizes differ by at most one.
  let next = 0;
  for (const group of shuffledGroups(data, stratify, rng)) {
    for (const index of group) {
      folds[next].push(index);
      next = (next + 1) % k;
    }
  }
  return folds.map((fold, i) => {
    const train: number[] = [];
    folds.forEach((f, j) => {
      if (j !== i) for (const index of f) train.push(index);
    });
    return { train: data.subset(sorted(train)), validation: data.subset(sorted(fold)) };
  });
}
