/**
 * Byte input shared by the readers: a `Uint8Array` or `ArrayBuffer`, gunzipped
 * when it starts with the gzip magic (1f 8b), in Node and the browser alike.
 */
import { DataFormatError } from '@convkit/core';
import { gunzipSync } from 'fflate';

/** Raw or gzipped file contents. */
export type BytesLike = Uint8Array | ArrayBuffer;

/** Options every reader accepts. */
export interface ReadOptions {
  /** File name (or URL) used in error messages. */
  name?: string;
  /**
   * Largest decompressed size accepted, in bytes (default 1 GiB): a header or a
   * gzip stream that asks for more is rejected before anything that size is allocated.
   */
  maxBytes?: number;
}

/** Default `maxBytes`: 1 GiB. */
export const DEFAULT_MAX_BYTES = 1 << 30;

/** True when `bytes` starts with the gzip magic 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** `bytes` as a `Uint8Array`, decompressed when gzipped. Throws `DataFormatError` for a corrupt gzip stream. */
export function toPlainBytes(input: BytesLike, options: ReadOptions = {}): Uint8Array {
  const name = options.name ?? 'input';
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (!isGzip(bytes)) return bytes;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length < 18) throw new DataFormatError(`${name}: gzip stream truncated (${bytes.length} bytes)`);
  // ISIZE (last 4 bytes, little-endian) is the uncompressed size modulo 2^32.
  const n = bytes.length;
  const isize = (bytes[n - 4] | (bytes[n - 3] << 8) | (bytes[n - 2] << 16) | (bytes[n - 1] << 24)) >>> 0;
  if (isize > maxBytes) {
    throw new DataFormatError(
      `${name}: gzip stream declares ${isize} uncompressed bytes, more than maxBytes ${maxBytes}`,
    );
  }
  let out: Uint8Array;
  try {
    out = gunzipSync(bytes, { out: new Uint8Array(isize) });
  } catch (cause) {
    throw new DataFormatError(`${name}: corrupt or truncated gzip stream (${(cause as Error).message})`, { cause });
  }
  if (out.length !== isize) {
    throw new DataFormatError(`${name}: gzip stream holds ${out.length} bytes but its trailer says ${isize}`);
  }
  return out;
}
