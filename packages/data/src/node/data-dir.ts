/**
 * Choosing the directory a dataset is read from. A location the user named —
 * an option, a command-line flag, an environment variable — must exist: it is
 * never skipped in favour of another folder. Only the implicit defaults fall
 * back from one to the next.
 */
import { existsSync } from 'node:fs';
import { ConfigError } from '@convkit/core';
import { checkOptionalString, checkOptions } from '../check';
import { checkDirectory } from './read-file';

/** The environment variable that points the loaders and the CLI at a data directory. */
export const DATA_DIR_ENV = 'CONVKIT_DATA_DIR';

/** Options of `resolveDataDir`. */
export interface DataDirOptions {
  /** A directory given explicitly (a `dir` / `dataDir` option, a `--data-dir` flag): used as is and must exist. */
  dir?: string;
  /**
   * How `dir` is called in messages (default `'dir'`), e.g. `'--data-dir'`.
   *
   * @defaultValue `'dir'`
   */
  dirOption?: string;
  /**
   * Environment variable read when `dir` is not given (default `CONVKIT_DATA_DIR`); when set (non-empty), it must exist.
   *
   * @defaultValue `CONVKIT_DATA_DIR`
   */
  envVar?: string;
  /**
   * Environment to read (default `process.env`).
   *
   * @defaultValue `process.env`
   */
  env?: Readonly<Record<string, string | undefined>>;
  /** Implicit locations, tried in order when neither `dir` nor the variable is set; the first that exists wins. */
  defaults?: readonly string[];
  /**
   * What is looked for, in messages (default `'the data'`), e.g. `'Fashion-MNIST'`.
   *
   * @defaultValue `'the data'`
   */
  what?: string;
}

/** The chosen directory and where the choice came from. */
export interface ResolvedDataDir {
  /** The directory to read from. */
  dir: string;
  /** `'option'` (explicit `dir`), `'env'` (the environment variable) or `'default'`. */
  source: 'option' | 'env' | 'default';
}

/**
 * The directory to read from: `dir` when given, else the environment variable
 * when set, else the first of `defaults` that exists. An explicit `dir` or
 * variable that does not exist (or is not a directory) is a `ConfigError`
 * naming the option or variable and the path — another folder is never used
 * silently in its place. When no default exists either, the `ConfigError`
 * lists the places tried and how to point at the data.
 *
 * @param options - Explicit `dir`, the environment variable, the defaults and the names used in messages.
 * @returns The directory and where it came from.
 * @throws {ConfigError} when an explicit `dir` or the variable's directory does not exist, or no default exists.
 *
 * @example
 * ```ts
 * import { resolveDataDir } from '@convkit/data/node';
 *
 * const { dir } = resolveDataDir({ dir: process.argv[2], dirOption: '--data-dir', defaults: ['/usr/share/datasets/fashion-mnist'] });
 * ```
 */
export function resolveDataDir(options: DataDirOptions = {}): ResolvedDataDir {
  const fn = 'resolveDataDir';
  const opts = checkOptions(fn, options);
  const what = checkOptionalString(fn, 'options.what', opts.what) ?? 'the data';
  const dirOption = checkOptionalString(fn, 'options.dirOption', opts.dirOption) ?? 'dir';
  const envVar = checkOptionalString(fn, 'options.envVar', opts.envVar) ?? DATA_DIR_ENV;
  if (opts.dir !== undefined) {
    const dir = checkOptionalString(fn, dirOption, opts.dir) as string;
    checkDirectory(what, dirOption, dir);
    return { dir, source: 'option' };
  }
  const fromEnv = (opts.env ?? process.env)[envVar];
  if (fromEnv !== undefined && fromEnv !== '') {
    checkDirectory(what, `$${envVar}`, fromEnv, ` (fix it, or unset it to use the default locations)`);
    return { dir: fromEnv, source: 'env' };
  }
  const defaults = opts.defaults ?? [];
  const found = defaults.find((d) => existsSync(d));
  if (found !== undefined) return { dir: found, source: 'default' };
  throw new ConfigError(
    `${what}: not found: ${dirOption} and $${envVar} are not set` +
      (defaults.length > 0 ? ` and none of ${defaults.join(', ')} exists` : '') +
      `. Pass ${dirOption} or set ${envVar} to the directory that holds it.`,
  );
}
