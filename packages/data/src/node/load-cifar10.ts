/** CIFAR-10 (binary version) from a directory, or from the download cache's `cifar-10-binary.tar.gz`. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { ConfigError, DataFormatError } from '@convkit/core';
import { checkOptions, checkString, describeValue } from '../check';
import type { ImageDataset } from '../image-dataset';
import { type Cifar10Options, checkCifar10Options, cifar10Dataset } from '../readers/cifar10';
import type { TrainTest } from '../readers/mnist';
import { DATASETS } from './catalog';
import { type DownloadOptions, ensureDataset } from './dataset-cache';
import { checkDirectory, findFile, readBytes } from './read-file';
import { readTar } from './tar';

const TRAIN = ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin'];
const TEST = 'test_batch.bin';
const ARCHIVE = 'cifar-10-binary.tar.gz';

/**
 * Options of `loadCifar10()` called without a folder: the dataset options,
 * plus where to read the files from or download them to.
 */
export interface LoadCifar10Options extends Cifar10Options, DownloadOptions {
  /** Read the batch files from this folder (nothing is downloaded), as `loadCifar10(dir)` does. */
  dir?: string;
}

async function readAll(
  fn: string,
  dir: string,
  names: readonly string[],
  options: Required<Cifar10Options>,
): Promise<ImageDataset> {
  const paths = names.map((n) => findFile(dir, [n]));
  const files = await Promise.all(
    paths.map(async (name) => ({ name, bytes: await readBytes(fn, name, options.maxBytes) })),
  );
  return cifar10Dataset(fn, files, options);
}

async function fromDir(fn: string, dir: string, opts: Required<Cifar10Options>): Promise<TrainTest<ImageDataset>> {
  const nested = join(dir, 'cifar-10-batches-bin');
  const root = existsSync(nested) ? nested : dir;
  const train = await readAll(fn, root, TRAIN, opts);
  const test = await readAll(fn, root, [TEST], opts);
  return { train, test };
}

/** The train and test sets from the archive at `path` (a `.tar.gz` of the batch files). */
async function fromArchive(fn: string, path: string, opts: Required<Cifar10Options>): Promise<TrainTest<ImageDataset>> {
  const packed = await readBytes(fn, path, opts.maxBytes);
  let tar: Uint8Array;
  try {
    tar = await promisify(gunzip)(packed, { maxOutputLength: opts.maxBytes });
  } catch (cause) {
    const tooBig = (cause as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
    throw new DataFormatError(
      tooBig
        ? `${path}: decompresses to more than maxBytes ${opts.maxBytes} bytes`
        : `${path}: not a valid gzip file (${(cause as Error).message})`,
      { cause },
    );
  }
  const entries = readTar(new Uint8Array(tar.buffer, tar.byteOffset, tar.byteLength), path);
  const byName = new Map([...entries].map(([p, data]) => [p.slice(p.lastIndexOf('/') + 1), { p, data }]));
  const pick = (names: readonly string[]) =>
    names.map((n) => {
      const entry = byName.get(n);
      if (!entry) throw new DataFormatError(`${path}: the archive has no ${n} (not the CIFAR-10 binary version?)`);
      return { name: `${path}:${entry.p}`, bytes: entry.data };
    });
  return { train: cifar10Dataset(fn, pick(TRAIN), opts), test: cifar10Dataset(fn, pick([TEST]), opts) };
}

/**
 * CIFAR-10: 50,000 training and 10,000 test images, 32×32×3 HWC, with class names.
 *
 * - `loadCifar10()` (or `loadCifar10(options)`) downloads the canonical
 *   `cifar-10-binary.tar.gz` (170 MB) once into the cache
 *   (`~/.cache/convkit/datasets/cifar10`; `options.cacheDir` or
 *   `$CONVKIT_CACHE_DIR` move it), checks its SHA-256, and reads the batches
 *   out of it on every load. `options.baseUrl` names a mirror (an http(s) URL,
 *   a `file://` URL or a local folder holding the archive).
 * - `loadCifar10(dir)` (or `options.dir`) reads `data_batch_1..5.bin` (train)
 *   and `test_batch.bin` (test) from `dir` or its `cifar-10-batches-bin`
 *   subfolder, as the archive unpacks; nothing is downloaded.
 *
 * @param dir - Folder holding the `.bin` batch files (or their `cifar-10-batches-bin` folder); omit it to use the download cache.
 * @param options - `scale` (default `true`) and `maxBytes` (per file, and for the decompressed archive); without `dir`, also the download options.
 * @returns Train and test datasets with `classNames`.
 * @throws {ConfigError} when `dir` or a batch file does not exist, or an option is invalid.
 * @throws {DataFormatError} when a file or the archive is malformed or larger than `maxBytes`.
 * @throws {DownloadError} when the archive cannot be downloaded; {@link ChecksumError} when it has the wrong SHA-256.
 *
 * @example
 * ```ts
 * import { loadCifar10 } from '@convkit/data/node';
 *
 * const { train, test } = await loadCifar10(); // downloads once, then reads the cache
 * const local = await loadCifar10('./cifar-10-batches-bin'); // or from a folder
 * ```
 */
export function loadCifar10(options?: LoadCifar10Options): Promise<TrainTest<ImageDataset>>;
export function loadCifar10(dir: string, options?: Cifar10Options): Promise<TrainTest<ImageDataset>>;
export async function loadCifar10(
  dirOrOptions?: string | LoadCifar10Options,
  options?: Cifar10Options,
): Promise<TrainTest<ImageDataset>> {
  const fn = 'loadCifar10';
  const isOptions =
    dirOrOptions === undefined ||
    (typeof dirOrOptions === 'object' && dirOrOptions !== null && !Array.isArray(dirOrOptions));
  if (!isOptions) {
    const dir = checkString(fn, 'dir', dirOrOptions);
    const opts = checkCifar10Options(fn, options);
    checkDirectory(fn, 'dir', dir);
    return fromDir(fn, dir, opts);
  }
  if (options !== undefined) {
    throw new ConfigError(
      `${fn}: the first argument is ${describeValue(dirOrOptions)}; pass a folder and options, or one options object`,
    );
  }
  const given = checkOptions(fn, dirOrOptions as LoadCifar10Options | undefined);
  const opts = checkCifar10Options(fn, given);
  if (given.dir !== undefined) {
    const dir = checkString(fn, 'options.dir', given.dir);
    checkDirectory(fn, 'options.dir', dir);
    return fromDir(fn, dir, opts);
  }
  const { files } = await ensureDataset(fn, DATASETS.cifar10, given);
  return fromArchive(fn, files[ARCHIVE], opts);
}
