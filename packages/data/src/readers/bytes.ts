/**
 * Byte input shared by the readers: a `Uint8Array` or `ArrayBuffer`, gunzipped
 * when it starts with the gzip magic (1f 8b), in Node and the browser alike.
 */
import { ConfigError } from '@convkit/core';
import { checkOptionalInteger, checkOptionalString, checkOptions, describeValue } from '../check';
import { gunzip } from './gunzip';

/** Raw or gzipped file contents. */
export type BytesLike = Uint8Array | ArrayBuffer;

/** Options every reader accepts. */
export interface ReadOptions {
  /** File name (or URL) used in error messages. */
  name?: string;
  /**
   * Largest decompressed size accepted, in bytes (a positive integer; default
   * 1 GiB): a header that asks for more is rejected before anything that size is
   * allocated, and gzip decompression stops as soon as its output passes it.
   *
   * @defaultValue `1 GiB`
   */
  maxBytes?: number;
}

/** Default `maxBytes`: 1 GiB. */
export const DEFAULT_MAX_BYTES = 1 << 30;

/** Reader input after checking: its bytes (decompressed), the name for messages and the size limit. */
export interface PlainInput {
  bytes: Uint8Array;
  name: string;
  maxBytes: number;
}

/**
 * True when `bytes` starts with the gzip magic 1f 8b.
 *
 * @param bytes - File contents.
 * @returns True for gzip data.
 */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * `input` as a `Uint8Array` (an `ArrayBuffer` is wrapped, not copied); throws
 * `ConfigError` naming `fn` and `what` for anything else (a string, a path, a
 * `Response`, `undefined`…).
 */
export function checkBytes(fn: string, what: string, input: unknown): Uint8Array {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  throw new ConfigError(
    `${fn}: ${what} must be the file's contents as a Uint8Array or an ArrayBuffer, got ${describeValue(input)}` +
      (typeof input === 'string' ? ' (to read a file by path, use the loaders of @convkit/data/node)' : ''),
  );
}

/** Checks `options.name` and `options.maxBytes` of reader `fn`; returns the limit in force. */
export function checkReadOptions(fn: string, options: ReadOptions | undefined): { name?: string; maxBytes: number } {
  const opts = checkOptions(fn, options);
  const name = checkOptionalString(fn, 'options.name', opts.name);
  const maxBytes = checkOptionalInteger(fn, 'options.maxBytes', opts.maxBytes, { min: 1 }) ?? DEFAULT_MAX_BYTES;
  return { name, maxBytes };
}

/**
 * The checked input of reader `fn`: bytes decompressed when gzipped (see
 * `toPlainBytes`), the file name for messages (`defaultName` when none is given)
 * and `maxBytes`. `what` names the argument in messages (`input`, `files.trainImages`…).
 */
export function plainInput(
  fn: string,
  input: unknown,
  options: ReadOptions | undefined,
  defaultName: string,
  what = 'input',
): PlainInput {
  const { name = defaultName, maxBytes } = checkReadOptions(fn, options);
  const raw = checkBytes(fn, what, input);
  return { bytes: isGzip(raw) ? gunzip(raw, name, maxBytes) : raw, name, maxBytes };
}

/**
 * `bytes` as a `Uint8Array`, decompressed when gzipped: every member of a
 * multi-member file, each checked against its CRC-32 and length, trailing zero
 * padding ignored. Throws `DataFormatError` naming `options.name` for a corrupt,
 * truncated or oversized stream (decompression stops as soon as the output
 * passes `options.maxBytes`), `ConfigError` for invalid arguments.
 *
 * @param input - Raw or gzipped bytes.
 * @param options - `name` for messages, `maxBytes` limit (default 1 GiB).
 * @returns The plain bytes (the input itself when not gzipped).
 * @throws {DataFormatError} for a corrupt, truncated or oversized gzip stream.
 * @throws {ConfigError} when `input` is not bytes or an option is invalid.
 *
 * @example
 * ```ts
 * import { toPlainBytes } from '@convkit/data';
 *
 * const plain = toPlainBytes(await (await fetch('/t10k-labels-idx1-ubyte.gz')).arrayBuffer(), { maxBytes: 1 << 20 });
 * ```
 */
export function toPlainBytes(input: BytesLike, options: ReadOptions = {}): Uint8Array {
  return plainInput('toPlainBytes', input, options, 'input').bytes;
}
