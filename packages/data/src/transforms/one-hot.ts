/** One-hot targets for classification with a categorical cross-entropy loss. */
import { ConfigError } from '@convkit/core';
import { checkInteger } from '../check';
import type { ImageTransform } from './transform';

/**
 * Adds a one-hot `target` of length `numClasses` to each sample; batches of
 * such samples get float32 `ys` of shape `[b, numClasses]`.
 *
 * @param numClasses - Length of the target vectors, a positive integer.
 * @returns A transform for `dataset.map`.
 * @throws {ConfigError} when `numClasses` is invalid; while mapping, when a label is outside `0..numClasses-1`.
 */
export function oneHot(numClasses: number): ImageTransform {
  checkInteger('oneHot', 'numClasses', numClasses, { min: 1, max: 1 << 24 });
  return (sample) => {
    const { label } = sample;
    if (!Number.isInteger(label) || label < 0 || label >= numClasses) {
      throw new ConfigError(`oneHot: label ${label} outside 0..${numClasses - 1}`);
    }
    const target = new Float32Array(numClasses);
    target[label] = 1;
    return { ...sample, target };
  };
}
