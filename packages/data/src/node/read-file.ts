/** Reading data files from disk, finding the `.gz` or plain variant of a name. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '@convkit/core';

/** Bytes of a file, as a `Uint8Array`. */
export async function readBytes(path: string): Promise<Uint8Array> {
  const buf = await readFile(path);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
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
