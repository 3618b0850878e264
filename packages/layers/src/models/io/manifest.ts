/**
 * The weights manifest of `model.json`: validating each entry (shape, byte
 * range, optional CRC-32), the layout of all entries in the weight buffer,
 * and the checksums against the bytes. Nothing here allocates a tensor.
 */
import { crc32, formatShape, SerializationError } from '@convkit/core';
import { preview } from '../../engine/preview';
import type { ModelArtifacts } from './artifacts';
import type { WeightManifestEntry } from './model-json';

/** Largest number of elements one weight may have (2^28, i.e. 1 GiB of float32). */
export const MAX_WEIGHT_ELEMENTS = 2 ** 28;

/**
 * Validates a weight's `shape` from a model file: an array of non-negative integers of at most
 * 2^28 elements in all. Throws `SerializationError` naming `where`; returns a copy of the shape.
 */
export function checkWeightShape(raw: unknown, where: string): number[] {
  if (!Array.isArray(raw)) throw new SerializationError(`${where} has no shape array`);
  let elements = 1;
  for (const d of raw as unknown[]) {
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0) {
      throw new SerializationError(
        `${where} has invalid dimension ${preview(d)} (dimensions must be non-negative integers)`,
      );
    }
    elements *= d;
  }
  const shape = [...(raw as number[])];
  if (elements > MAX_WEIGHT_ELEMENTS) {
    throw new SerializationError(
      `${where} has shape ${formatShape(shape)}: ${elements} elements, more than 2^28, refusing to allocate it (no weight may have more than 2^28 elements)`,
    );
  }
  return shape;
}

/** Validates `weightsManifest[i]` (see `WeightManifestEntry`). */
export function checkManifestEntry(raw: unknown, i: number): WeightManifestEntry {
  if (!isRecord(raw) || typeof raw.name !== 'string') {
    throw new SerializationError(`weightsManifest[${i}] must be an object with a string 'name'`);
  }
  const name = raw.name;
  const where = `weightsManifest entry '${name.slice(0, 200)}'`;
  if (raw.dtype !== 'float32')
    throw new SerializationError(`${where} has dtype ${preview(raw.dtype)}; only 'float32' is supported`);
  const shape = checkWeightShape(raw.shape, where);
  const elements = shape.reduce((a, b) => a * b, 1);
  for (const key of ['offset', 'byteLength'] as const) {
    const v = raw[key];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
      throw new SerializationError(`${where} has invalid ${key} ${preview(v)}`);
    }
  }
  const byteLength = raw.byteLength as number;
  if (byteLength !== elements * 4) {
    throw new SerializationError(
      `${where} has byteLength ${byteLength} but shape ${formatShape(shape)} needs ${elements * 4} bytes (${elements} float32 values)`,
    );
  }
  const entry: WeightManifestEntry = { name, shape, dtype: 'float32', offset: raw.offset as number, byteLength };
  if (raw.crc32 !== undefined) {
    const c = raw.crc32;
    if (typeof c !== 'number' || !Number.isInteger(c) || c < 0 || c > 0xffffffff) {
      throw new SerializationError(`${where} has invalid crc32 ${preview(c)} (expected an unsigned 32-bit integer)`);
    }
    entry.crc32 = c;
  }
  return entry;
}

/**
 * Checks that the manifest's byte ranges lie inside a buffer of
 * `bufferBytes`, do not overlap, and cover it exactly (no gap, no trailing
 * bytes). Allocates nothing.
 */
export function checkWeightLayout(manifest: readonly WeightManifestEntry[], bufferBytes: number): void {
  const sorted = [...manifest].sort((a, b) => a.offset - b.offset);
  let end = 0;
  for (const e of sorted) {
    if (e.offset + e.byteLength > bufferBytes) {
      throw new SerializationError(
        `Weight data is truncated: '${e.name}' needs bytes ${e.offset}..${e.offset + e.byteLength} but the weight buffer has ${bufferBytes} bytes`,
      );
    }
    if (e.offset < end)
      throw new SerializationError(
        `weightsManifest entry '${e.name}' (offset ${e.offset}) overlaps the previous weight`,
      );
    if (e.offset > end)
      throw new SerializationError(`weightsManifest leaves unreferenced bytes ${end}..${e.offset} before '${e.name}'`);
    end = e.offset + e.byteLength;
  }
  if (bufferBytes > end) {
    throw new SerializationError(
      `Weight buffer has ${bufferBytes - end} trailing bytes: the manifest describes ${end} bytes, the buffer has ${bufferBytes}`,
    );
  }
}

/**
 * Compares each entry's recorded `crc32` with the CRC-32 of its bytes in
 * `bytes` (entries without one, as in files written before checksums, are
 * skipped). Call after `checkWeightLayout`. A mismatch is a
 * `SerializationError` naming `file` (the weight file) and the weight.
 */
export function verifyWeightChecksums(
  manifest: readonly WeightManifestEntry[],
  bytes: Uint8Array,
  file = 'weights.bin',
): void {
  for (const e of manifest) {
    if (e.crc32 === undefined) continue;
    const actual = crc32(bytes.subarray(e.offset, e.offset + e.byteLength));
    if (actual !== e.crc32) {
      throw new SerializationError(
        `${file} is corrupt: the bytes of weight '${e.name}' (${e.offset}..${e.offset + e.byteLength}) have CRC-32 0x${hex32(actual)} but model.json records 0x${hex32(e.crc32)}. Restore the file from a backup or save the model again.`,
      );
    }
  }
}

/**
 * A copy of `artifacts` whose manifest entries record the CRC-32 of their
 * weight's bytes (`crc32`), as `saveModel` stores them; `fromArtifacts` /
 * `loadModel` check them. The weight buffer is shared, not copied.
 */
export function withWeightChecksums(artifacts: ModelArtifacts): ModelArtifacts {
  const bytes = new Uint8Array(artifacts.weights);
  const weightsManifest = artifacts.modelJson.weightsManifest.map((e) => ({
    ...e,
    crc32: crc32(bytes.subarray(e.offset, e.offset + e.byteLength)),
  }));
  return { modelJson: { ...artifacts.modelJson, weightsManifest }, weights: artifacts.weights };
}

function hex32(v: number): string {
  return v.toString(16).padStart(8, '0');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
