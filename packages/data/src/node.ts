/**
 * `@convkit/data/node` — loaders that read data files from the file system
 * ({@link loadMnist}, {@link loadFashionMnist}, {@link loadCifar10}, {@link loadIdx})
 * and {@link resolveDataDir}, which picks the folder to read from. Node only;
 * everything else is in the browser-safe main entry `@convkit/data`.
 *
 * Called without a folder, the dataset loaders download the canonical files
 * once into a cache (`~/.cache/convkit/datasets/<name>`), check their SHA-256
 * and read them from there afterwards: see {@link downloadDataset}.
 *
 * @packageDocumentation
 */

// The download cache.
export type { CacheDirOptions } from './node/cache-dir';
export { CACHE_DIR_ENV, cacheDir, datasetCacheDir } from './node/cache-dir';
export type { DatasetFile, DatasetName, DatasetSpec, FileChecksum } from './node/catalog';
export { DATASETS } from './node/catalog';
export type { DataDirOptions, ResolvedDataDir } from './node/data-dir';
export { DATA_DIR_ENV, resolveDataDir } from './node/data-dir';
export type { DownloadedDataset, DownloadOptions } from './node/dataset-cache';
export { downloadDataset } from './node/dataset-cache';
export type { DownloadFailure } from './node/download-errors';
export { ChecksumError, DownloadError } from './node/download-errors';
export type { DownloadProgress } from './node/fetch-file';
export type { LoadCifar10Options } from './node/load-cifar10';
export { loadCifar10 } from './node/load-cifar10';
export { loadIdx } from './node/load-idx';
export type { LoadMnistOptions } from './node/load-mnist';
export { loadFashionMnist, loadMnist } from './node/load-mnist';
