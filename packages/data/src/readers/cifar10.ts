/**
 * The CIFAR-10 binary format: records of 1 label byte followed by 3072 pixel
 * bytes (1024 red, 1024 green, 1024 blue; each plane 32×32 row-major, i.e.
 * CHW). Converted here to HWC, convkit's image layout.
 */
import { ConfigError, DataFormatError } from '@convkit/core';
import { checkOptionalBoolean, checkOptionalString, checkOptions, describeValue } from '../check';
import { ImageDataset } from '../image-dataset';
import { type BytesLike, checkReadOptions, plainInput, type ReadOptions } from './bytes';

/** Bytes per CIFAR-10 record: 1 label + 32×32×3 pixels. */
export const CIFAR10_RECORD_BYTES = 1 + 32 * 32 * 3;

/** Class names of CIFAR-10, index = label. */
export const CIFAR10_CLASSES: readonly string[] = Object.freeze([
  'airplane',
  'automobile',
  'bird',
  'cat',
  'deer',
  'dog',
  'frog',
  'horse',
  'ship',
  'truck',
]);

/** Decoded CIFAR-10 records. */
export interface Cifar10Records {
  /** Number of records (images). */
  count: number;
  /** `count × 32 × 32 × 3` bytes, HWC. */
  pixels: Uint8Array;
  /** `count` labels, 0..9 (see {@link CIFAR10_CLASSES}). */
  labels: Uint8Array;
}

/** Options of `cifar10FromBatches`. */
export interface Cifar10Options {
  /**
   * Divide by 255 so pixels lie in [0, 1] (default `true`).
   *
   * @defaultValue `true`
   */
  scale?: boolean;
  /**
   * Largest decompressed size accepted per file, in bytes (a positive integer; default 1 GiB).
   *
   * @defaultValue `1 GiB`
   */
  maxBytes?: number;
}

/** Checks the options of `fn` (`cifar10FromBatches`, `loadCifar10`); throws `ConfigError` naming the option. */
export function checkCifar10Options(fn: string, options: Cifar10Options | undefined): Required<Cifar10Options> {
  const opts = checkOptions(fn, options);
  const scale = checkOptionalBoolean(fn, 'options.scale', opts.scale) ?? true;
  return { scale, maxBytes: checkReadOptions(fn, { maxBytes: opts.maxBytes }).maxBytes };
}

function records(fn: string, input: unknown, options: ReadOptions | undefined, what = 'input'): Cifar10Records {
  const { bytes, name } = plainInput(fn, input, options, 'CIFAR-10 batch', what);
  if (bytes.length === 0 || bytes.length % CIFAR10_RECORD_BYTES !== 0) {
    throw new DataFormatError(
      `${name}: ${bytes.length} bytes is not a whole number of ${CIFAR10_RECORD_BYTES}-byte CIFAR-10 records (truncated or not CIFAR-10 binary)`,
    );
  }
  const count = bytes.length / CIFAR10_RECORD_BYTES;
  const pixels = new Uint8Array(count * 3072);
  const labels = new Uint8Array(count);
  for (let r = 0; r < count; r++) {
    const base = r * CIFAR10_RECORD_BYTES;
    const label = bytes[base];
    if (label > 9) throw new DataFormatError(`${name}: record ${r} has label ${label}, expected 0..9 (corrupt file?)`);
    labels[r] = label;
    const out = r * 3072;
    for (let c = 0; c < 3; c++) {
      const plane = base + 1 + c * 1024;
      for (let p = 0; p < 1024; p++) pixels[out + p * 3 + c] = bytes[plane + p];
    }
  }
  return { count, pixels, labels };
}

/**
 * Decodes one CIFAR-10 binary batch file (raw or gzipped) into HWC bytes and
 * labels. Throws `DataFormatError` when the length is not a whole number of
 * records or a label is not 0..9, `ConfigError` for invalid arguments.
 *
 * @param input - One batch file, raw or gzipped.
 * @param options - `name` for messages, `maxBytes` limit.
 * @returns The records, pixels in HWC order.
 * @throws {DataFormatError} when the length is not a whole number of records or a label is not 0..9.
 * @throws {ConfigError} when `input` is not bytes or an option is invalid.
 *
 * @example
 * ```ts
 * import { readCifar10 } from '@convkit/data';
 *
 * declare const bytes: Uint8Array;
 * const { count, pixels, labels } = readCifar10(bytes, { name: 'test_batch.bin' }); // count 10000
 * ```
 */
export function readCifar10(input: BytesLike, options: ReadOptions = {}): Cifar10Records {
  return records('readCifar10', input, options);
}

/**
 * The dataset of checked batch files for public function `fn`; `options`
 * already checked.
 */
export function cifar10Dataset(
  fn: string,
  files: readonly { bytes: BytesLike; name?: string }[],
  options: Required<Cifar10Options>,
): ImageDataset {
  if (!Array.isArray(files) || files.length === 0) {
    throw new ConfigError(
      `${fn}: files must be a non-empty array of { bytes, name? } batch files, got ${describeValue(files)}`,
    );
  }
  const parts = files.map((f, i) => {
    const file = checkOptions(fn, f, `files[${i}]`);
    const name = checkOptionalString(fn, `files[${i}].name`, file.name);
    return records(fn, file.bytes, { name, maxBytes: options.maxBytes }, `files[${i}].bytes`);
  });
  const count = parts.reduce((n, p) => n + p.count, 0);
  const pixels = new Uint8Array(count * 3072);
  const labels = new Uint8Array(count);
  let at = 0;
  for (const p of parts) {
    pixels.set(p.pixels, at * 3072);
    labels.set(p.labels, at);
    at += p.count;
  }
  return ImageDataset.fromUint8(pixels, labels, [32, 32, 3], {
    scale: options.scale,
    numClasses: 10,
    classNames: CIFAR10_CLASSES,
  });
}

/**
 * An `ImageDataset` (32×32×3, with class names) from one or more CIFAR-10
 * binary batch files, e.g. `data_batch_1.bin` … `data_batch_5.bin`.
 *
 * @param files - The batch files: `bytes` (raw or gzipped) and an optional `name` for messages.
 * @param options - `scale` (default `true`) and `maxBytes` per file.
 * @returns One dataset of every record, in file order.
 * @throws {DataFormatError} when a file is not a whole number of records or holds a label outside 0..9.
 * @throws {ConfigError} when `files` or an option is invalid.
 *
 * @example
 * ```ts
 * import { cifar10FromBatches } from '@convkit/data';
 *
 * declare const batch1: Uint8Array;
 * const train = cifar10FromBatches([{ bytes: batch1, name: 'data_batch_1.bin' }]);
 * ```
 */
export function cifar10FromBatches(
  files: readonly { bytes: BytesLike; name?: string }[],
  options: Cifar10Options = {},
): ImageDataset {
  const fn = 'cifar10FromBatches';
  return cifar10Dataset(fn, files, checkCifar10Options(fn, options));
}
