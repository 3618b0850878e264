/** CIFAR-10 (binary version) from a directory. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkString } from '../check';
import type { ImageDataset } from '../image-dataset';
import { type Cifar10Options, checkCifar10Options, cifar10Dataset } from '../readers/cifar10';
import type { TrainTest } from '../readers/mnist';
import { checkDirectory, findFile, readBytes } from './read-file';

const TRAIN = ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin'];
const TEST = 'test_batch.bin';

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

/**
 * CIFAR-10 from `dir` (or its `cifar-10-batches-bin` subfolder, as the archive
 * unpacks): `data_batch_1..5.bin` as train (50,000 images) and `test_batch.bin`
 * as test (10,000), 32×32×3 HWC. A `dir` that does not exist is a `ConfigError`.
 *
 * @param dir - Folder holding the `.bin` batch files (or their `cifar-10-batches-bin` folder).
 * @param options - `scale` (default `true`) and `maxBytes` per file.
 * @returns Train and test datasets with `classNames`.
 * @throws {ConfigError} when `dir` or a batch file does not exist, or an option is invalid.
 * @throws {DataFormatError} when a file is malformed or larger than `maxBytes`.
 *
 * @example
 * ```ts
 * import { loadCifar10 } from '@convkit/data/node';
 *
 * const { train, test } = await loadCifar10('./cifar-10-batches-bin');
 * ```
 */
export async function loadCifar10(dir: string, options: Cifar10Options = {}): Promise<TrainTest<ImageDataset>> {
  const fn = 'loadCifar10';
  checkString(fn, 'dir', dir);
  const opts = checkCifar10Options(fn, options);
  checkDirectory(fn, 'dir', dir);
  const nested = join(dir, 'cifar-10-batches-bin');
  const root = existsSync(nested) ? nested : dir;
  const train = await readAll(fn, root, TRAIN, opts);
  const test = await readAll(fn, root, [TEST], opts);
  return { train, test };
}
