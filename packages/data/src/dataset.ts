/**
 * `Dataset<T>`: a lazy, re-iterable stream of elements. Nothing runs until the
 * dataset is iterated, and every `for await` starts a fresh pass from the
 * source, so one dataset object serves every epoch without copying its data.
 * Operators return new datasets and never touch the one they are called on.
 */
import { type Batch, ConfigError, getRng, Rng } from '@convkit/core';
import { checkFunction, checkInteger, checkOptionalBoolean, checkOptions, checkSeed, describeValue } from './check';
import { type CollateOptions, checkOneHot, collateImages } from './collate';
import { type ImageSample, isImageSample } from './image-sample';
import { chunkStream } from './pipeline/chunk';
import { concatenateStreams } from './pipeline/concatenate';
import { filterStream, type Predicate } from './pipeline/filter';
import { type MapFn, mapStream } from './pipeline/map';
import { prefetchStream } from './pipeline/prefetch';
import { repeatStream } from './pipeline/repeat';
import { shuffleStream } from './pipeline/shuffle';
import { skipStream } from './pipeline/skip';
import { takeStream } from './pipeline/take';
import type { Splittable } from './splittable';

/** Anything a dataset can be built from: a sync or async iterator, or an iterable. */
export type SourceOf<T> = Iterator<T> | AsyncIterator<T> | Iterable<T> | AsyncIterable<T>;

/** Options of `Dataset.batch`. */
export interface BatchOptions extends CollateOptions {
  /**
   * Drop a last batch that is smaller than `size` (default `false`).
   *
   * @defaultValue `false`
   */
  dropRemainder?: boolean;
}

/** Options of `Dataset.fromGenerator`. */
export interface GeneratorOptions {
  /** Number of elements one pass yields, when known. */
  size?: number;
}

/** A count that may also be `Infinity` (a size or a number of repetitions). */
function checkCountOrInfinity(fn: string, option: string, n: unknown): number {
  if (n === Number.POSITIVE_INFINITY) return n;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw new ConfigError(`${fn}: ${option} must be a non-negative integer or Infinity, got ${describeValue(n)}`);
  }
  return n;
}

function checkDatasets(fn: string, datasets: readonly unknown[]): void {
  datasets.forEach((d, i) => {
    if (!(d instanceof Dataset))
      throw new ConfigError(`${fn}: argument ${i} must be a Dataset, got ${describeValue(d)}`);
  });
}

async function* fromSource<T>(source: SourceOf<T>): AsyncGenerator<T> {
  const s = source as Partial<Iterable<T> & AsyncIterable<T> & Iterator<T>>;
  if (typeof s[Symbol.asyncIterator] === 'function' || typeof s[Symbol.iterator] === 'function') {
    yield* source as Iterable<T> | AsyncIterable<T>;
    return;
  }
  const it = source as Iterator<T> | AsyncIterator<T>;
  try {
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield r.value;
    }
  } finally {
    await it.return?.();
  }
}

/**
 * A lazy, re-iterable stream of elements with tf.data-style operators.
 *
 * @typeParam T - Element type.
 *
 * @example
 * ```ts
 * import { Dataset } from '@convkit/data';
 *
 * const evens = Dataset.range(10)
 *   .filter((n) => n % 2 === 0)
 *   .map((n) => n * 10);
 * console.log(await evens.toArray()); // [0, 20, 40, 60, 80]
 * ```
 */
export class Dataset<T> implements AsyncIterable<T> {
  /**
   * Number of elements one pass yields: `Infinity` after `repeat()` with no
   * count, `undefined` when it cannot be known without iterating (after
   * `filter`, or from a generator given no `size`).
   */
  readonly size: number | undefined;
  private readonly open: () => AsyncIterator<T>;

  /**
   * Low-level constructor: `open` must return a fresh iterator for every pass.
   * Prefer `Dataset.fromArray`, `Dataset.fromGenerator` or `ImageDataset`.
   *
   * @param open - Returns a fresh iterator for each pass.
   * @param size - Elements per pass, `Infinity`, or `undefined` when unknown.
   */
  protected constructor(open: () => AsyncIterator<T>, size: number | undefined) {
    this.open = open;
    this.size = size;
  }

  /**
   * A dataset whose passes are produced by calling `generator` each time, e.g.
   * `Dataset.fromGenerator(function* () { yield* rows; }, { size: rows.length })`.
   *
   * @param generator - Called once per pass; returns a (sync or async) iterator or iterable.
   * @param options - `size`: elements per pass, when known.
   * @returns A new dataset.
   * @throws {ConfigError} when `generator` is not a function or `size` is not a non-negative integer or `Infinity`.
   *
   * @example
   * ```ts
   * import { Dataset } from '@convkit/data';
   *
   * const rows = [1, 2, 3];
   * const ds = Dataset.fromGenerator(function* () { yield* rows; }, { size: rows.length });
   * ```
   */
  static fromGenerator<T>(generator: () => SourceOf<T>, options: GeneratorOptions = {}): Dataset<T> {
    const fn = 'Dataset.fromGenerator';
    checkFunction(fn, 'generator', generator);
    const { size } = checkOptions(fn, options);
    if (size !== undefined) checkCountOrInfinity(fn, 'options.size', size);
    return new Dataset(() => fromSource(generator()), size);
  }

  /**
   * An in-memory dataset over `items` (not copied). It is splittable (see
   * `trainValidationSplit`, `kFold`) and its size is known.
   *
   * @param items - The elements; kept by reference.
   * @param options - `labelOf`: class label of an element, for stratified splits.
   * @returns A splittable {@link ArrayDataset}.
   * @throws {ConfigError} when `items` is not an array or `labelOf` is not a function.
   *
   * @example
   * ```ts
   * import { Dataset } from '@convkit/data';
   *
   * const ds = Dataset.fromArray([{ x: 1, label: 0 }, { x: 2, label: 1 }]);
   * console.log(ds.size, ds.labelAt(1)); // 2 1
   * ```
   */
  static fromArray<T>(items: readonly T[], options: ArrayDatasetOptions<T> = {}): ArrayDataset<T> {
    const fn = 'Dataset.fromArray';
    if (!Array.isArray(items)) throw new ConfigError(`${fn}: items must be an array, got ${describeValue(items)}`);
    const { labelOf } = checkOptions(fn, options);
    if (labelOf !== undefined) checkFunction(fn, 'options.labelOf', labelOf);
    return new ArrayDataset(items, options);
  }

  /**
   * A dataset of `0, 1, ..., n - 1`.
   *
   * @param n - Number of elements, a non-negative integer.
   * @returns A new dataset of size `n`.
   * @throws {ConfigError} when `n` is not a non-negative integer.
   */
  static range(n: number): Dataset<number> {
    checkInteger('Dataset.range', 'n', n, { min: 0 });
    return new Dataset(async function* () {
      for (let i = 0; i < n; i++) yield i;
    }, n);
  }

  /**
   * The elements of every dataset in turn.
   *
   * @param datasets - Datasets to chain, in order.
   * @returns A new dataset; its size is the sum of the sizes, when all are known.
   * @throws {ConfigError} when an argument is not a Dataset.
   */
  static concatenate<T>(...datasets: Dataset<T>[]): Dataset<T> {
    checkDatasets('Dataset.concatenate', datasets);
    let size: number | undefined = 0;
    for (const d of datasets) size = size === undefined || d.size === undefined ? undefined : size + d.size;
    return new Dataset(() => concatenateStreams(datasets), size);
  }

  /**
   * Starts a fresh pass over the dataset.
   *
   * @returns A new iterator.
   */
  [Symbol.asyncIterator](): AsyncIterator<T> {
    return this.open();
  }

  /** Number of elements per pass, as `BatchSource` expects (`fit` uses it for progress and ETA). */
  get batchCount(): number | undefined {
    return this.size !== undefined && Number.isFinite(this.size) ? this.size : undefined;
  }

  /**
   * Applies `fn` to each element, lazily (it runs only when the dataset is iterated).
   *
   * @param fn - Maps an element to a new element; may return a promise.
   * @returns A new dataset of the same size.
   * @throws {ConfigError} when `fn` is not a function.
   */
  map<U>(fn: MapFn<T, U>): Dataset<U> {
    checkFunction('Dataset.map', 'fn', fn);
    return new Dataset(() => mapStream(this, fn), this.size);
  }

  /**
   * Keeps the elements for which `keep` returns true. The size becomes unknown.
   *
   * @param keep - Predicate on an element; may be async.
   * @returns A new dataset.
   * @throws {ConfigError} when `keep` is not a function.
   */
  filter(keep: Predicate<T>): Dataset<T> {
    checkFunction('Dataset.filter', 'keep', keep);
    return new Dataset(() => filterStream(this, keep), undefined);
  }

  /**
   * Shuffles with a buffer of `bufferSize` elements (use at least the dataset
   * size for a full uniform shuffle; buffered elements are references, not
   * copies). Every pass draws a new order; the sequence of orders is
   * reproducible for a given `seed`. Without a seed, each pass forks the global
   * generator (see `setSeed` in `@convkit/core`).
   *
   * @param bufferSize - Elements held in the shuffle buffer, `>= 1`.
   * @param seed - Seed of the sequence of orders; default the global generator.
   * @returns A new dataset of the same size.
   * @throws {ConfigError} when `bufferSize` is not a positive integer or `seed` is not an integer.
   */
  shuffle(bufferSize: number, seed?: number): Dataset<T> {
    checkInteger('Dataset.shuffle', 'bufferSize', bufferSize, { min: 1 });
    checkSeed('Dataset.shuffle', 'seed', seed);
    const master = seed === undefined ? undefined : new Rng(seed);
    return new Dataset(() => {
      const rng = master ? master.fork() : getRng().fork();
      return shuffleStream(this, bufferSize, rng);
    }, this.size);
  }

  /**
   * Groups consecutive elements. On a dataset of `ImageSample`s each group is
   * stacked into a `Batch` (`xs` float32 `[b, h, w, c]`, `ys` int32 `[b]` or
   * float32 `[b, k]`), which makes the result a `BatchSource` for `fit`; whoever
   * consumes a batch disposes its tensors. Other elements are grouped into arrays.
   *
   * @param this - A dataset of image samples.
   * @param size - Elements per batch, `>= 1`.
   * @param options - `dropRemainder` (default `false`) and `oneHot` (number of classes).
   * @returns A dataset of batches: `ceil(size / batchSize)` of them (`floor` with `dropRemainder`).
   * @throws {ConfigError} when `size` is not a positive integer or `oneHot` is invalid.
   * @throws {ShapeError} while iterating, when the images of one batch differ in shape or a label
   *   lies outside `0..oneHot-1`.
   *
   * @example
   * ```ts
   * import { ImageDataset } from '@convkit/data';
   *
   * const ds = ImageDataset.fromUint8(new Uint8Array(4 * 28 * 28), [0, 1, 2, 3], [28, 28, 1]);
   * const batches = ds.shuffle(4, 1).batch(2, { oneHot: 10 });
   * for await (const { xs, ys } of batches) {
   *   console.log(xs.shape, ys.shape); // [2, 28, 28, 1] [2, 10]
   *   xs.dispose();
   *   ys.dispose();
   * }
   * ```
   */
  batch(this: Dataset<ImageSample>, size: number, options?: BatchOptions): Dataset<Batch>;
  /**
   * Groups consecutive elements that are not image samples into arrays.
   *
   * @param size - Elements per group, `>= 1`.
   * @param options - `dropRemainder` (default `false`).
   * @returns A dataset of arrays.
   * @throws {ConfigError} when `size` is not a positive integer.
   */
  batch(size: number, options?: BatchOptions): Dataset<T[]>;
  batch(size: number, options: BatchOptions = {}): Dataset<T[]> | Dataset<Batch> {
    const fn = 'Dataset.batch';
    checkInteger(fn, 'size', size, { min: 1 });
    const opts = checkOptions(fn, options);
    const drop = checkOptionalBoolean(fn, 'options.dropRemainder', opts.dropRemainder) ?? false;
    checkOneHot(fn, opts.oneHot);
    const n = this.size === undefined ? undefined : drop ? Math.floor(this.size / size) : Math.ceil(this.size / size);
    return new Dataset<T[] | Batch>(
      () =>
        mapStream(chunkStream(this, size, drop), (group) =>
          isImageSample(group[0]) ? collateImages(group as unknown as ImageSample[], opts) : group,
        ),
      n,
    ) as Dataset<T[]>;
  }

  /**
   * The first `count` elements.
   *
   * @param count - A non-negative integer.
   * @returns A new dataset.
   * @throws {ConfigError} when `count` is not a non-negative integer.
   */
  take(count: number): Dataset<T> {
    checkInteger('Dataset.take', 'count', count, { min: 0 });
    return new Dataset(() => takeStream(this, count), this.size === undefined ? undefined : Math.min(count, this.size));
  }

  /**
   * Every element after the first `count`.
   *
   * @param count - A non-negative integer.
   * @returns A new dataset.
   * @throws {ConfigError} when `count` is not a non-negative integer.
   */
  skip(count: number): Dataset<T> {
    checkInteger('Dataset.skip', 'count', count, { min: 0 });
    return new Dataset(
      () => skipStream(this, count),
      this.size === undefined ? undefined : Math.max(0, this.size - count),
    );
  }

  /**
   * Reads up to `bufferSize` elements ahead so producing them overlaps with
   * consuming them. Order is unchanged; batches read ahead but never consumed
   * (the consumer stopped early) are disposed.
   *
   * @param bufferSize - Elements read ahead, `>= 1`; default 2.
   * @returns A new dataset with the same elements.
   * @throws {ConfigError} when `bufferSize` is not a positive integer.
   */
  prefetch(bufferSize = 2): Dataset<T> {
    checkInteger('Dataset.prefetch', 'bufferSize', bufferSize, { min: 1 });
    return new Dataset(() => prefetchStream(this, bufferSize), this.size);
  }

  /**
   * Passes over the dataset `count` times, or forever when `count` is omitted (size `Infinity`).
   *
   * @param count - Number of passes, or `Infinity` (the default).
   * @returns A new dataset.
   * @throws {ConfigError} when `count` is not a non-negative integer or `Infinity`.
   */
  repeat(count: number = Number.POSITIVE_INFINITY): Dataset<T> {
    checkCountOrInfinity('Dataset.repeat', 'count', count);
    const size = this.size === undefined ? undefined : this.size === 0 ? 0 : this.size * count;
    return new Dataset(() => repeatStream(this, count), size);
  }

  /**
   * This dataset's elements followed by `other`'s.
   *
   * @param other - Dataset to append.
   * @returns A new dataset.
   * @throws {ConfigError} when `other` is not a Dataset.
   */
  concatenate(other: Dataset<T>): Dataset<T> {
    checkDatasets('Dataset.concatenate', [other]);
    return Dataset.concatenate(this, other);
  }

  /**
   * Runs `fn` on every element of one pass, awaiting it when it returns a promise.
   *
   * @param fn - Called with each element.
   * @returns Resolves when the pass is over.
   * @throws {ConfigError} when `fn` is not a function.
   */
  async forEach(fn: (item: T) => void | Promise<void>): Promise<void> {
    checkFunction('Dataset.forEach', 'fn', fn);
    for await (const item of this) await fn(item);
  }

  /**
   * Collects one pass into an array.
   *
   * @returns The elements of one pass.
   * @throws {ConfigError} when the dataset is infinite (`take(n)` first).
   */
  async toArray(): Promise<T[]> {
    if (this.size === Number.POSITIVE_INFINITY)
      throw new ConfigError('Dataset.toArray: the dataset is infinite; take(n) first');
    const out: T[] = [];
    for await (const item of this) out.push(item);
    return out;
  }
}

/** Options of `Dataset.fromArray`. */
export interface ArrayDatasetOptions<T> {
  /**
   * Class label of an element, used by stratified splits.
   *
   * @param item - The element.
   * @defaultValue the element's numeric `label` field, or the element itself when it is a number
   */
  labelOf?: (item: T) => number;
}

/**
 * An in-memory dataset over an array (see `Dataset.fromArray`). It is
 * splittable: `subset` returns a view over the same array, not a copy.
 */
export class ArrayDataset<T> extends Dataset<T> implements Splittable {
  declare readonly size: number;
  private readonly items: readonly T[];
  private readonly order: Int32Array | undefined;
  private readonly labelOf: ((item: T) => number) | undefined;

  /**
   * Wraps `items` (not copied). Prefer {@link Dataset.fromArray}.
   *
   * @param items - The elements.
   * @param options - `labelOf`, see {@link ArrayDatasetOptions}.
   * @param order - Positions in `items` this view yields; default all, in order.
   * @throws {ConfigError} when `items` is not an array or `labelOf` is not a function.
   */
  constructor(items: readonly T[], options: ArrayDatasetOptions<T> = {}, order?: Int32Array) {
    const n = order ? order.length : items.length;
    super(async function* () {
      for (let i = 0; i < n; i++) yield items[order ? order[i] : i];
    }, n);
    this.items = items;
    this.order = order;
    this.labelOf = options.labelOf;
  }

  /**
   * The element at position `index` of this view.
   *
   * @param index - Position, `0..size-1`.
   * @returns The element.
   * @throws {ConfigError} when `index` is out of range.
   */
  at(index: number): T {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) {
      throw new ConfigError(`ArrayDataset.at: index ${index} outside 0..${this.size - 1}`);
    }
    return this.items[this.order ? this.order[index] : index];
  }

  /**
   * Label of the element at `index`: `labelOf(item)`, else its numeric `label` field, else the item if it is a number.
   *
   * @param index - Position, `0..size-1`.
   * @returns The class label.
   * @throws {ConfigError} when `index` is out of range or the element has no label.
   */
  labelAt(index: number): number {
    const item = this.at(index);
    if (this.labelOf) return this.labelOf(item);
    const label = typeof item === 'number' ? item : (item as { label?: unknown } | null)?.label;
    if (typeof label !== 'number') {
      throw new ConfigError(
        'ArrayDataset.labelAt: elements have no numeric `label`; pass `labelOf` to Dataset.fromArray',
      );
    }
    return label;
  }

  /**
   * A view of the elements at `indices` (positions in this view), sharing the array.
   *
   * @param indices - Positions in this view.
   * @returns A new view of the same class.
   * @throws {ConfigError} when an index is out of range.
   */
  subset(indices: ArrayLike<number>): this {
    const order = new Int32Array(indices.length);
    for (let i = 0; i < indices.length; i++) {
      const j = indices[i];
      if (!Number.isInteger(j) || j < 0 || j >= this.size) {
        throw new ConfigError(`ArrayDataset.subset: index ${j} outside 0..${this.size - 1}`);
      }
      order[i] = this.order ? this.order[j] : j;
    }
    return new ArrayDataset(this.items, { labelOf: this.labelOf }, order) as this;
  }
}
