/**
 * `ImageDataset`: N labelled images stored once, in one `Float32Array` of
 * N×H×W×C floats plus an `Int32Array` of labels. Samples are views into that
 * buffer and subsets are index lists, so iterating, shuffling, splitting and
 * batching never copy the pixels of the whole set.
 */
import { type Batch, ConfigError, formatShape, ShapeError } from '@convkit/core';
import { checkClassNames, checkOptionalBoolean, checkOptionalInteger, checkOptions, describeValue } from './check';
import { type CollateOptions, collateImages } from './collate';
import { Dataset } from './dataset';
import { type ImageSample, type ImageShape, imageSize } from './image-sample';
import type { Splittable } from './splittable';

/** What an `ImageDataset` is built from. */
export interface ImageDatasetInit {
  /** N×H×W×C floats, HWC per image. Not copied. */
  images: Float32Array;
  /** N integer class labels, `0 <= label < numClasses`. Copied into an `Int32Array` unless already one. */
  labels: ArrayLike<number>;
  /** `[height, width, channels]` of every image. */
  shape: ImageShape;
  /**
   * Number of classes, a positive integer (default: largest label + 1).
   *
   * @defaultValue largest label + 1
   */
  numClasses?: number;
  /** Optional human-readable class names, index = label (at least `numClasses` of them). */
  classNames?: readonly string[];
}

/** Options of `ImageDataset.fromUint8`. */
export interface FromUint8Options {
  /**
   * Divide by 255 so pixels lie in [0, 1] (default `true`); `false` keeps 0..255.
   *
   * @defaultValue `true`
   */
  scale?: boolean;
  /**
   * Number of classes (default: largest label + 1).
   *
   * @defaultValue largest label + 1
   */
  numClasses?: number;
  /** Optional class names, index = label. */
  classNames?: readonly string[];
}

/** Largest `numClasses` accepted (2^24): more is a mistake, and would make `classCounts` allocate absurd arrays. */
const MAX_CLASSES = 1 << 24;

interface Storage {
  images: Float32Array;
  labels: Int32Array;
  shape: ImageShape;
  numClasses: number;
  classNames: readonly string[] | undefined;
}

function checkShape(shape: ImageShape): void {
  if (shape.length !== 3 || !shape.every((d) => Number.isInteger(d) && d > 0)) {
    throw new ShapeError(
      `ImageDataset: shape must be [height, width, channels] of positive integers, got ${formatShape(shape)}`,
    );
  }
}

/**
 * An in-memory dataset of labelled images that shares one pixel buffer across views.
 *
 * @example
 * ```ts
 * import { ImageDataset } from '@convkit/data';
 *
 * const ds = new ImageDataset({
 *   images: new Float32Array(3 * 2 * 2 * 1),
 *   labels: [0, 1, 1],
 *   shape: [2, 2, 1],
 * });
 * console.log(ds.size, ds.numClasses, ds.classCounts()); // 3 2 [1, 2]
 * ```
 */
export class ImageDataset extends Dataset<ImageSample> implements Splittable {
  declare readonly size: number;
  /** `[height, width, channels]` of every image. */
  readonly shape: ImageShape;
  /** Number of classes. */
  readonly numClasses: number;
  /** Class names when known (e.g. Fashion-MNIST's), index = label. */
  readonly classNames: readonly string[] | undefined;
  private readonly storage: Storage;
  private readonly order: Int32Array | undefined;

  /**
   * Wraps `init.images` and `init.labels`; validates that their lengths agree with `init.shape`.
   *
   * @param init - Pixels, labels, shape and optional class count and names.
   * @throws {ConfigError} when `init.images` is not a Float32Array, a label is not a non-negative integer, or `numClasses` is too small.
   * @throws {ShapeError} when `shape` is not three positive integers or the pixel count does not match `labels.length × shape`.
   */
  constructor(init: ImageDatasetInit);
  /**
   * @internal A view of `storage` through `order`.
   *
   * @param init - Unused when `storage` is given.
   * @param order - Positions in `storage` this view yields.
   * @param storage - The shared pixel and label buffers.
   */
  constructor(init: ImageDatasetInit, order: Int32Array | undefined, storage: Storage);
  constructor(init: ImageDatasetInit, order?: Int32Array, storage?: Storage) {
    const st = storage ?? ImageDataset.validate(init);
    const n = order ? order.length : st.labels.length;
    const size = imageSize(st.shape);
    super(async function* () {
      for (let i = 0; i < n; i++) {
        const j = order ? order[i] : i;
        yield { image: st.images.subarray(j * size, (j + 1) * size), shape: st.shape, label: st.labels[j] };
      }
    }, n);
    this.storage = st;
    this.order = order;
    this.shape = st.shape;
    this.numClasses = st.numClasses;
    this.classNames = st.classNames;
  }

  private static validate(init: ImageDatasetInit): Storage {
    const fn = 'ImageDataset';
    checkOptions(fn, init, 'init');
    if (!(init.images instanceof Float32Array)) {
      throw new ConfigError(
        `${fn}: init.images must be a Float32Array (N×H×W×C, HWC), got ${describeValue(init.images)}`,
      );
    }
    if (typeof (init.labels as ArrayLike<number> | null)?.length !== 'number') {
      throw new ConfigError(`${fn}: init.labels must be an array of integer labels, got ${describeValue(init.labels)}`);
    }
    if (!Array.isArray(init.shape)) {
      throw new ShapeError(`${fn}: shape must be [height, width, channels], got ${describeValue(init.shape)}`);
    }
    const shape = [...init.shape] as unknown as ImageShape;
    checkShape(shape);
    const size = imageSize(shape);
    const n = init.labels.length;
    if (init.images.length !== n * size) {
      throw new ShapeError(
        `ImageDataset: ${n} labels need ${n} × ${formatShape(shape)} = ${n * size} pixel values, got ${init.images.length}`,
      );
    }
    const labels = init.labels instanceof Int32Array ? init.labels : Int32Array.from(init.labels);
    let max = -1;
    for (let i = 0; i < n; i++) {
      const l = labels[i];
      if (l < 0 || l !== init.labels[i])
        throw new ConfigError(`ImageDataset: label ${init.labels[i]} at ${i} is not a non-negative integer`);
      if (l > max) max = l;
    }
    const given = checkOptionalInteger(fn, 'numClasses', init.numClasses, { min: 1, max: MAX_CLASSES });
    const numClasses = given ?? Math.max(1, max + 1);
    if (numClasses < max + 1) {
      throw new ConfigError(`ImageDataset: numClasses ${numClasses} is less than largest label + 1 (${max + 1})`);
    }
    const classNames = checkClassNames(fn, init.classNames, numClasses);
    return { images: init.images, labels, shape, numClasses, classNames };
  }

  /**
   * Builds a dataset from bytes (0..255), converting once to float32, scaled to [0, 1] unless `scale: false`.
   *
   * @param pixels - N×H×W×C bytes, HWC per image.
   * @param labels - N integer labels.
   * @param shape - `[height, width, channels]`.
   * @param options - `scale` (default `true`), `numClasses`, `classNames`.
   * @returns A new dataset.
   * @throws {ConfigError} when `pixels` is not a Uint8Array or an option or label is invalid.
   * @throws {ShapeError} when the pixel count does not match `labels.length × shape`.
   *
   * @example
   * ```ts
   * import { ImageDataset } from '@convkit/data';
   *
   * const ds = ImageDataset.fromUint8(new Uint8Array(2 * 28 * 28), [3, 7], [28, 28, 1], { numClasses: 10 });
   * ```
   */
  static fromUint8(
    pixels: Uint8Array,
    labels: ArrayLike<number>,
    shape: ImageShape,
    options: FromUint8Options = {},
  ): ImageDataset {
    const fn = 'ImageDataset.fromUint8';
    if (!(pixels instanceof Uint8Array)) {
      throw new ConfigError(`${fn}: pixels must be a Uint8Array of 0..255 values, got ${describeValue(pixels)}`);
    }
    const opts = checkOptions(fn, options);
    const scale = checkOptionalBoolean(fn, 'options.scale', opts.scale) ?? true;
    checkOptionalInteger(fn, 'options.numClasses', opts.numClasses, { min: 1, max: MAX_CLASSES });
    checkClassNames(fn, opts.classNames, opts.numClasses);
    const images = new Float32Array(pixels.length);
    const k = scale ? 1 / 255 : 1;
    for (let i = 0; i < pixels.length; i++) images[i] = pixels[i] * k;
    return new ImageDataset({ images, labels, shape, numClasses: opts.numClasses, classNames: opts.classNames });
  }

  private position(index: number): number {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) {
      throw new ConfigError(`ImageDataset: index ${index} outside 0..${this.size - 1}`);
    }
    return this.order ? this.order[index] : index;
  }

  /**
   * The sample at `index` (its image is a read-only view into the shared buffer).
   *
   * @param index - Position, `0..size-1`.
   * @returns The sample.
   * @throws {ConfigError} when `index` is out of range.
   */
  at(index: number): ImageSample {
    const j = this.position(index);
    const size = imageSize(this.shape);
    return {
      image: this.storage.images.subarray(j * size, (j + 1) * size),
      shape: this.shape,
      label: this.storage.labels[j],
    };
  }

  /**
   * The label of the sample at `index`.
   *
   * @param index - Position, `0..size-1`.
   * @returns The label.
   * @throws {ConfigError} when `index` is out of range.
   */
  labelAt(index: number): number {
    return this.storage.labels[this.position(index)];
  }

  /**
   * How many samples of each class this view holds (index = label).
   *
   * @returns One count per class.
   */
  classCounts(): number[] {
    const counts = new Array<number>(this.numClasses).fill(0);
    for (let i = 0; i < this.size; i++) counts[this.labelAt(i)]++;
    return counts;
  }

  /**
   * A view of the samples at `indices` (positions in this view); no pixels are copied.
   *
   * @param indices - Positions in this view.
   * @returns A new view over the same buffer.
   * @throws {ConfigError} when an index is out of range.
   */
  subset(indices: ArrayLike<number>): this {
    const order = new Int32Array(indices.length);
    for (let i = 0; i < indices.length; i++) order[i] = this.position(indices[i]);
    return new ImageDataset(this.storage, order, this.storage) as this;
  }

  /**
   * The whole view as one `Batch` (`xs` `[n, h, w, c]`), e.g. for `evaluate` on a
   * small test set. The caller disposes both tensors.
   *
   * @param options - `oneHot`: number of classes for one-hot targets.
   * @returns `xs` float32 `[n, h, w, c]`, `ys` int32 `[n]` or float32 `[n, oneHot]`.
   * @throws {ConfigError} when `oneHot` is invalid.
   * @throws {ShapeError} when the view is empty or a label is outside `0..oneHot-1`.
   */
  toBatch(options: CollateOptions = {}): Batch {
    const samples: ImageSample[] = [];
    for (let i = 0; i < this.size; i++) samples.push(this.at(i));
    return collateImages(samples, options);
  }
}
