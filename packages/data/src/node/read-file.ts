/** Reading data files from disk, finding the `.gz` or plain variant of a name. */
import { existsSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError, DataFormatError } from '@convkit/core';

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * Bytes of the file at `path` (given to public function `fn`), as a
 * `Uint8Array`. A path that does not exist or is not a file is a `ConfigError`
 * naming it; a file larger than `maxBytes` is a `DataFormatError`, raised before
 * anything is read.
 */
export async function readBytes(fn: string, path: string, maxBytes: number): Promise<Uint8Array> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new ConfigError(`${fn}: ${path} is not a file`);
    size = info.size;
  } catch (error) {
    if (isMissing(error)) throw new ConfigError(`${fn}: ${path} does not exist`, { cause: error });
    throw error;
  }
  if (size > maxBytes) {
    throw new DataFormatError(`${path}: the file is ${size} bytes, more than maxBytes ${maxBytes}`);
  }
  const buf = await readFile(path);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/**
 * Checks that `dir`, a directory named explicitly as `what` (an option, a flag,
 * an environment variable), exists; throws `ConfigError` prefixed with `prefix`
 * (the function or dataset) naming `what` and the path otherwise. `hint` ends
 * the message (e.g. how to fall back to the defaults).
 */
export function checkDirectory(prefix: string, what: string, dir: string, hint = ''): void {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch (error) {
    if (!isMissing(error)) throw error;
    throw new ConfigError(`${prefix}: ${what} is ${dir}, which does not exist${hint}`, { cause: error });
  }
  if (!isDir) throw new ConfigError(`${prefix}: ${what} is ${dir}, which is not a directory${hint}`);
}

/**
 * The first of `names` (each tried as is and with `.gz`) that exists in `dir`.
 * Throws `ConfigError` listing what was looked for when none does.
 */
export function findFile(dir: string, names: readonly string[]): string {
  for (const name of names) {
    for (const candidate of [name, `${name}.gz`]) {
      const path = join(dir, candidate);
      if (existsSync(path)) return path;
    }
  }
  throw new ConfigError(`${dir}: none of ${names.map((n) => `${n}(.gz)`).join(', ')} found`);
}
