/** MNIST and Fashion-MNIST from the bytes of their four IDX files. */
import { checkOptions } from '../check';
import type { ImageDataset } from '../image-dataset';
import type { BytesLike } from './bytes';
import { checkIdxDatasetOptions, datasetFromIdx, type IdxDatasetOptions } from './idx-images';

/** The four files of MNIST or Fashion-MNIST (raw or gzipped bytes). */
export interface MnistFiles {
  /** `train-images-idx3-ubyte` (60,000 images). */
  trainImages: BytesLike;
  /** `train-labels-idx1-ubyte`. */
  trainLabels: BytesLike;
  /** `t10k-images-idx3-ubyte` (10,000 images). */
  testImages: BytesLike;
  /** `t10k-labels-idx1-ubyte`. */
  testLabels: BytesLike;
}

/** A train and a test split. */
export interface TrainTest<D> {
  /** The training split. */
  train: D;
  /** The test split. */
  test: D;
}

/** Class names of Fashion-MNIST, index = label. */
export const FASHION_MNIST_CLASSES: readonly string[] = Object.freeze([
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
]);

/** Class names of MNIST, index = label. */
export const MNIST_CLASSES: readonly string[] = Object.freeze(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);

/** The canonical file names (without `.gz`) of the four files. */
export const MNIST_FILE_NAMES: Readonly<Record<keyof MnistFiles, string>> = Object.freeze({
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
});

function fromFiles(
  fn: string,
  files: MnistFiles,
  options: IdxDatasetOptions | undefined,
  classNames: readonly string[],
): TrainTest<ImageDataset> {
  const f = checkOptions(fn, files, 'files');
  const opts = checkIdxDatasetOptions(fn, { classNames, ...checkOptions(fn, options) });
  const n = MNIST_FILE_NAMES;
  const pair = (images: keyof MnistFiles, labels: keyof MnistFiles) =>
    datasetFromIdx(fn, f[images], f[labels], { images: n[images], labels: n[labels] }, opts, {
      images: `files.${images}`,
      labels: `files.${labels}`,
    });
  return { train: pair('trainImages', 'trainLabels'), test: pair('testImages', 'testLabels') };
}

/**
 * MNIST train/test image datasets (28×28×1, pixels in [0, 1] unless `scale: false`)
 * from the bytes of the four files, raw or gzipped.
 *
 * @param files - The four files' bytes.
 * @param options - `scale` (default `true`), `numClasses` (default 10), `classNames`, `maxBytes`.
 * @returns Train (60,000) and test (10,000) datasets.
 * @throws {DataFormatError} when a file is malformed or an image/label count pair differs.
 * @throws {ConfigError} when an argument or option is invalid.
 *
 * @example
 * ```ts
 * import { mnistFromFiles, type MnistFiles } from '@convkit/data';
 *
 * declare const files: MnistFiles; // e.g. fetched from your own server
 * const { train, test } = mnistFromFiles(files);
 * ```
 */
export function mnistFromFiles(files: MnistFiles, options: IdxDatasetOptions = {}): TrainTest<ImageDataset> {
  return fromFiles('mnistFromFiles', files, options, MNIST_CLASSES);
}

/**
 * Fashion-MNIST train/test image datasets, with its class names (same files and options as `mnistFromFiles`).
 *
 * @param files - The four files' bytes.
 * @param options - As {@link mnistFromFiles}.
 * @returns Train and test datasets with `classNames`.
 * @throws {DataFormatError} when a file is malformed.
 * @throws {ConfigError} when an argument or option is invalid.
 */
export function fashionMnistFromFiles(files: MnistFiles, options: IdxDatasetOptions = {}): TrainTest<ImageDataset> {
  return fromFiles('fashionMnistFromFiles', files, options, FASHION_MNIST_CLASSES);
}
