/** `convkit-compressed` files in Node, and encoded sizes. */
import { ConfigError, SerializationError } from '@convkit/core';
import type { LayersModel } from '@convkit/layers';
import { gzipSync } from 'fflate';
import { decodeCompressed } from './decode';
import { encodeCompressed } from './encode';
import type { CompressedModel, DecodeCompressedOptions, EncodeCompressedOptions } from './types';
import { checkMaxBytes } from './validate';

/**
 * Encodes `model` (see `encodeCompressed`) and writes it to `path` (a file
 * path or `file://` URL) atomically: the bytes go to a temporary file in the
 * same directory, which is fsynced and then renamed over `path`, and the
 * directory is fsynced. A crash or error at any point leaves either the
 * previous file or the new one at `path`, never a partial file; on an error
 * the temporary file is removed (a crash may leave a stale
 * `.<name>.tmp-<random>` sibling, which is safe to delete). Creates missing
 * parent directories. Node only. Resolves to the number of bytes written.
 */
export async function saveCompressed(
  model: LayersModel,
  path: string,
  options: EncodeCompressedOptions = {},
): Promise<number> {
  const bytes = await encodeCompressed(model, options);
  const fs = await import('node:fs/promises');
  const nodePath = await import('node:path');
  const file = nodePath.resolve(await toFilePath(path));
  const dir = nodePath.dirname(file);
  await fs.mkdir(dir, { recursive: true });
  const tmp = nodePath.join(
    dir,
    `.${nodePath.basename(file)}.tmp-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
  );
  try {
    const fh = await fs.open(tmp, 'wx');
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
  // Make the rename durable; directories cannot be fsynced on some platforms (Windows).
  try {
    const dh = await fs.open(dir, 'r');
    await dh.sync().finally(() => dh.close());
  } catch {
    // best effort
  }
  return bytes.length;
}

/**
 * Reads a file written by `saveCompressed` (a path or `file://` URL) and
 * decodes it (see `decodeCompressed`). A file larger than `maxBytes` is
 * rejected before it is read. Node only. Every failure, a missing file
 * included, is a `SerializationError`.
 */
export async function loadCompressed(path: string, options: DecodeCompressedOptions = {}): Promise<CompressedModel> {
  const maxBytes = checkMaxBytes(options.maxBytes);
  const fs = await import('node:fs/promises');
  const file = await toFilePath(path);
  let size: number;
  try {
    size = (await fs.stat(file)).size;
  } catch (e) {
    throw new SerializationError(`Cannot read convkit-compressed file ${file}: ${(e as Error).message}`, { cause: e });
  }
  if (size > maxBytes) {
    throw new SerializationError(`${file} is ${size} bytes, more than maxBytes = ${maxBytes}`);
  }
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(file);
  } catch (e) {
    throw new SerializationError(`Cannot read convkit-compressed file ${file}: ${(e as Error).message}`, { cause: e });
  }
  return decodeCompressed(bytes, options);
}

/**
 * Size of `model` in the compressed format with `options`: the encoded bytes
 * (`raw`) and those bytes gzipped at level 9 (`gzipped`, what a web server
 * sends with gzip content encoding).
 */
export async function compressedSize(
  model: LayersModel,
  options: EncodeCompressedOptions = {},
): Promise<{ raw: number; gzipped: number }> {
  const bytes = await encodeCompressed(model, options);
  return { raw: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length };
}

async function toFilePath(target: string): Promise<string> {
  if (typeof target !== 'string' || target.length === 0) throw new ConfigError('File path must be a non-empty string');
  if (target.startsWith('file://')) {
    const { fileURLToPath } = await import('node:url');
    return fileURLToPath(target);
  }
  return target;
}
