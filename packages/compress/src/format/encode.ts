/** Encoding a model as a `convkit-compressed` file: the storage choice per weight and the bytes. */
import { ConfigError, crc32, formatShape } from '@convkit/core';
import { type LayersModel, type LayerWeight, modelJsonOf } from '@convkit/layers';
import { packCodes, packedByteLength } from '../bitpack';
import { float16BitsToFloat32, float32ToFloat16Bits } from '../float16';
import { channelAxis, dequantizePerChannel, perChannelScales, quantizePerChannel } from '../quant-weights';
import { kernelWeights } from '../stats';
import {
  bitsOfStorage,
  COMPRESSED_FORMAT,
  COMPRESSED_MAGIC,
  type CompressedByteRange,
  type CompressedHeader,
  type CompressedWeightEntry,
  CRC_BYTES,
  type EncodeCompressedOptions,
  MAX_CODEBOOK,
  MAX_CODEBOOK_4BIT,
  PREAMBLE,
  WEIGHT_STORAGES,
  type WeightEncoding,
  type WeightStorage,
} from './types';
import { isRecord } from './validate';

/** One weight's chosen storage and its bytes. */
interface WeightPlan {
  name: string;
  shape: number[];
  encoding: WeightEncoding;
  sparse: boolean;
  count: number;
  axis?: number;
  bits?: number;
  indexBits?: 4 | 8;
  mask?: Uint8Array;
  scales?: Uint8Array;
  codebook?: Uint8Array;
  values: Uint8Array;
}

/** Base storage of one weight before the sparse / clustered choice. */
interface BaseEncoded {
  encoding: 'float32' | 'float16' | 'int8' | 'int';
  /** The float32 values the stored form decodes to. */
  target: Float32Array;
  /** Bytes that `count` stored values take. */
  valueBytes(count: number): number;
  /** The stored form of the elements `stored` lists, in order. */
  encodeValues(stored: Uint32Array): Uint8Array;
  axis?: number;
  /** `int` only: bits per code. */
  bits?: number;
  scales?: Float32Array;
}

/**
 * Encodes `model` as a `convkit-compressed` file (see the module comment for
 * the layout and `EncodeCompressedOptions` for the choices). Reads the weight
 * values with `await variable.data()`; creates no tensor. Throws a
 * `ConfigError` for invalid options (scales of the wrong length, metadata
 * that is not a JSON object, a kernel that cannot be clustered with
 * `clustered: true`, a value out of float16 range, a non-finite value stored as int8).
 *
 * @param model - The model to encode.
 * @param options - Encoding choices.
 * @returns The `.ckz` bytes.
 * @throws {ConfigError} for invalid options.
 */
export async function encodeCompressed(model: LayersModel, options: EncodeCompressedOptions = {}): Promise<Uint8Array> {
  const storage = options.weights ?? 'float32';
  if (!WEIGHT_STORAGES.includes(storage)) {
    throw new ConfigError(
      `encodeCompressed: weights must be one of ${WEIGHT_STORAGES.map((w) => `'${w}'`).join(', ')}, got ${JSON.stringify(storage)}`,
    );
  }
  const intBits = bitsOfStorage(storage);
  const sparse = checkChoice('sparse', options.sparse);
  const clustered = checkChoice('clustered', options.clustered);
  const metadata = checkMetadataOption(options.metadata);
  const modelJson = modelJsonOf(model);
  const training = options.training === undefined ? modelJson.training : (options.training ?? undefined);

  const kernelLayer = new Map<LayerWeight, string>();
  for (const layer of model.layers) for (const w of kernelWeights(layer)) kernelLayer.set(w, layer.className);
  const scalesByName = options.int8Scales ?? {};
  if (intBits !== undefined) {
    const kernelNames = new Set([...kernelLayer.keys()].map((w) => w.name));
    for (const name of Object.keys(scalesByName)) {
      if (!kernelNames.has(name)) {
        throw new ConfigError(
          `encodeCompressed: int8Scales names '${name}', which is not a kernel weight of the model`,
        );
      }
    }
  }

  const plans: WeightPlan[] = [];
  for (const w of model.weights) {
    const raw = await w.variable.data();
    const values = raw instanceof Float32Array ? raw : Float32Array.from(raw as ArrayLike<number>);
    const layerClass = kernelLayer.get(w);
    const isKernel = layerClass !== undefined;
    const kind: WeightStorage = isKernel ? storage : storage === 'float16' ? 'float16' : 'float32';
    let base: BaseEncoded;
    if (isKernel && intBits !== undefined) {
      const axis = channelAxis(w);
      base = intBase(w.name, values, w.shape, axis, scalesByName[w.name], intBits);
    } else if (kind === 'float16') {
      base = float16Base(w.name, values);
    } else {
      base = float32Base(values);
    }
    plans.push(planWeight(w.name, [...w.shape], base, sparse, isKernel ? clustered : false));
  }

  const manifest: CompressedWeightEntry[] = [];
  let offset = 0;
  const range = (part: Uint8Array): CompressedByteRange => {
    const r = { offset, byteLength: part.length };
    offset += part.length;
    return r;
  };
  for (const p of plans) {
    const entry: CompressedWeightEntry = {
      name: p.name,
      shape: p.shape,
      encoding: p.encoding,
      sparse: p.sparse,
      count: p.count,
      values: { offset: 0, byteLength: 0 },
    };
    if (p.mask) entry.mask = range(p.mask);
    if (p.scales) {
      entry.axis = p.axis;
      entry.scales = range(p.scales);
    }
    if (p.bits !== undefined) entry.bits = p.bits;
    if (p.codebook) {
      entry.indexBits = p.indexBits;
      entry.codebook = range(p.codebook);
    }
    entry.values = range(p.values);
    manifest.push(entry);
  }
  const header: CompressedHeader = {
    format: COMPRESSED_FORMAT,
    // Version 1 readers load every file without bit-packed codes.
    version: manifest.some((e) => e.encoding === 'int') ? 2 : 1,
    generatedBy: '@convkit/compress',
    topology: modelJson.topology,
    metadata,
    payloadBytes: offset,
    weightsManifest: manifest,
  };
  if (training) header.training = training;

  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(PREAMBLE + headerBytes.length + offset + CRC_BYTES);
  const view = new DataView(out.buffer);
  for (let i = 0; i < COMPRESSED_MAGIC.length; i++) out[i] = COMPRESSED_MAGIC.charCodeAt(i);
  view.setUint32(8, headerBytes.length, true);
  out.set(headerBytes, PREAMBLE);
  let at = PREAMBLE + headerBytes.length;
  for (const p of plans) {
    for (const part of [p.mask, p.scales, p.codebook, p.values]) {
      if (!part) continue;
      out.set(part, at);
      at += part.length;
    }
  }
  view.setUint32(at, crc32(out.subarray(0, at)), true);
  return out;
}

function checkChoice(name: string, v: 'auto' | boolean | undefined): 'auto' | boolean {
  if (v === undefined) return 'auto';
  if (v !== 'auto' && v !== true && v !== false) {
    throw new ConfigError(`encodeCompressed: ${name} must be 'auto', true or false, got ${JSON.stringify(v)}`);
  }
  return v;
}

function checkMetadataOption(metadata: unknown): Record<string, unknown> {
  if (metadata === undefined) return {};
  if (!isRecord(metadata)) throw new ConfigError('encodeCompressed: metadata must be a plain object');
  let text: string;
  try {
    text = JSON.stringify(metadata);
  } catch (e) {
    throw new ConfigError(`encodeCompressed: metadata is not JSON-serialisable: ${(e as Error).message}`, { cause: e });
  }
  return JSON.parse(text) as Record<string, unknown>;
}

function float32Base(values: Float32Array): BaseEncoded {
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  return {
    encoding: 'float32',
    target: values,
    valueBytes: (count) => 4 * count,
    encodeValues: (stored) => {
      const out = new Uint8Array(4 * stored.length);
      const view = new DataView(out.buffer);
      stored.forEach((i, j) => view.setUint32(4 * j, bits[i], true));
      return out;
    },
  };
}

function float16Base(name: string, values: Float32Array): BaseEncoded {
  const half = float32ToFloat16Bits(values);
  for (let i = 0; i < values.length; i++) {
    if ((half[i] & 0x7fff) === 0x7c00 && Number.isFinite(values[i])) {
      throw new ConfigError(
        `encodeCompressed: weight '${name}' holds ${values[i]} at flat index ${i}, beyond float16's range (±65504); store it as float32`,
      );
    }
  }
  return {
    encoding: 'float16',
    target: float16BitsToFloat32(half),
    valueBytes: (count) => 2 * count,
    encodeValues: (stored) => {
      const out = new Uint8Array(2 * stored.length);
      const view = new DataView(out.buffer);
      stored.forEach((i, j) => view.setUint16(2 * j, half[i], true));
      return out;
    },
  };
}

function intBase(
  name: string,
  values: Float32Array,
  shape: readonly number[],
  axis: number,
  given: Float32Array | undefined,
  bits: number,
): BaseEncoded {
  const channels = shape[axis] ?? 1;
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    throw new ConfigError(
      `encodeCompressed: weight '${name}' holds ${values[bad]} at flat index ${bad}; int${bits} needs finite values`,
    );
  }
  let scales: Float32Array;
  if (given !== undefined) {
    if (!(given instanceof Float32Array) || given.length !== channels) {
      throw new ConfigError(
        `encodeCompressed: int8Scales['${name}'] must be a Float32Array of ${channels} scales (axis ${axis} of ${formatShape(shape)}), got ${given?.length ?? given}`,
      );
    }
    const i = given.findIndex((s) => !(Number.isFinite(s) && s > 0));
    if (i >= 0)
      throw new ConfigError(
        `encodeCompressed: int8Scales['${name}'][${i}] = ${given[i]}; scales must be positive and finite`,
      );
    scales = given;
  } else {
    scales = perChannelScales(values, shape, axis, bits);
    // A scale that underflows to 0 (weights near the smallest float32) would divide by zero.
    for (let c = 0; c < channels; c++) if (!(scales[c] > 0)) scales[c] = 1;
  }
  const { q } = quantizePerChannel(values, shape, axis, scales, bits);
  const target = dequantizePerChannel(q, shape, axis, scales);
  const codesOf = (stored: Uint32Array) => Int8Array.from(stored, (i) => q[i]);
  if (bits === 8) {
    // One signed byte per code: the version-1 `int8` encoding.
    return {
      encoding: 'int8',
      target,
      valueBytes: (count) => count,
      encodeValues: (stored) => new Uint8Array(codesOf(stored).buffer),
      axis,
      scales,
    };
  }
  return {
    encoding: 'int',
    target,
    valueBytes: (count) => packedByteLength(count, bits),
    encodeValues: (stored) => packCodes(codesOf(stored), bits),
    axis,
    bits,
    scales,
  };
}

/**
 * Picks the smallest allowed form of one weight (dense or sparse, base or
 * codebook) and writes its parts.
 */
function planWeight(
  name: string,
  shape: number[],
  base: BaseEncoded,
  sparse: 'auto' | boolean,
  clustered: 'auto' | boolean,
): WeightPlan {
  const t = base.target;
  const bits = new Uint32Array(t.buffer, t.byteOffset, t.length);
  const n = t.length;
  let nonzero = 0;
  for (let i = 0; i < n; i++) if (bits[i] !== 0) nonzero++;
  const maskBytes = Math.ceil(n / 8);
  const extra = base.scales ? 4 * base.scales.length : 0;
  const valueBytes = base.valueBytes;

  // Distinct stored values (by bit pattern), up to one more than a codebook can hold plus +0.
  const distinct = new Set<number>();
  if (clustered !== false) {
    for (let i = 0; i < n && distinct.size <= MAX_CODEBOOK + 1; i++) distinct.add(bits[i]);
  }
  const hasZero = distinct.has(0);
  const kDense = distinct.size;
  const kSparse = distinct.size - (hasZero ? 1 : 0);
  const indexBytes = (k: number, m: number) => (k <= MAX_CODEBOOK_4BIT ? Math.ceil(m / 2) : m);

  interface Candidate {
    clustered: boolean;
    sparse: boolean;
    bytes: number;
  }
  const candidates: Candidate[] = [];
  if (clustered !== true) {
    if (sparse !== true) candidates.push({ clustered: false, sparse: false, bytes: extra + valueBytes(n) });
    if (sparse !== false)
      candidates.push({ clustered: false, sparse: true, bytes: maskBytes + extra + valueBytes(nonzero) });
  }
  if (clustered !== false) {
    if (sparse !== true && kDense <= MAX_CODEBOOK)
      candidates.push({ clustered: true, sparse: false, bytes: 4 * kDense + indexBytes(kDense, n) });
    if (sparse !== false && kSparse <= MAX_CODEBOOK)
      candidates.push({ clustered: true, sparse: true, bytes: maskBytes + 4 * kSparse + indexBytes(kSparse, nonzero) });
  }
  if (candidates.length === 0) {
    throw new ConfigError(
      `encodeCompressed: kernel '${name}' has more than ${MAX_CODEBOOK} distinct ${sparse === true ? 'nonzero ' : ''}values, so it cannot be stored clustered; cluster it first (clusterWeights) or pass clustered: 'auto'`,
    );
  }
  // The first smallest wins: plain before sparse before clustered on ties.
  const best = candidates.reduce((a, b) => (b.bytes < a.bytes ? b : a));

  const isStored = best.sparse ? (i: number) => bits[i] !== 0 : () => true;
  const count = best.sparse ? nonzero : n;
  const plan: WeightPlan = {
    name,
    shape,
    encoding: best.clustered ? 'clustered' : base.encoding,
    sparse: best.sparse,
    count,
    values: new Uint8Array(0),
  };
  if (best.sparse) {
    const mask = new Uint8Array(maskBytes);
    for (let i = 0; i < n; i++) if (bits[i] !== 0) mask[i >> 3] |= 1 << (i & 7);
    plan.mask = mask;
  }
  if (best.clustered) {
    const book = [...distinct].filter((b) => !best.sparse || b !== 0);
    // Ascending by value, ties (±0, NaNs) by bit pattern, so equal models give equal files.
    const asFloat = new Float32Array(new Uint32Array(book).buffer);
    const order = book.map((_, i) => i);
    order.sort((i, j) => (asFloat[i] < asFloat[j] ? -1 : asFloat[i] > asFloat[j] ? 1 : book[i] - book[j]));
    const sorted = order.map((i) => book[i]);
    book.splice(0, book.length, ...sorted);
    const code = new Map<number, number>();
    book.forEach((b, i) => code.set(b, i));
    const codebook = new Uint8Array(4 * book.length);
    const cv = new DataView(codebook.buffer);
    book.forEach((b, i) => cv.setUint32(4 * i, b, true));
    const four = book.length <= MAX_CODEBOOK_4BIT;
    const values = new Uint8Array(four ? Math.ceil(count / 2) : count);
    let j = 0;
    for (let i = 0; i < n; i++) {
      if (!isStored(i)) continue;
      const c = code.get(bits[i]) ?? 0;
      if (four) values[j >> 1] |= (j & 1) === 0 ? c : c << 4;
      else values[j] = c;
      j++;
    }
    plan.indexBits = four ? 4 : 8;
    plan.codebook = codebook;
    plan.values = values;
  } else {
    const stored = new Uint32Array(count);
    for (let i = 0, j = 0; i < n; i++) if (isStored(i)) stored[j++] = i;
    plan.values = base.encodeValues(stored);
    if (base.bits !== undefined) plan.bits = base.bits;
    if (base.scales) {
      plan.axis = base.axis;
      const scales = new Uint8Array(4 * base.scales.length);
      const sv = new DataView(scales.buffer);
      base.scales.forEach((s, c) => sv.setFloat32(4 * c, s, true));
      plan.scales = scales;
    }
  }
  return plan;
}
