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
  /** Drop a last batch that is smaller than `size` (default `false`). */
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

/** A lazy, re-iterable stream of elements with tf.data-style operators. */
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
   */
  protected constructor(open: () => AsyncIterator<T>, size: number | undefined) {
    this.open = open;
    this.size = size;
  }

  /**
   * A dataset whose passes are produced by calling `generator` each time, e.g.
   * `Dataset.fromGenerator(function* () { yield* rows; }, { size: rows.length })`.
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
   */
  static fromArray<T>(items: readonly T[], options: ArrayDatasetOptions<T> = {}): ArrayDataset<T> {
    const fn = 'Dataset.fromArray';
    if (!Array.isArray(items)) throw new ConfigError(`${fn}: items must be an array, got ${describeValue(items)}`);
    const { labelOf } = checkOptions(fn, options);
    if (labelOf !== undefined) checkFunction(fn, 'options.labelOf', labelOf);
    return new ArrayDataset(items, options);
  }

  /** A dataset of `0, 1, ..., n - 1`. */
  static range(n: number): Dataset<number> {
    checkInteger('Dataset.range', 'n', n, { min: 0 });
    return new Dataset(async function* () {
      for (let i = 0; i < n; i++) yield i;
    }, n);
  }

  /** The elements of every dataset in turn. */
  static concatenate<T>(...datasets: Dataset<T>[]): Dataset<T> {
    checkDatasets('Dataset.concatenate', datasets);
    let size: number | undefined = 0;
    for (const d of datasets) size = size === undefined || d.size === undefined ? undefined : size + d.size;
    return new Dataset(() => concatenateStreams(datasets), size);
  }

  /** Starts a fresh pass over the dataset. */
  [Symbol.asyncIterator](): AsyncIterator<T> {
    return this.open();
  }

  /** Number of elements per pass, as `BatchSource` expects (`fit` uses it for progress and ETA). */
  get batchCount(): number | undefined {
    return this.size !== undefined && Number.isFinite(this.size) ? this.size : undefined;
  }

  /** Applies `fn` to each element, lazily (it runs only when the dataset is iterated). */
  map<U>(fn: MapFn<T, U>): Dataset<U> {
    checkFunction('Dataset.map', 'fn', fn);
    return new Dataset(() => mapStream(this, fn), this.size);
  }

  /** Keeps the elements for which `keep` returns true. The size becomes unknown. */
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
   */
  batch(this: Dataset<ImageSample>, size: number, options?: BatchOptions): Dataset<Batch>;
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

  /** The first `count` elements. */
  take(count: number): Dataset<T> {
    checkInteger('Dataset.take', 'count', count, { min: 0 });
    return new Dataset(() => takeStream(this, count), this.size === undefined ? undefined : Math.min(count, this.size));
  }

  /** Every element after the first `count`. */
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
   */
  prefetch(bufferSize = 2): Dataset<T> {
    checkInteger('Dataset.prefetch', 'bufferSize', bufferSize, { min: 1 });
    return new Dataset(() => prefetchStream(this, bufferSize), this.size);
  }

  /** Passes over the dataset `count` times, or forever when `count` is omitted (size `Infinity`). */
  repeat(count: number = Number.POSITIVE_INFINITY): Dataset<T> {
    checkCountOrInfinity('Dataset.repeat', 'count', count);
    const size = this.size === undefined ? undefined : this.size === 0 ? 0 : this.size * count;
    return new Dataset(() => repeatStream(this, count), size);
  }

  /** This dataset's elements followed by `other`'s. */
  concatenate(other: Dataset<T>): Dataset<T> {
    checkDatasets('Dataset.concatenate', [other]);
    return Dataset.concatenate(this, other);
  }

  /** Runs `fn` on every element of one pass, awaiting it when it returns a promise. */
  async forEach(fn: (item: T) => void | Promise<void>): Promise<void> {
    checkFunction('Dataset.forEach', 'fn', fn);
    for await (const item of this) await fn(item);
  }

  /** Collects one pass into an array (never call on an infinite dataset). */
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
  /** Class label of an element, used by stratified splits. Defaults to the element's numeric `label` field. */
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

  /** Wraps `items` (not copied); `order`, when given, lists the positions this view yields. */
  constructor(items: readonly T[], options: ArrayDatasetOptions<T> = {}, order?: Int32Array) {
    const n = order ? order.length : items.length;
    super(async function* () {
      for (let i = 0; i < n; i++) yield items[order ? order[i] : i];
    }, n);
    this.items = items;
    this.order = order;
    this.labelOf = options.labelOf;
  }

  /** The element at position `index` of this view. */
  at(index: number): T {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) {
      throw new ConfigError(`ArrayDataset.at: index ${index} outside 0..${this.size - 1}`);
    }
    return this.items[this.order ? this.order[index] : index];
  }

  /** Label of the element at `index`: `labelOf(item)`, else its numeric `label` field, else the item if it is a number. */
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

  /** A view of the elements at `indices` (positions in this view), sharing the array. */
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
