/**
 * The IDX format of MNIST and Fashion-MNIST: a 4-byte magic (two zero bytes,
 * a type code, the number of dimensions), one big-endian uint32 per
 * dimension, then the values, big-endian, row-major. Files may be gzipped.
 */
import { ConfigError, DataFormatError } from '@convkit/core';
import { describeValue } from '../check';
import { type BytesLike, type PlainInput, plainInput, type ReadOptions } from './bytes';

/** Element types IDX can hold. */
export type IdxDtype = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';

/** A decoded IDX file. */
export interface IdxArray {
  /** Element type from the magic's type code. */
  dtype: IdxDtype;
  /** Dimensions from the header, e.g. `[60000, 28, 28]`. */
  dims: number[];
  /** Values in row-major order, in native byte order. */
  data: Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;
}

const TYPES: Record<number, { dtype: IdxDtype; bytes: number }> = {
  8: { dtype: 'uint8', bytes: 1 },
  9: { dtype: 'int8', bytes: 1 },
  11: { dtype: 'int16', bytes: 2 },
  12: { dtype: 'int32', bytes: 4 },
  13: { dtype: 'float32', bytes: 4 },
  14: { dtype: 'float64', bytes: 8 },
};

const CODES: Record<IdxDtype, number> = {
  uint8: 0x08,
  int8: 0x09,
  int16: 0x0b,
  int32: 0x0c,
  float32: 0x0d,
  float64: 0x0e,
};

/** Largest number of dimensions accepted; real files have 1 to 4. */
const MAX_DIMS = 8;

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}

/**
 * Decodes an IDX file (raw or gzipped). Throws `DataFormatError`, naming
 * `options.name`, when the magic is wrong, the header is truncated or absurd
 * (more than `options.maxBytes` of data), or the data length disagrees with the
 * dimensions; `ConfigError` for an input that is not bytes or invalid options.
 *
 * @param input - An IDX file, raw or gzipped.
 * @param options - `name` for messages, `maxBytes` limit.
 * @returns Type, dimensions and values.
 * @throws {DataFormatError} when the magic, header or data length is wrong, or the data exceeds `maxBytes`.
 * @throws {ConfigError} when `input` is not bytes or an option is invalid.
 *
 * @example
 * ```ts
 * import { readIdx } from '@convkit/data';
 *
 * declare const bytes: Uint8Array;
 * const { dtype, dims, data } = readIdx(bytes, { name: 't10k-labels-idx1-ubyte.gz' }); // 'uint8', [10000]
 * ```
 */
export function readIdx(input: BytesLike, options: ReadOptions = {}): IdxArray {
  return idxFromPlain(plainInput('readIdx', input, options, 'IDX input'));
}

/** Decodes the IDX file in already checked and decompressed input. */
export function idxFromPlain({ bytes, name, maxBytes }: PlainInput): IdxArray {
  if (bytes.length < 4) throw new DataFormatError(`${name}: truncated IDX file (${bytes.length} bytes, no header)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  const type = TYPES[bytes[2]];
  const ndims = bytes[3];
  if (bytes[0] !== 0 || bytes[1] !== 0 || !type) {
    throw new DataFormatError(
      `${name}: not an IDX file (magic ${hex(magic)}; expected 0x0000TTDD with a known type TT)`,
    );
  }
  if (ndims < 1 || ndims > MAX_DIMS) {
    throw new DataFormatError(`${name}: IDX header declares ${ndims} dimensions (expected 1..${MAX_DIMS})`);
  }
  const headerBytes = 4 + 4 * ndims;
  if (bytes.length < headerBytes) {
    throw new DataFormatError(
      `${name}: truncated IDX header (${bytes.length} bytes, ${ndims} dimensions need ${headerBytes})`,
    );
  }
  const dims: number[] = [];
  let count = 1;
  for (let i = 0; i < ndims; i++) {
    const d = view.getUint32(4 + 4 * i);
    dims.push(d);
    count *= d;
  }
  // At most 8 factors below 2^32: the float product is exact enough to compare with maxBytes.
  const dataBytes = count * type.bytes;
  if (dataBytes > maxBytes) {
    throw new DataFormatError(
      `${name}: IDX header declares dimensions [${dims.join(', ')}] = ${dataBytes} bytes of data, more than maxBytes ${maxBytes}`,
    );
  }
  const actual = bytes.length - headerBytes;
  if (actual !== dataBytes) {
    const what = actual < dataBytes ? 'truncated' : 'has trailing bytes';
    throw new DataFormatError(
      `${name}: ${what}: header dimensions [${dims.join(', ')}] need ${dataBytes} bytes of ${type.dtype} data, file has ${actual}`,
    );
  }
  return { dtype: type.dtype, dims, data: decode(bytes, view, headerBytes, count, type.dtype) };
}

function decode(bytes: Uint8Array, view: DataView, offset: number, count: number, dtype: IdxDtype): IdxArray['data'] {
  switch (dtype) {
    case 'uint8':
      return bytes.subarray(offset, offset + count);
    case 'int8':
      return new Int8Array(bytes.buffer, bytes.byteOffset + offset, count);
    case 'int16': {
      const out = new Int16Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt16(offset + 2 * i);
      return out;
    }
    case 'int32': {
      const out = new Int32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt32(offset + 4 * i);
      return out;
    }
    case 'float32': {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(offset + 4 * i);
      return out;
    }
    case 'float64': {
      const out = new Float64Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(offset + 8 * i);
      return out;
    }
  }
}

const INT_RANGE: Partial<Record<IdxDtype, [number, number]>> = {
  uint8: [0, 255],
  int8: [-128, 127],
  int16: [-32768, 32767],
  int32: [-2147483648, 2147483647],
};

/**
 * Encodes values as an (uncompressed) IDX file, the inverse of `readIdx`.
 * Useful to export data and to build test fixtures. Throws `ConfigError` for
 * an unknown dtype, invalid dimensions, a value count that disagrees with them,
 * or a value the integer dtype cannot hold (nothing is silently wrapped).
 *
 * @param data - Values in row-major order.
 * @param dims - Dimensions; their product must equal `data.length`.
 * @param dtype - Element type; default `'uint8'`.
 * @returns The IDX file's bytes.
 * @throws {ConfigError} for an unknown dtype, invalid dimensions, a count mismatch or an out-of-range value.
 *
 * @example
 * ```ts
 * import { encodeIdx } from '@convkit/data';
 *
 * const labels = encodeIdx([3, 1, 4], [3]); // an idx1-ubyte label file
 * ```
 */
export function encodeIdx(data: ArrayLike<number>, dims: readonly number[], dtype: IdxDtype = 'uint8'): Uint8Array {
  const code = Object.hasOwn(CODES, dtype) ? CODES[dtype] : undefined;
  if (code === undefined) {
    throw new ConfigError(
      `encodeIdx: dtype must be one of ${Object.keys(CODES).join(', ')}, got ${describeValue(dtype)}`,
    );
  }
  if (!Array.isArray(dims) || dims.length < 1 || dims.length > MAX_DIMS) {
    throw new ConfigError(`encodeIdx: dims must be an array of 1..${MAX_DIMS} dimensions, got ${describeValue(dims)}`);
  }
  let count = 1;
  for (const d of dims) {
    if (!Number.isInteger(d) || d < 0 || d > 0xffffffff) {
      throw new ConfigError(
        `encodeIdx: dimension ${describeValue(d)} in [${dims.join(', ')}] is not an integer in 0..2^32-1`,
      );
    }
    count *= d;
  }
  if (typeof (data as ArrayLike<number> | null)?.length !== 'number') {
    throw new ConfigError(`encodeIdx: data must be an array or typed array of numbers, got ${describeValue(data)}`);
  }
  if (data.length !== count) {
    throw new ConfigError(`encodeIdx: dimensions [${dims.join(', ')}] need ${count} values, got ${data.length}`);
  }
  const elem = TYPES[code].bytes;
  const range = INT_RANGE[dtype];
  const header = 4 + 4 * dims.length;
  const out = new Uint8Array(header + count * elem);
  const view = new DataView(out.buffer);
  out[2] = code;
  out[3] = dims.length;
  for (let i = 0; i < dims.length; i++) view.setUint32(4 + 4 * i, dims[i]);
  for (let i = 0; i < count; i++) {
    const o = header + i * elem;
    const v = data[i];
    if (typeof v !== 'number' || (range && !(Number.isInteger(v) && v >= range[0] && v <= range[1]))) {
      throw new ConfigError(
        `encodeIdx: value ${describeValue(v)} at index ${i} does not fit ${dtype}${range ? ` (integers ${range[0]}..${range[1]})` : ''}`,
      );
    }
    if (dtype === 'uint8') view.setUint8(o, v);
    else if (dtype === 'int8') view.setInt8(o, v);
    else if (dtype === 'int16') view.setInt16(o, v);
    else if (dtype === 'int32') view.setInt32(o, v);
    else if (dtype === 'float32') view.setFloat32(o, v);
    else view.setFloat64(o, v);
  }
  return out;
}
