/** IDX files from disk. */
import { checkOptions, checkString } from '../check';
import { checkReadOptions, type ReadOptions, toPlainBytes } from '../readers/bytes';
import { type IdxArray, idxFromPlain } from '../readers/idx';
import { readBytes } from './read-file';

/**
 * Reads and decodes an IDX file (raw or gzipped); errors name `path`. A path
 * that does not exist is a `ConfigError`; a file (or its decompressed content)
 * larger than `options.maxBytes` is a `DataFormatError`, raised before the
 * oversized part is read or inflated.
 *
 * @param path - The IDX file.
 * @param options - `maxBytes` limit (default 1 GiB).
 * @returns Type, dimensions and values.
 * @throws {ConfigError} when `path` does not exist or is not a file, or an option is invalid.
 * @throws {DataFormatError} when the file is malformed or larger than `maxBytes`.
 *
 * @example
 * ```ts
 * import { loadIdx } from '@convkit/data/node';
 *
 * const labels = await loadIdx('./t10k-labels-idx1-ubyte.gz', { maxBytes: 1 << 20 });
 * ```
 */
export async function loadIdx(path: string, options: Omit<ReadOptions, 'name'> = {}): Promise<IdxArray> {
  const fn = 'loadIdx';
  checkString(fn, 'path', path);
  const { maxBytes } = checkReadOptions(fn, { maxBytes: checkOptions(fn, options).maxBytes });
  const raw = await readBytes(fn, path, maxBytes);
  return idxFromPlain({ bytes: toPlainBytes(raw, { name: path, maxBytes }), name: path, maxBytes });
}
