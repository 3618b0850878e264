/**
 * `convkit-compressed` v1: one self-checking binary file holding a model's
 * architecture and its weights stored as float32, float16, per-channel int8 or
 * a codebook, each optionally sparse.
 *
 * Byte layout (all integers little-endian):
 *
 * | bytes            | content                                                            |
 * | ---------------- | ------------------------------------------------------------------ |
 * | 0..8             | magic, ASCII `CKCMPRS1`                                            |
 * | 8..12            | uint32 H: byte length of the header                                |
 * | 12..12+H         | UTF-8 JSON header (`CompressedHeader`)                             |
 * | 12+H..12+H+P     | payload, P = `header.payloadBytes`                                 |
 * | last 4 bytes     | uint32 CRC-32 (IEEE 802.3) of every byte before it                 |
 *
 * The header lists one `CompressedWeightEntry` per weight, in `model.weights`
 * order. Each entry's parts lie in the payload in the order mask, scales,
 * codebook, values, the entries one after the other with no gap, so the
 * manifest covers the payload exactly. Offsets are relative to the payload's
 * first byte. Part contents:
 *
 * - `mask` (sparse weights): ⌈n/8⌉ bytes, bit `i & 7` of byte `i >> 3`
 *   (LSB first) set when element `i` is stored; cleared elements are +0 and
 *   `count` is the number of set bits. Unused bits of the last byte are 0.
 * - `values`, by encoding, `count` stored elements in row-major order:
 *   `float32` 4 bytes each (bit-exact); `float16` 2 bytes each (IEEE half);
 *   `int8` one signed byte q in [−127, 127] each; `clustered` one uint8
 *   codebook index each (`indexBits: 8`) or two 4-bit indices per byte, the
 *   even element in the low nibble (`indexBits: 4`, codebooks of ≤ 16 values;
 *   an unused last nibble is 0).
 * - `scales` (`int8`): one float32 per channel along `axis`; element value =
 *   q × scale computed in float32.
 * - `codebook` (`clustered`): ≤ 256 float32 values. When the weight is also
 *   sparse the codebook holds only nonzero values: zeros are implied by the mask.
 *
 * `decodeCompressed` treats the bytes as untrusted: it checks the magic, the
 * lengths (against `maxBytes`), the CRC, the whole manifest (every part's
 * byte length against the weight's shape, the layout, the total decoded size)
 * and every stored value before it builds the model, and disposes everything
 * it made when something is wrong. Every failure is a `SerializationError`.
 */
import { ConfigError, crc32, dispose, formatShape, SerializationError, type Tensor, tensor } from '@convkit/core';
import {
  checkPlanFitsWeights,
  checkWeightShape,
  DEFAULT_MAX_BYTES,
  type LayersModel,
  type LayerWeight,
  layerRegistry,
  type ModelLimits,
  modelFromConfig,
  modelJsonOf,
  parseJson,
  parseTrainingConfig,
  planTopology,
  type SavedTrainingConfig,
  type Serialized,
} from '@convkit/layers';
import { gzipSync } from 'fflate';
import { float16BitsToFloat32, float32ToFloat16Bits } from './float16';
import { channelAxis, dequantizePerChannel, INT8_MAX, perChannelScales, quantizePerChannel } from './quantize';
import { kernelWeights, sizeOf } from './stats';

/** The 8 ASCII bytes every `convkit-compressed` file starts with. */
export const COMPRESSED_MAGIC = 'CKCMPRS1';
/** Value of `header.format`. */
export const COMPRESSED_FORMAT = 'convkit-compressed';
/** The format version this build writes and reads. */
export const COMPRESSED_FORMAT_VERSION = 1;

/** Largest codebook of a `clustered` weight. */
const MAX_CODEBOOK = 256;
/** Largest codebook stored with 4-bit indices. */
const MAX_CODEBOOK_4BIT = 16;
/** Bytes before the header: magic + header length. */
const PREAMBLE = 12;
const CRC_BYTES = 4;

/** How `encodeCompressed` stores kernel weights (see `EncodeCompressedOptions.weights`). */
export type WeightStorage = 'float32' | 'float16' | 'int8';

/** How one weight's values are stored in the file. */
export type WeightEncoding = 'float32' | 'float16' | 'int8' | 'clustered';

const ENCODINGS: readonly WeightEncoding[] = ['float32', 'float16', 'int8', 'clustered'];

/** A byte range of the payload. */
export interface CompressedByteRange {
  /** Offset from the first payload byte. */
  offset: number;
  byteLength: number;
}

/** One weight in the header's manifest. */
export interface CompressedWeightEntry {
  /** `LayerWeight.name`, e.g. `conv2d_1/kernel`. */
  name: string;
  shape: number[];
  encoding: WeightEncoding;
  /** Whether only the elements marked in `mask` are stored (the others are +0). */
  sparse: boolean;
  /** Number of stored elements: the product of `shape`, or the number of mask bits set when sparse. */
  count: number;
  /** Present exactly when `sparse`: ⌈elements/8⌉ bytes, LSB first. */
  mask?: CompressedByteRange;
  /** `int8` only: the channel axis of `scales`. */
  axis?: number;
  /** `int8` only: one float32 scale per channel along `axis`. */
  scales?: CompressedByteRange;
  /** `clustered` only: 4 (two indices per byte, ≤ 16 codebook values) or 8. */
  indexBits?: 4 | 8;
  /** `clustered` only: the float32 codebook (≤ 256 values). */
  codebook?: CompressedByteRange;
  /** The stored elements (values, int8 q or codebook indices). */
  values: CompressedByteRange;
}

/** The JSON header of a `convkit-compressed` file. */
export interface CompressedHeader {
  format: typeof COMPRESSED_FORMAT;
  version: typeof COMPRESSED_FORMAT_VERSION;
  /** Name of the writer, e.g. `@convkit/compress`. */
  generatedBy: string;
  /** `model.toConfig()`: `{ className: 'Sequential' | 'Model', config }`. */
  topology: Serialized;
  /** Compile settings (loss, metrics, optimizer config) stored with the model, if any. */
  training?: SavedTrainingConfig;
  /** Free-form JSON object passed through unchanged (e.g. `{ quantization: QuantizationSpec }`). */
  metadata: Record<string, unknown>;
  /** Byte length of the payload. */
  payloadBytes: number;
  /** One entry per weight, in `model.weights` order. */
  weightsManifest: CompressedWeightEntry[];
}

/** Options of `encodeCompressed`, `saveCompressed` and `compressedSize`. */
export interface EncodeCompressedOptions {
  /**
   * Storage of kernel weights (Conv2D, Dense, DepthwiseConv2D and
   * SeparableConv2D kernels). Biases and batch-norm parameters stay float32,
   * except with `'float16'`, which applies to every weight. Default `'float32'`.
   *
   * `'int8'`: symmetric per-channel quantization along the output-channel
   * axis (the last one), or axis 2 for depthwise kernels; element value =
   * q × scale in float32 with q in [−127, 127]. Values that are not exactly
   * q × scale for the scales in use are quantized: q = clamp(round(v / scale),
   * −127, 127), rounding half away from zero — so a model quantized with the
   * same scales round-trips bit-exactly and any other model is rounded.
   *
   * `'float16'`: IEEE half, round to nearest even (see `roundToFloat16`); a
   * finite value beyond ±65504 is a `ConfigError` rather than becoming Infinity.
   */
  weights?: WeightStorage;
  /**
   * Store a bitmask of the nonzero positions and only the nonzero values.
   * `'auto'` (default) does so for each weight where that is smaller; `true`
   * for every weight; `false` never. Decoded values are the same either way.
   */
  sparse?: 'auto' | boolean;
  /**
   * Store a kernel as a float32 codebook plus one index per element (4-bit
   * indices when the codebook has ≤ 16 values). Lossless: the codebook holds
   * the values the kernel's `weights` storage would decode to. `'auto'`
   * (default) does so when the kernel has ≤ 256 distinct values and the
   * codebook form is smaller — this is how clustered models get small;
   * `true` for every kernel (a kernel with more than 256 distinct values is a
   * `ConfigError`); `false` never. Only kernels are ever clustered.
   */
  clustered?: 'auto' | boolean;
  /**
   * int8 only: per-channel scales by kernel weight name, as `quantizeModel`
   * returns them (one positive finite float32 per channel of the axis above).
   * Used as given; kernels without an entry get `max|w_c| / 127` (1 for an
   * all-zero channel).
   */
  int8Scales?: Record<string, Float32Array>;
  /** A JSON object stored in the header and returned by `decodeCompressed` unchanged. Default `{}`. */
  metadata?: Record<string, unknown>;
  /**
   * Compile settings to store. Default: the model's own (`model.trainingConfig`)
   * when it is compiled; `null` stores none.
   */
  training?: SavedTrainingConfig | null;
}

/**
 * Options of `decodeCompressed`, `loadCompressed` and `readCompressedHeader`.
 * `maxParams` (default 100 M) and `maxActivationElements` (default 2^28) bound
 * the model the topology asks for, checked before anything is allocated
 * (see `planTopology` in `@convkit/layers`).
 */
export interface DecodeCompressedOptions extends ModelLimits {
  /**
   * Largest file, header, payload and decoded weight size (4 bytes per
   * element) accepted, in bytes; checked before anything is allocated.
   * Default 1 GiB.
   */
  maxBytes?: number;
  /** Accept NaN and ±Infinity weight values. Default false: such a value is a `SerializationError` naming the weight. */
  allowNonFinite?: boolean;
}

/** How one weight was stored. */
export interface CompressedWeightInfo {
  name: string;
  shape: number[];
  encoding: WeightEncoding;
  sparse: boolean;
  /** Payload bytes of this weight (mask, scales, codebook and values together). */
  bytes: number;
}

/** Sizes of a decoded file. */
export interface CompressedInfo {
  /** Per weight, in `model.weights` order. */
  weights: CompressedWeightInfo[];
  /** Total number of weight elements. */
  params: number;
  /** Size of the whole file. */
  fileBytes: number;
  /** Size of the JSON header. */
  headerBytes: number;
  /** Size of the payload (the sum of the weights' `bytes`). */
  payloadBytes: number;
  /** Size of the same weights as plain float32 (4 × `params`). */
  float32Bytes: number;
}

/** What `decodeCompressed` / `loadCompressed` return. */
export interface CompressedModel {
  /** A new, uncompiled model holding the decoded float32 weights. Dispose it when done. */
  model: LayersModel;
  /** The `metadata` object stored with the model (`{}` when none). */
  metadata: Record<string, unknown>;
  /** The stored compile settings, if any (pass them to `model.compile` with an optimizer). */
  training?: SavedTrainingConfig;
  /** How each weight was stored, and the file's sizes. */
  info: CompressedInfo;
}

// ---------------------------------------------------------------------------
// Encoding

/** One weight's chosen storage and its bytes. */
interface WeightPlan {
  name: string;
  shape: number[];
  encoding: WeightEncoding;
  sparse: boolean;
  count: number;
  axis?: number;
  indexBits?: 4 | 8;
  mask?: Uint8Array;
  scales?: Uint8Array;
  codebook?: Uint8Array;
  values: Uint8Array;
}

/** Base storage of one weight before the sparse / clustered choice. */
interface BaseEncoded {
  encoding: 'float32' | 'float16' | 'int8';
  /** The float32 values the stored form decodes to. */
  target: Float32Array;
  bytesPerValue: number;
  /** Writes the stored form of element `i` at `view[offset]`. */
  write(view: DataView, offset: number, i: number): void;
  axis?: number;
  scales?: Float32Array;
}

/**
 * Encodes `model` as a `convkit-compressed` file (see the module comment for
 * the layout and `EncodeCompressedOptions` for the choices). Reads the weight
 * values with `await variable.data()`; creates no tensor. Throws a
 * `ConfigError` for invalid options (scales of the wrong length, metadata
 * that is not a JSON object, a kernel that cannot be clustered with
 * `clustered: true`, a value out of float16 range, a non-finite value stored as int8).
 */
export async function encodeCompressed(model: LayersModel, options: EncodeCompressedOptions = {}): Promise<Uint8Array> {
  const storage = options.weights ?? 'float32';
  if (!(['float32', 'float16', 'int8'] as const).includes(storage)) {
    throw new ConfigError(
      `encodeCompressed: weights must be 'float32', 'float16' or 'int8', got ${JSON.stringify(storage)}`,
    );
  }
  const sparse = checkChoice('sparse', options.sparse);
  const clustered = checkChoice('clustered', options.clustered);
  const metadata = checkMetadataOption(options.metadata);
  const modelJson = modelJsonOf(model);
  const training = options.training === undefined ? modelJson.training : (options.training ?? undefined);

  const kernelLayer = new Map<LayerWeight, string>();
  for (const layer of model.layers) for (const w of kernelWeights(layer)) kernelLayer.set(w, layer.className);
  const scalesByName = options.int8Scales ?? {};
  if (storage === 'int8') {
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
    if (kind === 'int8') {
      const axis = channelAxis(w);
      base = int8Base(w.name, values, w.shape, axis, scalesByName[w.name]);
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
    if (p.codebook) {
      entry.indexBits = p.indexBits;
      entry.codebook = range(p.codebook);
    }
    entry.values = range(p.values);
    manifest.push(entry);
  }
  const header: CompressedHeader = {
    format: COMPRESSED_FORMAT,
    version: COMPRESSED_FORMAT_VERSION,
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
    bytesPerValue: 4,
    write: (view, offset, i) => view.setUint32(offset, bits[i], true),
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
    bytesPerValue: 2,
    write: (view, offset, i) => view.setUint16(offset, half[i], true),
  };
}

function int8Base(
  name: string,
  values: Float32Array,
  shape: readonly number[],
  axis: number,
  given: Float32Array | undefined,
): BaseEncoded {
  const channels = shape[axis] ?? 1;
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    throw new ConfigError(
      `encodeCompressed: weight '${name}' holds ${values[bad]} at flat index ${bad}; int8 needs finite values`,
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
    scales = perChannelScales(values, shape, axis);
    // A scale that underflows to 0 (weights near the smallest float32) would divide by zero.
    for (let c = 0; c < channels; c++) if (!(scales[c] > 0)) scales[c] = 1;
  }
  const { q } = quantizePerChannel(values, shape, axis, scales);
  const target = dequantizePerChannel(q, shape, axis, scales);
  return {
    encoding: 'int8',
    target,
    bytesPerValue: 1,
    write: (view, offset, i) => view.setInt8(offset, q[i]),
    axis,
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
    if (sparse !== true) candidates.push({ clustered: false, sparse: false, bytes: extra + n * base.bytesPerValue });
    if (sparse !== false)
      candidates.push({ clustered: false, sparse: true, bytes: maskBytes + extra + nonzero * base.bytesPerValue });
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
    const values = new Uint8Array(count * base.bytesPerValue);
    const view = new DataView(values.buffer);
    let j = 0;
    for (let i = 0; i < n; i++) {
      if (!isStored(i)) continue;
      base.write(view, j * base.bytesPerValue, i);
      j++;
    }
    plan.values = values;
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

// ---------------------------------------------------------------------------
// Decoding

/** The header plus where the file's parts are, after every check that needs no allocation. */
interface ParsedFile {
  header: CompressedHeader;
  bytes: Uint8Array;
  headerBytes: number;
  payloadStart: number;
}

/**
 * Reads and validates the header of a `convkit-compressed` file without
 * decoding any weight: magic, lengths against `maxBytes`, CRC, format and
 * version, topology (known layer classes), training, metadata, and every
 * manifest entry and the payload layout. Allocates no tensor. Throws a
 * `SerializationError` describing the problem.
 */
export function readCompressedHeader(
  bytes: Uint8Array | ArrayBuffer | ArrayBufferView,
  options: DecodeCompressedOptions = {},
): CompressedHeader {
  return parseFile(bytes, options).header;
}

function parseFile(input: Uint8Array | ArrayBuffer | ArrayBufferView, options: DecodeCompressedOptions): ParsedFile {
  const maxBytes = checkMaxBytes(options.maxBytes);
  const bytes = toBytes(input);
  const len = bytes.length;
  if (len > maxBytes)
    throw new SerializationError(`convkit-compressed file of ${len} bytes exceeds maxBytes = ${maxBytes}`);
  const magicLen = Math.min(len, COMPRESSED_MAGIC.length);
  for (let i = 0; i < magicLen; i++) {
    if (bytes[i] !== COMPRESSED_MAGIC.charCodeAt(i)) {
      const found = [...bytes.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
      throw new SerializationError(
        `Not a convkit-compressed file: it does not start with the magic '${COMPRESSED_MAGIC}' (found bytes ${found})`,
      );
    }
  }
  if (len < PREAMBLE + CRC_BYTES) {
    throw new SerializationError(
      `convkit-compressed file is truncated: ${len} bytes, fewer than the ${PREAMBLE + CRC_BYTES} of an empty file`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = view.getUint32(8, true);
  if (headerLen > maxBytes) {
    throw new SerializationError(
      `convkit-compressed header claims ${headerLen} bytes, more than maxBytes = ${maxBytes}`,
    );
  }
  if (PREAMBLE + headerLen > len) {
    throw new SerializationError(
      `convkit-compressed file is truncated inside its header: the header has ${headerLen} bytes but the file only ${len}`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(PREAMBLE, PREAMBLE + headerLen));
  } catch (e) {
    throw new SerializationError('convkit-compressed header is not valid UTF-8 (the file is corrupt)', { cause: e });
  }
  const raw = parseJson(text, 'convkit-compressed header');
  if (!isRecord(raw)) throw new SerializationError('convkit-compressed header must be a JSON object');
  if (raw.format !== COMPRESSED_FORMAT) {
    throw new SerializationError(
      `convkit-compressed header has format ${JSON.stringify(raw.format)} (expected '${COMPRESSED_FORMAT}')`,
    );
  }
  if (raw.version !== COMPRESSED_FORMAT_VERSION) {
    throw new SerializationError(
      `Unsupported convkit-compressed version ${JSON.stringify(raw.version)}: this convkit reads version ${COMPRESSED_FORMAT_VERSION}`,
    );
  }
  const payloadBytes = raw.payloadBytes;
  if (typeof payloadBytes !== 'number' || !Number.isSafeInteger(payloadBytes) || payloadBytes < 0) {
    throw new SerializationError(`convkit-compressed header has invalid payloadBytes ${JSON.stringify(payloadBytes)}`);
  }
  if (payloadBytes > maxBytes) {
    throw new SerializationError(`convkit-compressed payload of ${payloadBytes} bytes exceeds maxBytes = ${maxBytes}`);
  }
  const payloadStart = PREAMBLE + headerLen;
  const expected = payloadStart + payloadBytes + CRC_BYTES;
  if (len < expected) {
    const where = len < payloadStart + payloadBytes ? 'in the weight payload' : 'in the CRC';
    throw new SerializationError(
      `convkit-compressed file is truncated ${where}: it has ${len} bytes, its header describes ${expected} (${headerLen}-byte header, ${payloadBytes}-byte payload, 4-byte CRC)`,
    );
  }
  if (len > expected) {
    throw new SerializationError(
      `convkit-compressed file has ${len - expected} unexpected bytes after its CRC (${expected} expected, ${len} found)`,
    );
  }
  const stored = view.getUint32(expected - CRC_BYTES, true);
  const computed = crc32(bytes.subarray(0, expected - CRC_BYTES));
  if (stored !== computed) {
    throw new SerializationError(
      `convkit-compressed file is corrupt: CRC-32 mismatch (stored 0x${hex32(stored)}, computed 0x${hex32(computed)})`,
    );
  }
  const header = checkHeader(raw, payloadBytes, maxBytes);
  const plan = planTopology(header.topology, { ...limitsOf(options), where: 'convkit-compressed header' });
  checkPlanFitsWeights(plan, header.weightsManifest, 'convkit-compressed');
  return { header, bytes, headerBytes: headerLen, payloadStart };
}

function checkHeader(raw: Record<string, unknown>, payloadBytes: number, maxBytes: number): CompressedHeader {
  const topology = raw.topology;
  if (!isRecord(topology) || typeof topology.className !== 'string' || !isRecord(topology.config)) {
    throw new SerializationError("convkit-compressed header 'topology' must be { className, config }");
  }
  if (topology.className !== 'Sequential' && topology.className !== 'Model') {
    throw new SerializationError(
      `convkit-compressed topology has unknown model class '${topology.className}' (expected 'Sequential' or 'Model')`,
    );
  }
  checkLayerClasses(topology.config);
  const metadata = raw.metadata === undefined ? {} : raw.metadata;
  if (!isRecord(metadata)) {
    throw new SerializationError(
      `convkit-compressed header 'metadata' must be a JSON object, got ${Array.isArray(metadata) ? 'an array' : JSON.stringify(metadata)}`,
    );
  }
  const training =
    raw.training === undefined || raw.training === null
      ? undefined
      : parseTrainingConfig(raw.training, 'convkit-compressed header');
  if (!Array.isArray(raw.weightsManifest)) {
    throw new SerializationError("convkit-compressed header 'weightsManifest' must be an array");
  }
  const names = new Set<string>();
  let decoded = 0;
  let end = 0;
  const manifest = raw.weightsManifest.map((r, i) => {
    const e = checkEntry(r, i);
    if (names.has(e.name)) throw new SerializationError(`convkit-compressed manifest lists weight '${e.name}' twice`);
    names.add(e.name);
    decoded += 4 * sizeOf(e.shape);
    if (decoded > maxBytes) {
      throw new SerializationError(
        `convkit-compressed weights decode to more than maxBytes = ${maxBytes} bytes of float32 (at weight '${e.name}')`,
      );
    }
    for (const [part, range] of partsOf(e)) {
      if (range.offset !== end) {
        throw new SerializationError(
          `convkit-compressed weight '${e.name}': its ${part} starts at payload offset ${range.offset}, expected ${end} (parts must follow each other in manifest order)`,
        );
      }
      end += range.byteLength;
      if (end > payloadBytes) {
        throw new SerializationError(
          `convkit-compressed weight '${e.name}': its ${part} ends at payload byte ${end}, past the ${payloadBytes}-byte payload`,
        );
      }
    }
    return e;
  });
  if (end !== payloadBytes) {
    throw new SerializationError(
      `convkit-compressed manifest describes ${end} payload bytes but payloadBytes is ${payloadBytes}`,
    );
  }
  const header: CompressedHeader = {
    format: COMPRESSED_FORMAT,
    version: COMPRESSED_FORMAT_VERSION,
    generatedBy: typeof raw.generatedBy === 'string' ? raw.generatedBy : 'unknown',
    topology: topology as unknown as Serialized,
    metadata,
    payloadBytes,
    weightsManifest: manifest,
  };
  if (training) header.training = training;
  return header;
}

/** The parts of an entry in payload order. */
function partsOf(e: CompressedWeightEntry): [string, CompressedByteRange][] {
  const out: [string, CompressedByteRange][] = [];
  if (e.mask) out.push(['mask', e.mask]);
  if (e.scales) out.push(['scales', e.scales]);
  if (e.codebook) out.push(['codebook', e.codebook]);
  out.push(['values', e.values]);
  return out;
}

function checkEntry(raw: unknown, i: number): CompressedWeightEntry {
  if (!isRecord(raw) || typeof raw.name !== 'string') {
    throw new SerializationError(`convkit-compressed weightsManifest[${i}] must be an object with a string 'name'`);
  }
  const name = raw.name;
  const where = `convkit-compressed weight '${name}'`;
  const shape = checkWeightShape(raw.shape, where);
  const n = shape.reduce((a, b) => a * b, 1);
  const encoding = raw.encoding;
  if (typeof encoding !== 'string' || !ENCODINGS.includes(encoding as WeightEncoding)) {
    throw new SerializationError(
      `${where} has unknown encoding ${JSON.stringify(encoding)} (known: ${ENCODINGS.join(', ')})`,
    );
  }
  const enc = encoding as WeightEncoding;
  if (typeof raw.sparse !== 'boolean') throw new SerializationError(`${where} needs a boolean 'sparse'`);
  const sparse = raw.sparse;
  const count = raw.count;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > n || (!sparse && count !== n)) {
    throw new SerializationError(
      `${where} has count ${JSON.stringify(count)} but shape ${formatShape(shape)} has ${n} elements${sparse ? ' (a sparse weight stores at most that many)' : ''}`,
    );
  }
  const range = (key: string, required: boolean, byteLength: () => number): CompressedByteRange | undefined => {
    const r = raw[key];
    if (r === undefined) {
      if (required) throw new SerializationError(`${where} (${enc}${sparse ? ', sparse' : ''}) has no '${key}' part`);
      return undefined;
    }
    if (!required) {
      throw new SerializationError(
        `${where} has a '${key}' part, which ${sparse ? 'sparse ' : ''}${enc} weights do not have`,
      );
    }
    if (!isRecord(r)) throw new SerializationError(`${where}: '${key}' must be { offset, byteLength }`);
    for (const k of ['offset', 'byteLength'] as const) {
      const v = r[k];
      if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
        throw new SerializationError(`${where}: '${key}' has invalid ${k} ${JSON.stringify(v)}`);
      }
    }
    const need = byteLength();
    if (r.byteLength !== need) {
      throw new SerializationError(
        `${where} (shape ${formatShape(shape)}, ${n} elements, ${count} stored, ${enc}) has a ${key} of ${r.byteLength} bytes but needs ${need}`,
      );
    }
    return { offset: r.offset as number, byteLength: need };
  };
  const entry: CompressedWeightEntry = {
    name,
    shape,
    encoding: enc,
    sparse,
    count,
    values: { offset: 0, byteLength: 0 },
  };
  const mask = range('mask', sparse, () => Math.ceil(n / 8));
  if (mask) entry.mask = mask;
  if (enc === 'int8') {
    const axis = raw.axis;
    if (typeof axis !== 'number' || !Number.isInteger(axis) || axis < 0 || axis >= shape.length) {
      throw new SerializationError(
        `${where} has invalid int8 axis ${JSON.stringify(axis)} for shape ${formatShape(shape)}`,
      );
    }
    entry.axis = axis;
    entry.scales = range('scales', true, () => 4 * shape[axis]);
  } else {
    if (raw.axis !== undefined)
      throw new SerializationError(`${where} has an 'axis', which ${enc} weights do not have`);
    range('scales', false, () => 0);
  }
  if (enc === 'clustered') {
    const bitsPer = raw.indexBits;
    if (bitsPer !== 4 && bitsPer !== 8) {
      throw new SerializationError(`${where} has indexBits ${JSON.stringify(bitsPer)} (expected 4 or 8)`);
    }
    const book = raw.codebook;
    if (book === undefined) throw new SerializationError(`${where} (clustered) has no 'codebook' part`);
    const bookBytes = isRecord(book) ? book.byteLength : undefined;
    const maxBook = bitsPer === 4 ? MAX_CODEBOOK_4BIT : MAX_CODEBOOK;
    if (typeof bookBytes !== 'number' || bookBytes % 4 !== 0 || bookBytes > 4 * maxBook) {
      throw new SerializationError(
        `${where} has a codebook of ${JSON.stringify(bookBytes)} bytes; it must hold at most ${maxBook} float32 values with ${bitsPer}-bit indices`,
      );
    }
    entry.indexBits = bitsPer;
    entry.codebook = range('codebook', true, () => bookBytes);
  } else {
    if (raw.indexBits !== undefined)
      throw new SerializationError(`${where} has 'indexBits', which ${enc} weights do not have`);
    range('codebook', false, () => 0);
  }
  const valueBytes =
    enc === 'float32'
      ? 4 * count
      : enc === 'float16'
        ? 2 * count
        : enc === 'int8'
          ? count
          : entry.indexBits === 4
            ? Math.ceil(count / 2)
            : count;
  entry.values = range('values', true, () => valueBytes) as CompressedByteRange;
  return entry;
}

/** Decodes one weight's payload into float32 values, checking every stored value. */
function decodeWeight(bytes: Uint8Array, payloadStart: number, e: CompressedWeightEntry): Float32Array {
  const where = `convkit-compressed weight '${e.name}'`;
  const n = sizeOf(e.shape);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = (r: CompressedByteRange) => payloadStart + r.offset;

  // Which elements are stored.
  let stored: (i: number) => boolean = () => true;
  if (e.mask) {
    const m = bytes.subarray(at(e.mask), at(e.mask) + e.mask.byteLength);
    let set = 0;
    for (let i = 0; i < n; i++) if (m[i >> 3] & (1 << (i & 7))) set++;
    if (n % 8 !== 0 && m.length > 0 && m[m.length - 1] >> (n % 8) !== 0) {
      throw new SerializationError(`${where}: its sparse mask has bits set past the ${n} elements`);
    }
    if (set !== e.count) {
      throw new SerializationError(`${where}: its sparse mask marks ${set} stored elements but count is ${e.count}`);
    }
    stored = (i) => (m[i >> 3] & (1 << (i & 7))) !== 0;
  }

  const out = new Float32Array(n);
  const outBits = new Uint32Array(out.buffer);
  const v0 = at(e.values);
  switch (e.encoding) {
    case 'float32': {
      for (let i = 0, j = 0; i < n; i++) if (stored(i)) outBits[i] = view.getUint32(v0 + 4 * j++, true);
      break;
    }
    case 'float16': {
      const half = new Uint16Array(e.count);
      for (let j = 0; j < e.count; j++) half[j] = view.getUint16(v0 + 2 * j, true);
      const f = new Uint32Array(float16BitsToFloat32(half).buffer);
      for (let i = 0, j = 0; i < n; i++) if (stored(i)) outBits[i] = f[j++];
      break;
    }
    case 'int8': {
      const axis = e.axis ?? 0;
      const channels = e.shape[axis];
      const inner = sizeOf(e.shape.slice(axis + 1));
      const scales = new Float32Array(channels);
      const s0 = at(e.scales as CompressedByteRange);
      for (let c = 0; c < channels; c++) {
        scales[c] = view.getFloat32(s0 + 4 * c, true);
        if (!(Number.isFinite(scales[c]) && scales[c] > 0)) {
          throw new SerializationError(`${where}: int8 scale ${c} is ${scales[c]}; scales must be positive and finite`);
        }
      }
      for (let i = 0, j = 0; i < n; i++) {
        if (!stored(i)) continue;
        const q = view.getInt8(v0 + j++);
        if (q < -INT8_MAX)
          throw new SerializationError(`${where}: int8 value ${q} at element ${i} is outside [-127, 127]`);
        out[i] = q * scales[Math.floor(i / inner) % channels];
      }
      break;
    }
    case 'clustered': {
      const book = e.codebook as CompressedByteRange;
      const k = book.byteLength / 4;
      const codes = new Uint32Array(k);
      for (let c = 0; c < k; c++) codes[c] = view.getUint32(at(book) + 4 * c, true);
      const four = e.indexBits === 4;
      if (four && e.count % 2 === 1 && bytes[v0 + e.values.byteLength - 1] >> 4 !== 0) {
        throw new SerializationError(`${where}: the unused last index nibble is not 0`);
      }
      for (let i = 0, j = 0; i < n; i++) {
        if (!stored(i)) continue;
        const c = four ? (bytes[v0 + (j >> 1)] >> ((j & 1) * 4)) & 0xf : bytes[v0 + j];
        if (c >= k) {
          throw new SerializationError(
            `${where}: codebook index ${c} at element ${i}, but the codebook has ${k} values`,
          );
        }
        outBits[i] = codes[c];
        j++;
      }
      break;
    }
  }
  return out;
}

/**
 * Decodes a `convkit-compressed` file into a new model holding the decoded
 * float32 weights (q × scale for int8, codebook values for clustered, the
 * float16 values widened, +0 where a sparse mask is clear). Everything is
 * validated first (see the module comment); a bad file is a
 * `SerializationError` with no tensor leaked and no model left behind. The
 * model is not compiled; stored compile settings are in `training`.
 */
export function decodeCompressed(
  bytes: Uint8Array | ArrayBuffer | ArrayBufferView,
  options: DecodeCompressedOptions = {},
): CompressedModel {
  const file = parseFile(bytes, options);
  const { header } = file;
  const manifest = header.weightsManifest;
  const values = manifest.map((e) => decodeWeight(file.bytes, file.payloadStart, e));
  if (!options.allowNonFinite) {
    manifest.forEach((e, i) => {
      const bad = values[i].findIndex((v) => !Number.isFinite(v));
      if (bad >= 0) {
        throw new SerializationError(
          `convkit-compressed weight '${e.name}' holds a non-finite value (${values[i][bad]} at flat index ${bad}); pass allowNonFinite: true to load it anyway`,
        );
      }
    });
  }

  let model: LayersModel;
  try {
    model = modelFromConfig(header.topology, { ...limitsOf(options), where: 'convkit-compressed header' });
  } catch (e) {
    if (e instanceof SerializationError) throw e;
    throw new SerializationError(`convkit-compressed topology could not be rebuilt: ${(e as Error).message}`, {
      cause: e,
    });
  }
  const tensors: Tensor[] = [];
  try {
    const weights = model.weights;
    if (weights.length !== manifest.length) {
      throw new SerializationError(
        `convkit-compressed manifest lists ${manifest.length} weights but the topology builds ${weights.length} (${weights.map((w) => w.name).join(', ')})`,
      );
    }
    weights.forEach((w, i) => {
      const e = manifest[i];
      if (e.name !== w.name) {
        throw new SerializationError(
          `convkit-compressed manifest entry ${i} is '${e.name}' but the model's weight ${i} is '${w.name}'`,
        );
      }
      if (e.shape.length !== w.shape.length || e.shape.some((d, j) => d !== w.shape[j])) {
        throw new SerializationError(
          `convkit-compressed weight '${e.name}' has shape ${formatShape(e.shape)} in the manifest but ${formatShape(w.shape)} in the topology`,
        );
      }
    });
    for (let i = 0; i < manifest.length; i++) tensors.push(tensor(values[i], manifest[i].shape, 'float32'));
    weights.forEach((w, i) => w.write(tensors[i]));
  } catch (e) {
    dispose(tensors);
    model.dispose();
    throw e instanceof SerializationError
      ? e
      : new SerializationError(`Could not load the convkit-compressed weights: ${(e as Error).message}`, { cause: e });
  }
  dispose(tensors);

  const weightInfo = manifest.map((e) => ({
    name: e.name,
    shape: [...e.shape],
    encoding: e.encoding,
    sparse: e.sparse,
    bytes: partsOf(e).reduce((a, [, r]) => a + r.byteLength, 0),
  }));
  const params = manifest.reduce((a, e) => a + sizeOf(e.shape), 0);
  const result: CompressedModel = {
    model,
    metadata: header.metadata,
    info: {
      weights: weightInfo,
      params,
      fileBytes: file.bytes.length,
      headerBytes: file.headerBytes,
      payloadBytes: header.payloadBytes,
      float32Bytes: 4 * params,
    },
  };
  if (header.training) result.training = header.training;
  return result;
}

// ---------------------------------------------------------------------------
// Node files and sizes

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

// ---------------------------------------------------------------------------
// Helpers

/** Unknown layer classes are reported before any layer is built. */
function checkLayerClasses(config: Record<string, unknown>): void {
  const layers = config.layers;
  if (layers === undefined) return;
  if (!Array.isArray(layers)) throw new SerializationError("convkit-compressed topology 'layers' must be an array");
  for (const l of layers) {
    if (!isRecord(l) || typeof l.className !== 'string') {
      throw new SerializationError(
        `convkit-compressed topology has an invalid layer description: ${JSON.stringify(l)?.slice(0, 200)}`,
      );
    }
    if (!layerRegistry.has(l.className)) {
      throw new SerializationError(
        `convkit-compressed topology uses unknown layer class '${l.className}'. Known: ${layerRegistry.names().join(', ')}. Register custom classes with registerLayer() before loading.`,
      );
    }
  }
}

async function toFilePath(target: string): Promise<string> {
  if (typeof target !== 'string' || target.length === 0) throw new ConfigError('File path must be a non-empty string');
  if (target.startsWith('file://')) {
    const { fileURLToPath } = await import('node:url');
    return fileURLToPath(target);
  }
  return target;
}

function toBytes(input: unknown): Uint8Array {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  throw new SerializationError('convkit-compressed input must be a Uint8Array, an ArrayBuffer or a byte view');
}

function checkMaxBytes(maxBytes: number | undefined): number {
  const v = maxBytes ?? DEFAULT_MAX_BYTES;
  if (typeof v !== 'number' || !(v >= 0)) {
    throw new ConfigError(`maxBytes must be a non-negative number, received ${maxBytes}`);
  }
  return v;
}

function limitsOf(options: DecodeCompressedOptions): ModelLimits {
  return { maxParams: options.maxParams, maxActivationElements: options.maxActivationElements };
}

function hex32(v: number): string {
  return v.toString(16).padStart(8, '0');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
