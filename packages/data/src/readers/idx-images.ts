/**
 * IDX image and label files as MNIST ships them: images are magic 0x00000803
 * (uint8, 3 dims: count, rows, cols), labels are 0x00000801 (uint8, 1 dim).
 */
import { DataFormatError } from '@convkit/core';
import { ImageDataset } from '../image-dataset';
import type { BytesLike, ReadOptions } from './bytes';
import { readIdx } from './idx';

/** Decoded IDX images: `count` greyscale images of `rows × cols` bytes. */
export interface IdxImages {
  count: number;
  rows: number;
  cols: number;
  /** `count * rows * cols` bytes, row-major per image. */
  pixels: Uint8Array;
}

/** Options of `imageDatasetFromIdx`. */
export interface IdxDatasetOptions {
  /** Divide by 255 so pixels lie in [0, 1] (default `true`). */
  scale?: boolean;
  /** Number of classes (default 10). */
  numClasses?: number;
  /** Class names, index = label. */
  classNames?: readonly string[];
  /** Largest decompressed size accepted per file, in bytes (default 1 GiB). */
  maxBytes?: number;
}

/** Reads an IDX image file (magic 0x00000803); throws `DataFormatError` on anything else. */
export function readIdxImages(input: BytesLike, options: ReadOptions = {}): IdxImages {
  const name = options.name ?? 'IDX images';
  const idx = readIdx(input, { ...options, name });
  if (idx.dtype !== 'uint8' || idx.dims.length !== 3) {
    throw new DataFormatError(
      `${name}: expected an IDX image file (magic 0x00000803: uint8, 3 dimensions), got ${idx.dtype} with ${idx.dims.length} dimensions`,
    );
  }
  const [count, rows, cols] = idx.dims;
  if (count > 0 && (rows === 0 || cols === 0)) throw new DataFormatError(`${name}: images of ${rows}×${cols} pixels`);
  return { count, rows, cols, pixels: idx.data as Uint8Array };
}

/** Reads an IDX label file (magic 0x00000801); throws `DataFormatError` on anything else or on a label ≥ `numClasses`. */
export function readIdxLabels(input: BytesLike, options: ReadOptions & { numClasses?: number } = {}): Uint8Array {
  const name = options.name ?? 'IDX labels';
  const idx = readIdx(input, { ...options, name });
  if (idx.dtype !== 'uint8' || idx.dims.length !== 1) {
    throw new DataFormatError(
      `${name}: expected an IDX label file (magic 0x00000801: uint8, 1 dimension), got ${idx.dtype} with ${idx.dims.length} dimensions`,
    );
  }
  const labels = idx.data as Uint8Array;
  const k = options.numClasses ?? 10;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] >= k) throw new DataFormatError(`${name}: label ${labels[i]} at index ${i} is not below ${k}`);
  }
  return labels;
}

/**
 * Builds an `ImageDataset` (H×W×1, float32) from an IDX image file and its
 * label file, checking that both hold the same number of items.
 */
export function imageDatasetFromIdx(
  images: BytesLike,
  labels: BytesLike,
  names: { images?: string; labels?: string } = {},
  options: IdxDatasetOptions = {},
): ImageDataset {
  const numClasses = options.numClasses ?? 10;
  const img = readIdxImages(images, { name: names.images, maxBytes: options.maxBytes });
  const lab = readIdxLabels(labels, { name: names.labels, maxBytes: options.maxBytes, numClasses });
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
