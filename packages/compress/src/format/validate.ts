/**
 * Validation of untrusted `convkit-compressed` bytes: the preamble, lengths,
 * CRC, header and manifest, before anything is decoded or allocated.
 */
import { ConfigError, crc32, formatShape, SerializationError } from '@convkit/core';
import {
  checkPlanFitsWeights,
  checkWeightShape,
  DEFAULT_MAX_BYTES,
  layerRegistry,
  type ModelLimits,
  parseJson,
  parseTrainingConfig,
  planTopology,
  type Serialized,
} from '@convkit/layers';
import { packedByteLength } from '../bitpack';
import { MAX_WEIGHT_BITS, MIN_WEIGHT_BITS } from '../quant-weights';
import { sizeOf } from '../stats';
import {
  COMPRESSED_FORMAT,
  COMPRESSED_FORMAT_VERSIONS,
  COMPRESSED_MAGIC,
  type CompressedByteRange,
  type CompressedHeader,
  type CompressedWeightEntry,
  CRC_BYTES,
  type DecodeCompressedOptions,
  ENCODINGS,
  MAX_CODEBOOK,
  MAX_CODEBOOK_4BIT,
  PREAMBLE,
  type WeightEncoding,
} from './types';

/** The header plus where the file's parts are, after every check that needs no allocation. */
export interface ParsedFile {
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

export function parseFile(
  input: Uint8Array | ArrayBuffer | ArrayBufferView,
  options: DecodeCompressedOptions,
): ParsedFile {
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
  if (!COMPRESSED_FORMAT_VERSIONS.includes(raw.version as number)) {
    throw new SerializationError(
      `Unsupported convkit-compressed version ${JSON.stringify(raw.version)}: this convkit reads versions ${COMPRESSED_FORMAT_VERSIONS.join(' and ')} (a newer convkit wrote the file, or it is corrupt)`,
    );
  }
  const version = raw.version as 1 | 2;
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
  const header = checkHeader(raw, version, payloadBytes, maxBytes);
  const plan = planTopology(header.topology, { ...limitsOf(options), where: 'convkit-compressed header' });
  checkPlanFitsWeights(plan, header.weightsManifest, 'convkit-compressed');
  return { header, bytes, headerBytes: headerLen, payloadStart };
}

function checkHeader(
  raw: Record<string, unknown>,
  version: 1 | 2,
  payloadBytes: number,
  maxBytes: number,
): CompressedHeader {
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
    if (e.encoding === 'int' && version < 2) {
      throw new SerializationError(
        `convkit-compressed weight '${e.name}' uses the bit-packed 'int' encoding, which a version ${version} file cannot hold (it needs version 2)`,
      );
    }
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
    version,
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
export function partsOf(e: CompressedWeightEntry): [string, CompressedByteRange][] {
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
  if (enc === 'int') {
    const bits = raw.bits;
    if (typeof bits !== 'number' || !Number.isInteger(bits) || bits < MIN_WEIGHT_BITS || bits > MAX_WEIGHT_BITS) {
      throw new SerializationError(
        `${where} has bits ${JSON.stringify(bits)}; packed int codes take ${MIN_WEIGHT_BITS} to ${MAX_WEIGHT_BITS} bits`,
      );
    }
    entry.bits = bits;
  } else if (raw.bits !== undefined) {
    throw new SerializationError(`${where} has 'bits', which ${enc} weights do not have`);
  }
  if (enc === 'int8' || enc === 'int') {
    const axis = raw.axis;
    if (typeof axis !== 'number' || !Number.isInteger(axis) || axis < 0 || axis >= shape.length) {
      throw new SerializationError(
        `${where} has invalid ${enc} axis ${JSON.stringify(axis)} for shape ${formatShape(shape)}`,
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
          : enc === 'int'
            ? packedByteLength(count, entry.bits as number)
            : entry.indexBits === 4
              ? Math.ceil(count / 2)
              : count;
  entry.values = range('values', true, () => valueBytes) as CompressedByteRange;
  return entry;
}

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

function toBytes(input: unknown): Uint8Array {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  throw new SerializationError('convkit-compressed input must be a Uint8Array, an ArrayBuffer or a byte view');
}

export function checkMaxBytes(maxBytes: number | undefined): number {
  const v = maxBytes ?? DEFAULT_MAX_BYTES;
  if (typeof v !== 'number' || !(v >= 0)) {
    throw new ConfigError(`maxBytes must be a non-negative number, received ${maxBytes}`);
  }
  return v;
}

/** The model-size limits of decode options, as `planTopology` and `modelFromConfig` take them. */
export function limitsOf(options: DecodeCompressedOptions): ModelLimits {
  return { maxParams: options.maxParams, maxActivationElements: options.maxActivationElements };
}

function hex32(v: number): string {
  return v.toString(16).padStart(8, '0');
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
