/** MNIST and Fashion-MNIST from a directory of their four IDX files. */
import type { ImageDataset } from '../image-dataset';
import { type IdxDatasetOptions, imageDatasetFromIdx } from '../readers/idx-images';
import {
  FASHION_MNIST_CLASSES,
  MNIST_CLASSES,
  MNIST_FILE_NAMES,
  type MnistFiles,
  type TrainTest,
} from '../readers/mnist';
import { findFile, readBytes } from './read-file';

// Some mirrors spell the files with a dot: train-images.idx3-ubyte.
const dotted = (name: string) => name.replace(/-idx(\d)-ubyte$/, '.idx$1-ubyte');

async function loadPair(dir: string, images: keyof MnistFiles, labels: keyof MnistFiles, options: IdxDatasetOptions) {
  const imagesPath = findFile(dir, [MNIST_FILE_NAMES[images], dotted(MNIST_FILE_NAMES[images])]);
  const labelsPath = findFile(dir, [MNIST_FILE_NAMES[labels], dotted(MNIST_FILE_NAMES[labels])]);
  const [img, lab] = await Promise.all([readBytes(imagesPath), readBytes(labelsPath)]);
  return imageDatasetFromIdx(img, lab, { images: imagesPath, labels: labelsPath }, options);
}

async function load(
  dir: string,
  options: IdxDatasetOptions,
  classNames: readonly string[],
): Promise<TrainTest<ImageDataset>> {
  const opts = { classNames, ...options };
  const train = await loadPair(dir, 'trainImages', 'trainLabels', opts);
  const test = await loadPair(dir, 'testImages', 'testLabels', opts);
  return { train, test };
}

/**
 * MNIST from `dir` holding `train-images-idx3-ubyte`, `train-labels-idx1-ubyte`,
 * `t10k-images-idx3-ubyte`, `t10k-labels-idx1-ubyte` (each raw or `.gz`).
 */
export function loadMnist(dir: string, options: IdxDatasetOptions = {}): Promise<TrainTest<ImageDataset>> {
  return load(dir, options, MNIST_CLASSES);
}

/** Fashion-MNIST from `dir` (same file names as MNIST), with its class names. */
export function loadFashionMnist(dir: string, options: IdxDatasetOptions = {}): Promise<TrainTest<ImageDataset>> {
  return load(dir, options, FASHION_MNIST_CLASSES);
}
