/** Constants and types of the `convkit-compressed` format (see `./index.ts` for the byte layout). */
import type { LayersModel, ModelLimits, SavedTrainingConfig, Serialized } from '@convkit/layers';

/** The 8 ASCII bytes every `convkit-compressed` file starts with. */
export const COMPRESSED_MAGIC = 'CKCMPRS1';
/** Value of `header.format`. */
export const COMPRESSED_FORMAT = 'convkit-compressed';
/**
 * The newest format version this build writes and reads. Version 2 added the
 * bit-packed `int` encoding (2–7-bit codes); a file that uses none is written as
 * version 1, so older readers still load it. Both versions are read.
 */
export const COMPRESSED_FORMAT_VERSION = 2;
/** The format versions this build reads. */
export const COMPRESSED_FORMAT_VERSIONS: readonly number[] = [1, 2];

/** Largest codebook of a `clustered` weight. */
export const MAX_CODEBOOK = 256;
/** Largest codebook stored with 4-bit indices. */
export const MAX_CODEBOOK_4BIT = 16;
/** Bytes before the header: magic + header length. */
export const PREAMBLE = 12;
export const CRC_BYTES = 4;

/** Integer kernel storage: symmetric per-channel codes of 2 to 8 bits. */
export type IntWeightStorage = 'int2' | 'int3' | 'int4' | 'int5' | 'int6' | 'int7' | 'int8';

/** How `encodeCompressed` stores kernel weights (see `EncodeCompressedOptions.weights`). */
export type WeightStorage = 'float32' | 'float16' | IntWeightStorage;

/** Every `WeightStorage` value. */
export const WEIGHT_STORAGES: readonly WeightStorage[] = [
  'float32',
  'float16',
  'int2',
  'int3',
  'int4',
  'int5',
  'int6',
  'int7',
  'int8',
];

/**
 * The code width of an integer storage (`'int4'` → 4), or undefined for float storage.
 *
 * @param storage - A `WeightStorage` value.
 * @returns Bits per code, or undefined.
 */
export function bitsOfStorage(storage: WeightStorage): number | undefined {
  const m = /^int([2-8])$/.exec(storage);
  return m ? Number(m[1]) : undefined;
}

/**
 * The storage for `bits`-bit integer kernels (`4` → `'int4'`).
 *
 * @param bits - Bits per code, 2..8.
 * @returns The storage name.
 */
export function intStorage(bits: number): IntWeightStorage {
  return `int${bits}` as IntWeightStorage;
}

/**
 * How one weight's values are stored in the file: `int` is per-channel codes
 * of `bits` bits (2..8), bit-packed (format version 2); `int8` is the one-byte
 * form of 8-bit codes that version 1 files use and 8-bit kernels still get.
 */
export type WeightEncoding = 'float32' | 'float16' | 'int8' | 'int' | 'clustered';

export const ENCODINGS: readonly WeightEncoding[] = ['float32', 'float16', 'int8', 'int', 'clustered'];

/** A byte range of the payload. */
export interface CompressedByteRange {
  /** Offset from the first payload byte. */
  offset: number;
  /** Length in bytes. */
  byteLength: number;
}

/** One weight in the header's manifest. */
export interface CompressedWeightEntry {
  /** `LayerWeight.name`, e.g. `conv2d_1/kernel`. */
  name: string;
  /** Shape of the weight. */
  shape: number[];
  /** How the values are stored. */
  encoding: WeightEncoding;
  /** Whether only the elements marked in `mask` are stored (the others are +0). */
  sparse: boolean;
  /** Number of stored elements: the product of `shape`, or the number of mask bits set when sparse. */
  count: number;
  /** Present exactly when `sparse`: ⌈elements/8⌉ bytes, LSB first. */
  mask?: CompressedByteRange;
  /** `int8` and `int` only: the channel axis of `scales`. */
  axis?: number;
  /** `int8` and `int` only: one float32 scale per channel along `axis`. */
  scales?: CompressedByteRange;
  /** `int` only: bits per code, 2..8. */
  bits?: number;
  /** `clustered` only: 4 (two indices per byte, ≤ 16 codebook values) or 8. */
  indexBits?: 4 | 8;
  /** `clustered` only: the float32 codebook (≤ 256 values). */
  codebook?: CompressedByteRange;
  /** The stored elements (values, int8 q, packed int codes or codebook indices). */
  values: CompressedByteRange;
}

/** The JSON header of a `convkit-compressed` file. */
export interface CompressedHeader {
  /** Always `'convkit-compressed'`. */
  format: typeof COMPRESSED_FORMAT;
  /** Format version: 2 when a weight uses the `int` encoding, else 1. */
  version: 1 | 2;
  /** Name of the writer, e.g. `@convkit/compress`. */
  generatedBy: string;
  /** `model.toConfig()`: `{ className: 'Sequential' | 'Model', config }`. */
  topology: Serialized;
  /**
   * Compile settings (loss, metrics, optimizer config) stored with the model, if any.
   *
   * @defaultValue the model's own `trainingConfig` when it is compiled
   */
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
   * `'int8'` … `'int2'`: symmetric per-channel quantization to b-bit codes
   * along the output-channel axis (the last one), or axis 2 for depthwise
   * kernels; element value = q × scale in float32 with q in [−qmax, qmax],
   * qmax = 2^(b−1) − 1 (127 for int8, 7 for int4, 1 for int2). Values that are
   * not exactly q × scale for the scales in use are quantized: q =
   * clamp(round(v / scale), −qmax, qmax), rounding half away from zero — so a
   * model quantized with the same scales and width round-trips bit-exactly and
   * any other model is rounded. int8 codes take one byte each; narrower codes
   * are bit-packed (two int4 codes per byte, four int2), which needs format
   * version 2 to read.
   *
   * `'float16'`: IEEE half, round to nearest even (see `roundToFloat16`); a
   * finite value beyond ±65504 is a `ConfigError` rather than becoming Infinity.
   *
   * @defaultValue `'float32'`
   */
  weights?: WeightStorage;
  /**
   * Store a bitmask of the nonzero positions and only the nonzero values.
   * `'auto'` (default) does so for each weight where that is smaller; `true`
   * for every weight; `false` never. Decoded values are the same either way.
   *
   * @defaultValue `'auto'`
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
   *
   * @defaultValue `'auto'`
   */
  clustered?: 'auto' | boolean;
  /**
   * Integer storage only: per-channel scales by kernel weight name, as
   * `quantizeModel` returns them (one positive finite float32 per channel of
   * the axis above), whatever the width. Used as given; kernels without an
   * entry get `max|w_c| / qmax` (1 for an all-zero channel).
   */
  int8Scales?: Record<string, Float32Array>;
  /**
   * A JSON object stored in the header and returned by `decodeCompressed` unchanged. Default `{}`.
   *
   * @defaultValue `{}`
   */
  metadata?: Record<string, unknown>;
  /**
   * Compile settings to store. Default: the model's own (`model.trainingConfig`)
   * when it is compiled; `null` stores none.
   *
   * @defaultValue the model's own `trainingConfig` when it is compiled
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
   *
   * @defaultValue `1 GiB`
   */
  maxBytes?: number;
  /**
   * Accept NaN and ±Infinity weight values. Default false: such a value is a `SerializationError` naming the weight.
   *
   * @defaultValue `false`
   */
  allowNonFinite?: boolean;
}

/** How one weight was stored. */
export interface CompressedWeightInfo {
  /** Weight name. */
  name: string;
  /** Shape of the weight. */
  shape: number[];
  /** How the values were stored. */
  encoding: WeightEncoding;
  /** Whether only nonzero elements were stored. */
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
  /**
   * The stored compile settings, if any (pass them to `model.compile` with an optimizer).
   *
   * @defaultValue the model's own `trainingConfig` when it is compiled
   */
  training?: SavedTrainingConfig;
  /** How each weight was stored, and the file's sizes. */
  info: CompressedInfo;
}
