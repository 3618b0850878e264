/** Where downloaded datasets are kept: `~/.cache/convkit/datasets/<name>` unless told otherwise. */
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { ConfigError } from '@convkit/core';

/** The environment variable that moves the download cache (its value replaces `~/.cache/convkit`). */
export const CACHE_DIR_ENV = 'CONVKIT_CACHE_DIR';

/** Options of {@link cacheDir}. */
export interface CacheDirOptions {
  /** The cache root, replacing `$CONVKIT_CACHE_DIR` and `~/.cache/convkit`. */
  cacheDir?: string;
  /**
   * Environment to read (default `process.env`).
   *
   * @defaultValue `process.env`
   */
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * The root of the download cache: `options.cacheDir` when given, else
 * `$CONVKIT_CACHE_DIR` when set (non-empty), else `$XDG_CACHE_HOME/convkit`
 * when that is set to an absolute path, else `~/.cache/convkit`. Datasets live
 * in `<root>/datasets/<name>/`.
 *
 * @param options - An explicit root and the environment to read.
 * @returns The absolute cache root (it may not exist yet).
 * @throws {ConfigError} when no home directory can be found and nothing else is set.
 *
 * @example
 * ```ts
 * import { cacheDir } from '@convkit/data/node';
 *
 * console.log(cacheDir()); // e.g. /home/me/.cache/convkit
 * ```
 */
export function cacheDir(options: CacheDirOptions = {}): string {
  if (options.cacheDir !== undefined) return resolve(options.cacheDir);
  const env = options.env ?? process.env;
  const fromEnv = env[CACHE_DIR_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return resolve(fromEnv);
  const xdg = env.XDG_CACHE_HOME;
  if (xdg !== undefined && isAbsolute(xdg)) return join(xdg, 'convkit');
  const home = homedir();
  if (home === '') {
    throw new ConfigError(
      `cacheDir: no home directory to put the download cache in; set ${CACHE_DIR_ENV} or pass the cacheDir option`,
    );
  }
  return join(home, '.cache', 'convkit');
}

/**
 * The cache folder of dataset `name`: `<cacheDir(options)>/datasets/<name>`.
 *
 * @param name - The dataset, e.g. `'cifar10'`.
 * @param options - An explicit cache root and the environment to read, as {@link cacheDir}.
 * @returns The absolute folder (it may not exist yet).
 * @throws {ConfigError} when no home directory can be found and nothing else is set.
 */
export function datasetCacheDir(name: string, options: CacheDirOptions = {}): string {
  return join(cacheDir(options), 'datasets', name);
}
