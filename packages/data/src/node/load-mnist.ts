/** MNIST and Fashion-MNIST from a directory of their four IDX files. */
import { ConfigError } from '@convkit/core';
import { checkOptions, checkString, describeValue } from '../check';
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
import { DATASETS, type DatasetSpec } from './catalog';
import { type DownloadOptions, ensureDataset } from './dataset-cache';
import { checkDirectory, findFile, readBytes } from './read-file';

/**
 * Options of `loadMnist()` and `loadFashionMnist()` called without a folder:
 * the dataset options, plus where to read the files from or download them to.
 */
export interface LoadMnistOptions extends IdxDatasetOptions, DownloadOptions {
  /** Read the four files from this folder (nothing is downloaded), as `loadMnist(dir)` does. */
  dir?: string;
}

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
  dirOrOptions: string | LoadMnistOptions | undefined,
  options: IdxDatasetOptions | undefined,
  classNames: readonly string[],
  spec: DatasetSpec,
): Promise<TrainTest<ImageDataset>> {
  let dir: string | undefined;
  let given: LoadMnistOptions;
  const isOptions =
    dirOrOptions === undefined ||
    (typeof dirOrOptions === 'object' && dirOrOptions !== null && !Array.isArray(dirOrOptions));
  if (!isOptions) {
    dir = checkString(fn, 'dir', dirOrOptions);
    given = checkOptions(fn, options);
  } else {
    if (options !== undefined) {
      throw new ConfigError(
        `${fn}: the first argument is ${describeValue(dirOrOptions)}; pass a folder and options, or one options object`,
      );
    }
    given = checkOptions(fn, dirOrOptions);
    if (given.dir !== undefined) dir = checkString(fn, 'options.dir', given.dir);
  }
  const opts = checkIdxDatasetOptions(fn, { classNames, ...given });
  if (dir === undefined) dir = (await ensureDataset(fn, spec, given)).dir;
  else checkDirectory(fn, typeof dirOrOptions === 'string' ? 'dir' : 'options.dir', dir);
  const train = await loadPair(fn, dir, 'trainImages', 'trainLabels', opts);
  const test = await loadPair(fn, dir, 'testImages', 'testLabels', opts);
  return { train, test };
}

/**
 * MNIST: 60,000 training and 10,000 test digits, 28×28×1.
 *
 * - `loadMnist()` (or `loadMnist(options)`) downloads the four canonical files
 *   once into the cache (`~/.cache/convkit/datasets/mnist`; `options.cacheDir`
 *   or `$CONVKIT_CACHE_DIR` move it), checks their SHA-256, and reads them from
 *   the cache afterwards. `options.baseUrl` names a mirror (an http(s) URL, a
 *   `file://` URL or a local folder).
 * - `loadMnist(dir)` (or `options.dir`) reads `train-images-idx3-ubyte`,
 *   `train-labels-idx1-ubyte`, `t10k-images-idx3-ubyte` and
 *   `t10k-labels-idx1-ubyte` (each raw or `.gz`) from `dir`; nothing is
 *   downloaded, and a `dir` that does not exist is a `ConfigError` naming it.
 *
 * @param dir - Folder holding the four files; omit it to use the download cache.
 * @param options - `scale` (default `true`), `numClasses` (default 10), `classNames`, `maxBytes`; without `dir`, also the download options.
 * @returns Train (60,000) and test (10,000) datasets.
 * @throws {ConfigError} when `dir` or a file does not exist, or an option is invalid.
 * @throws {DataFormatError} when a file is malformed, larger than `maxBytes`, or an image/label count pair differs.
 * @throws {DownloadError} when a file cannot be downloaded; {@link ChecksumError} when one has the wrong SHA-256.
 *
 * @example
 * ```ts
 * import { loadMnist } from '@convkit/data/node';
 *
 * const { train, test } = await loadMnist(); // downloads once, then reads the cache
 * const batches = train.shuffle(train.size).batch(128, { oneHot: 10 });
 * const local = await loadMnist('./mnist', { maxBytes: 64 << 20 }); // or from a folder
 * ```
 */
export function loadMnist(options?: LoadMnistOptions): Promise<TrainTest<ImageDataset>>;
export function loadMnist(dir: string, options?: IdxDatasetOptions): Promise<TrainTest<ImageDataset>>;
export function loadMnist(
  dirOrOptions?: string | LoadMnistOptions,
  options?: IdxDatasetOptions,
): Promise<TrainTest<ImageDataset>> {
  return load('loadMnist', dirOrOptions, options, MNIST_CLASSES, DATASETS.mnist);
}

/**
 * Fashion-MNIST: 60,000 training and 10,000 test images of clothes, 28×28×1,
 * with its class names. Called like {@link loadMnist}: without a folder it
 * downloads the canonical files once into the cache
 * (`~/.cache/convkit/datasets/fashion-mnist`) and checks their SHA-256; with
 * `dir` it reads the four files from there.
 *
 * @param dir - Folder holding the four files; omit it to use the download cache.
 * @param options - As {@link loadMnist}.
 * @returns Train and test datasets with `classNames`.
 * @throws {ConfigError} when `dir` or a file does not exist, or an option is invalid.
 * @throws {DataFormatError} when a file is malformed or larger than `maxBytes`.
 * @throws {DownloadError} when a file cannot be downloaded; {@link ChecksumError} when one has the wrong SHA-256.
 *
 * @example
 * ```ts
 * import { loadFashionMnist } from '@convkit/data/node';
 *
 * const { train, test } = await loadFashionMnist({ onProgress: (p) => console.log(p.file, p.receivedBytes) });
 * console.log(train.classNames?.[9]); // 'Ankle boot'
 * ```
 */
export function loadFashionMnist(options?: LoadMnistOptions): Promise<TrainTest<ImageDataset>>;
export function loadFashionMnist(dir: string, options?: IdxDatasetOptions): Promise<TrainTest<ImageDataset>>;
export function loadFashionMnist(
  dirOrOptions?: string | LoadMnistOptions,
  options?: IdxDatasetOptions,
): Promise<TrainTest<ImageDataset>> {
  return load('loadFashionMnist', dirOrOptions, options, FASHION_MNIST_CLASSES, DATASETS['fashion-mnist']);
}
