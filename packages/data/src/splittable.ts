/** What the split helpers (`trainValidationSplit`, `kFold`) need from a dataset. */

/**
 * An indexable dataset of known size that can produce a view of some of its
 * elements without copying them. `ImageDataset` and the datasets of
 * `Dataset.fromArray` are splittable.
 */
export interface Splittable {
  /** Number of elements. */
  readonly size: number;
  /** A dataset of the elements at `indices` (positions in this dataset), sharing storage. */
  subset(indices: ArrayLike<number>): this;
  /** Class label of the element at `index` (used to stratify). */
  labelAt(index: number): number;
}
