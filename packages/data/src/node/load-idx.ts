/** IDX files from disk. */
import type { ReadOptions } from '../readers/bytes';
import { type IdxArray, readIdx } from '../readers/idx';
import { readBytes } from './read-file';

/** Reads and decodes an IDX file (raw or gzipped); errors name `path`. */
export async function loadIdx(path: string, options: Omit<ReadOptions, 'name'> = {}): Promise<IdxArray> {
  return readIdx(await readBytes(path), { ...options, name: path });
}
