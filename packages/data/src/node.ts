/**
 * `@convkit/data/node` — loaders that read data files from the file system
 * ({@link loadMnist}, {@link loadFashionMnist}, {@link loadCifar10}, {@link loadIdx})
 * and {@link resolveDataDir}, which picks the folder to read from. Node only;
 * everything else is in the browser-safe main entry `@convkit/data`.
 *
 * @packageDocumentation
 */

export type { DataDirOptions, ResolvedDataDir } from './node/data-dir';
export { DATA_DIR_ENV, resolveDataDir } from './node/data-dir';
export { loadCifar10 } from './node/load-cifar10';
export { loadIdx } from './node/load-idx';
export { loadFashionMnist, loadMnist } from './node/load-mnist';
