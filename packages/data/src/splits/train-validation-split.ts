/** Holding out a validation set. */
import { rngFrom } from '@convkit/core';
import { checkNumber, checkOptionalBoolean, checkOptions, checkSeed } from '../check';
import { checkSplittable, type Splittable } from '../splittable';
import { shuffledGroups, sorted } from './group-by-label';

/** Options of `trainValidationSplit`. */
export interface SplitOptions {
  /**
   * Keep each class's share the same in both parts (default `false`).
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

/** A train part and a validation part of one dataset. */
export interface TrainValidation<D> {
  /** The training part. */
  train: D;
  /** The held-out part. */
  validation: D;
}

/**
 * Splits `data` at random into train and validation views (no copying), with
 * `validationFraction` of the elements (rounded, per class when stratified) in
 * validation. Both views keep the original order of the elements.
 *
 * @typeParam D - A splittable dataset type ({@link ImageDataset} or an {@link ArrayDataset}).
 * @param data - The dataset to split.
 * @param validationFraction - Share of elements held out, in (0, 1).
 * @param options - `stratify` (default `false`) and `seed`.
 * @returns The two views.
 * @throws {ConfigError} when `data` is not splittable, `validationFraction` is not in (0, 1), or an option is invalid.
 *
 * @example
 * ```ts
 * import { ImageDataset, trainValidationSplit } from '@convkit/data';
 *
 * declare const data: ImageDataset;
 * const { train, validation } = trainValidationSplit(data, 0.1, { stratify: true, seed: 42 });
 * ```
 */
export function trainValidationSplit<D extends Splittable>(
  data: D,
  validationFraction: number,
  options: SplitOptions = {},
): TrainValidation<D> {
  const fn = 'trainValidationSplit';
  checkSplittable(fn, data);
  checkNumber(fn, 'validationFraction', validationFraction, { min: 0, max: 1, exclusive: true });
  const opts = checkOptions(fn, options);
  const stratify = checkOptionalBoolean(fn, 'options.stratify', opts.stratify) ?? false;
  const rng = rngFrom(checkSeed(fn, 'options.seed', opts.seed));
  const train: number[] = [];
  const validation: number[] = [];
  for (const group of shuffledGroups(data, stratify, rng)) {
    const nVal = Math.round(group.length * validationFraction);
    for (let i = 0; i < group.length; i++) (i < nVal ? validation : train).push(group[i]);
  }
  return { train: data.subset(sorted(train)), validation: data.subset(sorted(validation)) };
}
