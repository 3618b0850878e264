/** K-fold cross-validation splits. */
import { ConfigError, rngFrom } from '@convkit/core';
import type { Splittable } from '../splittable';
import { shuffledGroups, sorted } from './group-by-label';
import type { TrainValidation } from './train-validation-split';

/** Options of `kFold`. */
export interface KFoldOptions {
  /** Give every fold the same class proportions as the whole (default `false`). */
  stratify?: boolean;
  /** Seed of the random assignment (default: the global generator). */
  seed?: number;
}

/**
 * Splits `data` into `k` disjoint folds of near-equal size (they cover every
 * element) and returns `k` pairs: fold `i` as validation, the rest as train.
 * All parts are views, not copies.
 */
export function kFold<D extends Splittable>(data: D, k: number, options: KFoldOptions = {}): TrainValidation<D>[] {
  if (!Number.isInteger(k) || k < 2 || k > data.size) {
    throw new ConfigError(`kFold: k must be an integer in 2..${data.size} (the dataset size), got ${k}`);
  }
  const rng = rngFrom(options.seed);
  const folds: number[][] = Array.from({ length: k }, () => []);
  // Deal indices round-robin, continuing across classes so fold sizes differ by at most one.
  let next = 0;
  for (const group of shuffledGroups(data, options.stratify ?? false, rng)) {
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
