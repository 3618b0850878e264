/**
 * IDX image and label files as MNIST ships them: images are magic 0x00000803
 * (uint8, 3 dims: count, rows, cols), labels are 0x00000801 (uint8, 1 dim).
 */
import { DataFormatError } from '@convkit/core';
import {
  checkClassNames,
  checkOptionalBoolean,
  checkOptionalInteger,
  checkOptionalString,
  checkOptions,
} from '../check';
import { ImageDataset } from '../image-dataset';
import { type BytesLike, checkReadOptions, plainInput, type ReadOptions } from './bytes';
import { idxFromPlain } from './idx';

/** Decoded IDX images: `count` greyscale images of `rows × cols` bytes. */
export interface IdxImages {
  /** Number of images. */
  count: number;
  /** Image height in pixels. */
  rows: number;
  /** Image width in pixels. */
  cols: number;
  /** `count * rows * cols` bytes, row-major per image. */
  pixels: Uint8Array;
}

/** Options of `imageDatasetFromIdx`. */
export interface IdxDatasetOptions {
  /**
   * Divide by 255 so pixels lie in [0, 1] (default `true`).
   *
   * @defaultValue `true`
   */
  scale?: boolean;
  /**
   * Number of classes, a positive integer (default 10).
   *
   * @defaultValue `10`
   */
  numClasses?: number;
  /** Class names, index = label (at least `numClasses` of them). */
  classNames?: readonly string[];
  /**
   * Largest decompressed size accepted per file, in bytes (a positive integer; default 1 GiB).
   *
   * @defaultValue `1 GiB`
   */
  maxBytes?: number;
}

/** `IdxDatasetOptions` after checking, with the defaults filled in. */
export interface CheckedIdxDatasetOptions {
  scale: boolean;
  numClasses: number;
  classNames: readonly string[] | undefined;
  maxBytes: number;
}

/** Checks the options of `fn` (`imageDatasetFromIdx`, `loadMnist`, …); throws `ConfigError` naming the option. */
export function checkIdxDatasetOptions(fn: string, options: IdxDatasetOptions | undefined): CheckedIdxDatasetOptions {
  const opts = checkOptions(fn, options);
  const scale = checkOptionalBoolean(fn, 'options.scale', opts.scale) ?? true;
  const numClasses = checkOptionalInteger(fn, 'options.numClasses', opts.numClasses, { min: 1, max: 256 }) ?? 10;
  const classNames = checkClassNames(fn, opts.classNames, numClasses);
  const { maxBytes } = checkReadOptions(fn, { maxBytes: opts.maxBytes });
  return { scale, numClasses, classNames, maxBytes };
}

function images(fn: string, input: unknown, options: ReadOptions | undefined, what = 'input'): IdxImages {
  const plain = plainInput(fn, input, options, 'IDX images', what);
  const idx = idxFromPlain(plain);
  const { name } = plain;
  if (idx.dtype !== 'uint8' || idx.dims.length !== 3) {
    throw new DataFormatError(
      `${name}: expected an IDX image file (magic 0x00000803: uint8, 3 dimensions), got ${idx.dtype} with ${idx.dims.length} dimensions`,
    );
  }
  const [count, rows, cols] = idx.dims;
  if (count > 0 && (rows === 0 || cols === 0)) throw new DataFormatError(`${name}: images of ${rows}×${cols} pixels`);
  return { count, rows, cols, pixels: idx.data as Uint8Array };
}

function labels(
  fn: string,
  input: unknown,
  options: (ReadOptions & { numClasses?: number }) | undefined,
  what = 'input',
): Uint8Array {
  const k = checkOptionalInteger(fn, 'options.numClasses', options?.numClasses, { min: 1, max: 256 }) ?? 10;
  const plain = plainInput(fn, input, options, 'IDX labels', what);
  const idx = idxFromPlain(plain);
  const { name } = plain;
  if (idx.dtype !== 'uint8' || idx.dims.length !== 1) {
    throw new DataFormatError(
      `${name}: expected an IDX label file (magic 0x00000801: uint8, 1 dimension), got ${idx.dtype} with ${idx.dims.length} dimensions`,
    );
  }
  const values = idx.data as Uint8Array;
  for (let i = 0; i < values.length; i++) {
    if (values[i] >= k) throw new DataFormatError(`${name}: label ${values[i]} at index ${i} is not below ${k}`);
  }
  return values;
}

/**
 * Reads an IDX image file (magic 0x00000803); throws `DataFormatError` on
 * anything else, `ConfigError` for invalid arguments.
 *
 * @param input - The image file, raw or gzipped.
 * @param options - `name` for messages, `maxBytes` limit.
 * @returns Count, size and pixel bytes.
 * @throws {DataFormatError} when the file is not an IDX image file or is truncated.
 * @throws {ConfigError} when `input` is not bytes or an option is invalid.
 */
export function readIdxImages(input: BytesLike, options: ReadOptions = {}): IdxImages {
  return images('readIdxImages', input, options);
}

/**
 * Reads an IDX label file (magic 0x00000801); throws `DataFormatError` on
 * anything else or on a label ≥ `numClasses` (a positive integer, default 10).
 *
 * @param input - The label file, raw or gzipped.
 * @param options - `name`, `maxBytes` and `numClasses` (default 10).
 * @returns One byte per label.
 * @throws {DataFormatError} when the file is not an IDX label file or a label is `>= numClasses`.
 * @throws {ConfigError} when `input` is not bytes or an option is invalid.
 */
export function readIdxLabels(input: BytesLike, options: ReadOptions & { numClasses?: number } = {}): Uint8Array {
  return labels('readIdxLabels', input, options);
}

/**
 * The dataset of an image file and its label file, for public function `fn`
 * (its options already checked); `what` names the two inputs in messages.
 */
export function datasetFromIdx(
  fn: string,
  imageBytes: unknown,
  labelBytes: unknown,
  names: { images?: string; labels?: string },
  options: CheckedIdxDatasetOptions,
  what: { images: string; labels: string } = { images: 'images', labels: 'labels' },
): ImageDataset {
  const { numClasses, maxBytes } = options;
  const img = images(fn, imageBytes, { name: names.images, maxBytes }, what.images);
  const lab = labels(fn, labelBytes, { name: names.labels, maxBytes, numClasses }, what.labels);
  if (img.count !== lab.length) {
    throw new DataFormatError(
      `${names.images ?? 'IDX images'} holds ${img.count} images but ${names.labels ?? 'IDX labels'} holds ${lab.length} labels`,
    );
  }
  return ImageDataset.fromUint8(img.pixels, lab, [img.rows, img.cols, 1], {
    scale: options.scale,
    numClasses,
    classNames: options.classNames,
  });
}

/**
 * Builds an `ImageDataset` (H×W×1, float32) from an IDX image file and its
 * label file, checking that both hold the same number of items.
 *
 * @param images - The IDX image file, raw or gzipped.
 * @param labels - The IDX label file, raw or gzipped.
 * @param names - File names used in messages.
 * @param options - `scale` (default `true`), `numClasses` (default 10), `classNames`, `maxBytes`.
 * @returns The dataset.
 * @throws {DataFormatError} when a file is malformed or the two counts differ.
 * @throws {ConfigError} when an argument or option is invalid.
 *
 * @example
 * ```ts
 * import { imageDatasetFromIdx } from '@convkit/data';
 *
 * declare const imagesBytes: Uint8Array;
 * declare const labelsBytes: Uint8Array;
 * const test = imageDatasetFromIdx(imagesBytes, labelsBytes, { images: 't10k-images', labels: 't10k-labels' });
 * ```
 */
export function imageDatasetFromIdx(
  images: BytesLike,
  labels: BytesLike,
  names: { images?: string; labels?: string } = {},
  options: IdxDatasetOptions = {},
): ImageDataset {
  const fn = 'imageDatasetFromIdx';
  const n = checkOptions(fn, names, 'names');
  checkOptionalString(fn, 'names.images', n.images);
  checkOptionalString(fn, 'names.labels', n.labels);
  return datasetFromIdx(fn, images, labels, n, checkIdxDatasetOptions(fn, options));
}
