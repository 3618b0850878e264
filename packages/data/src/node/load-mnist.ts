/** MNIST and Fashion-MNIST from a directory of their four IDX files. */
import { checkOptions, checkString } from '../check';
import type { ImageDataset } from '../image-dataset';
import {
  type CheckedIdxDatasetOptions,
  checkIdxDatasetOptions,
  datasetFromIdx,
  type IdxDatasetOptions,
} from '../readers/idx-images';
import {
  FASHION_MNIST_CLASSES,
  MNIST_CLASSES,
  MNIST_FILE_NAMES,
  type MnistFiles,
  type TrainTest,
} from '../readers/mnist';
import { checkDirectory, findFile, readBytes } from './read-file';

// Some mirrors spell the files with a dot: train-images.idx3-ubyte.
const dotted = (name: string) => name.replace(/-idx(\d)-ubyte$/, '.idx$1-ubyte');

async function loadPair(
  fn: string,
  dir: string,
  images: keyof MnistFiles,
  labels: keyof MnistFiles,
  options: CheckedIdxDatasetOptions,
) {
  const imagesPath = findFile(dir, [MNIST_FILE_NAMES[images], dotted(MNIST_FILE_NAMES[images])]);
  const labelsPath = findFile(dir, [MNIST_FILE_NAMES[labels], dotted(MNIST_FILE_NAMES[labels])]);
  const [img, lab] = await Promise.all([
    readBytes(fn, imagesPath, options.maxBytes),
    readBytes(fn, labelsPath, options.maxBytes),
  ]);
  return datasetFromIdx(fn, img, lab, { images: imagesPath, labels: labelsPath }, options);
}

async function load(
  fn: string,
  dir: string,
  options: IdxDatasetOptions | undefined,
  classNames: readonly string[],
): Promise<TrainTest<ImageDataset>> {
  checkString(fn, 'dir', dir);
  const opts = checkIdxDatasetOptions(fn, { classNames, ...checkOptions(fn, options) });
  checkDirectory(fn, 'dir', dir);
  const train = await loadPair(fn, dir, 'trainImages', 'trainLabels', opts);
  const test = await loadPair(fn, dir, 'testImages', 'testLabels', opts);
  return { train, test };
}

/**
 * MNIST from `dir` holding `train-images-idx3-ubyte`, `train-labels-idx1-ubyte`,
 * `t10k-images-idx3-ubyte`, `t10k-labels-idx1-ubyte` (each raw or `.gz`). A
 * `dir` that does not exist is a `ConfigError` naming it.
 *
 * @param dir - Folder holding the four files.
 * @param options - `scale` (default `true`), `numClasses` (default 10), `classNames`, `maxBytes`.
 * @returns Train (60,000) and test (10,000) datasets.
 * @throws {ConfigError} when `dir` or a file does not exist, or an option is invalid.
 * @throws {DataFormatError} when a file is malformed, larger than `maxBytes`, or an image/label count pair differs.
 *
 * @example
 * ```ts
 * import { loadMnist } from '@convkit/data/node';
 *
 * const { train, test } = await loadMnist('./mnist', { maxBytes: 64 << 20 });
 * const batches = train.shuffle(train.size).batch(128, { oneHot: 10 });
 * ```
 */
export function loadMnist(dir: string, options: IdxDatasetOptions = {}): Promise<TrainTest<ImageDataset>> {
  return load('loadMnist', dir, options, MNIST_CLASSES);
}

/**
 * Fashion-MNIST from `dir` (same file names and options as `loadMnist`), with its class names.
 *
 * @param dir - Folder holding the four files.
 * @param options - As {@link loadMnist}.
 * @returns Train and test datasets with `classNames`.
 * @throws {ConfigError} when `dir` or a file does not exist, or an option is invalid.
 * @throws {DataFormatError} when a file is malformed or larger than `maxBytes`.
 */
export function loadFashionMnist(dir: string, options: IdxDatasetOptions = {}): Promise<TrainTest<ImageDataset>> {
  return load('loadFashionMnist', dir, options, FASHION_MNIST_CLASSES);
}
