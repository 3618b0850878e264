/** What the split helpers (`trainValidationSplit`, `kFold`) need from a dataset. */
import { ConfigError } from '@convkit/core';
import { describeValue } from './check';

/**
 * An indexable dataset of known size that can produce a view of some of its
 * elements without copying them. `ImageDataset` and the datasets of
 * `Dataset.fromArray` are splittable.
 */
export interface Splittable {
  /** Number of elements. */
  readonly size: number;
  /**
   * A dataset of the elements at `indices` (positions in this dataset), sharing storage.
   *
   * @param indices - Positions in this dataset.
   * @returns A view; no elements are copied.
   */
  subset(indices: ArrayLike<number>): this;
  /**
   * Class label of the element at `index` (used to stratify).
   *
   * @param index - Position in this dataset.
   * @returns The class label.
   */
  labelAt(index: number): number;
}

/** Checks that `data`, given to `fn`, is splittable (an `ImageDataset`, or a dataset from `Dataset.fromArray`). */
export function checkSplittable(fn: string, data: unknown): void {
  const d = data as Partial<Splittable> | null;
  if (
    typeof d !== 'object' ||
    d === null ||
    typeof d.size !== 'number' ||
    !Number.isSafeInteger(d.size) ||
    typeof d.subset !== 'function' ||
    typeof d.labelAt !== 'function'
  ) {
    throw new ConfigError(
      `${fn}: data must be a splittable dataset of known size (an ImageDataset or Dataset.fromArray(...)), got ${describeValue(data)}`,
    );
  }
}
