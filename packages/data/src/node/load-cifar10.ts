/** CIFAR-10 (binary version) from a directory. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ImageDataset } from '../image-dataset';
import { type Cifar10Options, cifar10FromBatches } from '../readers/cifar10';
import type { TrainTest } from '../readers/mnist';
import { findFile, readBytes } from './read-file';

const TRAIN = ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin'];
const TEST = 'test_batch.bin';

async function readAll(dir: string, names: readonly string[], options: Cifar10Options): Promise<ImageDataset> {
  const paths = names.map((n) => findFile(dir, [n]));
  const files = await Promise.all(paths.map(async (name) => ({ name, bytes: await readBytes(name) })));
  return cifar10FromBatches(files, options);
}

/**
 * CIFAR-10 from `dir` (or its `cifar-10-batches-bin` subfolder, as the archive
 * unpacks): `data_batch_1..5.bin` as train (50,000 images) and `test_batch.bin`
 * as test (10,000), 32×32×3 HWC.
 */
export async function loadCifar10(dir: string, options: Cifar10Options = {}): Promise<TrainTest<ImageDataset>> {
  const nested = join(dir, 'cifar-10-batches-bin');
  const root = existsSync(nested) ? nested : dir;
  const train = await readAll(root, TRAIN, options);
  const test = await readAll(root, [TEST], options);
  return { train, test };
}
