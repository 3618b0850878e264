/**
 * Bounded, typed reads from an HDF5 file held in memory (jsfive, a pure-JS
 * reader: no WebAssembly, no file system, the same code in Node and
 * browsers). Every failure of the reader — jsfive throws plain strings on a
 * corrupt file — becomes a `SerializationError` naming the file and the path.
 */
import { formatShape, SerializationError } from '@convkit/core';
import { Dataset, File, Group } from 'jsfive';
import { checkWeightShape } from '../manifest';

/** An HDF5 file opened for the Keras loader. */
export interface Hdf5File {
  /** The root group. */
  readonly root: Group;
  /** Name used in messages (`'model.weights.h5'`, `'cnn.h5'`). */
  readonly name: string;
}

/** The 8-byte signature every HDF5 file starts with (at offset 0 here: no user block). */
export const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a] as const;

/** True when `bytes` starts with the HDF5 signature. */
export function isHdf5(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && HDF5_SIGNATURE.every((b, i) => bytes[i] === b);
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Runs a jsfive call, turning whatever it throws into a `SerializationError`
 * that says what was being read.
 */
function guarded<T>(what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof SerializationError) throw e;
    throw new SerializationError(`${what}: ${message(e)} (the HDF5 file is corrupt or truncated)`, { cause: e });
  }
}

/**
 * Opens HDF5 bytes. Checks the signature first, so a file of another kind gets a clear message.
 *
 * @param bytes - The whole file.
 * @param name - Name for messages.
 * @throws {SerializationError} when it is not an HDF5 file or its superblock cannot be read.
 */
export function openHdf5(bytes: Uint8Array, name: string): Hdf5File {
  if (!isHdf5(bytes))
    throw new SerializationError(`${name} is not an HDF5 file (its first bytes are not the HDF5 signature)`);
  // jsfive reads an ArrayBuffer: hand it exactly these bytes.
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const root = guarded(`Could not open ${name}`, () => new File(buffer, name));
  return { root, name };
}

/**
 * The member at `path` (relative to `group`), or `undefined` when the group has no such member.
 *
 * @throws {SerializationError} when the file cannot be read there.
 */
export function member(file: Hdf5File, group: Group, path: string): Group | Dataset | undefined {
  const parts = path.split('/').filter((p) => p !== '');
  let node: Group | Dataset = group;
  for (const part of parts) {
    if (!(node instanceof Group)) return undefined;
    const g: Group = node;
    const keys = guarded(`Could not list a group of ${file.name} on the way to '${path}'`, () => g.keys);
    if (!Array.isArray(keys) || !keys.includes(part)) return undefined;
    node = guarded(`Could not read '${path}' in ${file.name}`, () => g.get(part));
  }
  return node;
}

/** The group at `path`, or `undefined` when absent. @throws {SerializationError} when it is a dataset. */
export function groupAt(file: Hdf5File, parent: Group, path: string): Group | undefined {
  const m = member(file, parent, path);
  if (m === undefined) return undefined;
  if (!(m instanceof Group)) throw new SerializationError(`'${path}' in ${file.name} is a dataset, expected a group`);
  return m;
}

/** The attributes of a group or dataset. @throws {SerializationError} when they cannot be decoded. */
export function attributes(file: Hdf5File, node: Group | Dataset, where: string): Record<string, unknown> {
  const attrs = guarded(`Could not read the attributes of ${where} in ${file.name}`, () => node.attrs);
  if (attrs === null || typeof attrs !== 'object') {
    throw new SerializationError(`The attributes of ${where} in ${file.name} could not be decoded`);
  }
  return attrs;
}

/** The number types a weight may be stored as: little- or big-endian float32 / float64. */
const FLOAT_DTYPES = new Set(['<f4', '>f4', '<f8', '>f8']);

/**
 * Reads a float dataset as float32, after checking its dtype and that its
 * shape is the one the layer expects (so nothing is allocated for a shape
 * the model cannot use), and that every value is finite.
 *
 * @param file - The open file.
 * @param group - Where to look.
 * @param path - Path of the dataset in `group`.
 * @param expected - The shape the convkit weight has.
 * @param where - How to name the weight in messages (layer and weight).
 * @returns The values, flat, C order.
 * @throws {SerializationError} when absent, not a float dataset, of another shape, or holding NaN/±Infinity.
 */
export function readFloatDataset(
  file: Hdf5File,
  group: Group,
  path: string,
  expected: readonly number[],
  where: string,
): Float32Array {
  const node = member(file, group, path);
  if (node === undefined) throw new SerializationError(`${file.name} has no weight '${path}' for ${where}`);
  if (!(node instanceof Dataset))
    throw new SerializationError(`'${path}' in ${file.name} (${where}) is a group, expected a dataset`);
  const shape = checkWeightShape(
    guarded(`Could not read the shape of '${path}' in ${file.name}`, () => node.shape),
    `${where} ('${path}' in ${file.name})`,
  );
  const same = shape.length === expected.length && shape.every((d, i) => d === expected[i]);
  if (!same) {
    throw new SerializationError(
      `${where} ('${path}' in ${file.name}) has shape ${formatShape(shape)}, the layer expects ${formatShape([...expected])}`,
    );
  }
  const dtype = guarded(`Could not read the dtype of '${path}' in ${file.name}`, () => node.dtype);
  if (typeof dtype !== 'string' || !FLOAT_DTYPES.has(dtype)) {
    throw new SerializationError(
      `${where} ('${path}' in ${file.name}) has dtype ${JSON.stringify(dtype)}; only float32 and float64 weights are supported`,
    );
  }
  const elements = shape.reduce((a, b) => a * b, 1);
  const raw = guarded(`Could not read the values of '${path}' in ${file.name}`, () => node.value);
  if (raw === null || typeof raw !== 'object' || raw.length !== elements) {
    throw new SerializationError(
      `${where} ('${path}' in ${file.name}) holds ${raw?.length ?? 'no'} values, its shape ${formatShape(shape)} needs ${elements}`,
    );
  }
  const out = Float32Array.from(raw);
  const bad = out.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    throw new SerializationError(
      `${where} ('${path}' in ${file.name}) holds a non-finite value (${out[bad]} at flat index ${bad})`,
    );
  }
  return out;
}
