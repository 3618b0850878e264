/** Decoding a validated `convkit-compressed` file into a model. */
import { dispose, formatShape, SerializationError, type Tensor, tensor } from '@convkit/core';
import { type LayersModel, modelFromConfig } from '@convkit/layers';
import { paddingIsZero, unpackCodes } from '../bitpack';
import { float16BitsToFloat32 } from '../float16';
import { useSparseKernels } from '../inference-kernels';
import { sizeOf } from '../stats';
import type { CompressedByteRange, CompressedModel, CompressedWeightEntry, DecodeCompressedOptions } from './types';
import { limitsOf, parseFile, partsOf } from './validate';

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
    case 'int8':
    case 'int': {
      const bits = e.encoding === 'int' ? (e.bits as number) : 8;
      const qmax = 2 ** (bits - 1) - 1;
      const axis = e.axis ?? 0;
      const channels = e.shape[axis];
      const inner = sizeOf(e.shape.slice(axis + 1));
      const scales = new Float32Array(channels);
      const s0 = at(e.scales as CompressedByteRange);
      for (let c = 0; c < channels; c++) {
        scales[c] = view.getFloat32(s0 + 4 * c, true);
        if (!(Number.isFinite(scales[c]) && scales[c] > 0)) {
          throw new SerializationError(
            `${where}: ${e.encoding === 'int' ? `int${bits}` : 'int8'} scale ${c} is ${scales[c]}; scales must be positive and finite`,
          );
        }
      }
      const packed = bytes.subarray(v0, v0 + e.values.byteLength);
      if (e.encoding === 'int' && !paddingIsZero(packed, e.count, bits)) {
        throw new SerializationError(`${where}: the unused bits after its last ${bits}-bit code are not 0`);
      }
      const codes =
        e.encoding === 'int'
          ? unpackCodes(packed, e.count, bits)
          : new Int8Array(packed.buffer, packed.byteOffset, packed.length);
      for (let i = 0, j = 0; i < n; i++) {
        if (!stored(i)) continue;
        const q = codes[j++];
        if (q < -qmax || q > qmax) {
          throw new SerializationError(
            `${where}: ${bits === 8 ? 'int8 value' : `${bits}-bit code`} ${q} at element ${i} is outside [-${qmax}, ${qmax}]`,
          );
        }
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
 *
 * @param bytes - A `.ckz` file's bytes.
 * @param options - `maxBytes` and model limits.
 * @returns The model (not compiled), metadata, compile settings and storage info.
 * @throws {SerializationError} for a corrupt, truncated, oversized or unsupported file.
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
  if (manifest.some((e) => e.sparse)) useSparseKernels(model);
  return result;
}
