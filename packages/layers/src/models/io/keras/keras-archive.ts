/**
 * The bytes of a Keras file: read from a path (Node) or taken as given, told
 * apart by their signature, and for a Keras 3 `.keras` zip, its three members
 * inflated with fflate after checking their declared sizes.
 */
import { ConfigError, SerializationError } from '@convkit/core';
import { unzipSync } from 'fflate';
import { nodeFs } from '../node-fs';
import { isHdf5 } from './hdf5-file';

/** What `loadKerasModel` accepts: a file path (Node only) or the file's bytes. */
export type KerasSource = string | Uint8Array | ArrayBuffer;

/** The members of a `.keras` archive that the loader reads. */
export interface KerasArchive {
  /** `config.json`, as text. */
  readonly config: string;
  /** `metadata.json`, as text, when present. */
  readonly metadata?: string;
  /** `model.weights.h5`. */
  readonly weights: Uint8Array;
}

/** The three members of a `.keras` archive. */
const CONFIG = 'config.json';
const METADATA = 'metadata.json';
const WEIGHTS = 'model.weights.h5';
/** Largest `config.json` / `metadata.json` accepted (64 MiB: a config is a few KB). */
const MAX_JSON_MEMBER_BYTES = 2 ** 26;

/**
 * The bytes of `source` and a name for messages. A path is read with Node's
 * file system after checking its size against `maxBytes`.
 *
 * @throws {SerializationError} when the file is larger than `maxBytes` or cannot be read.
 * @throws {ConfigError} for a path in a browser (no file system there: pass the bytes).
 */
export async function readKerasSource(
  source: KerasSource,
  maxBytes: number,
): Promise<{ bytes: Uint8Array; name: string }> {
  if (source instanceof Uint8Array || source instanceof ArrayBuffer) {
    const bytes = source instanceof Uint8Array ? source : new Uint8Array(source);
    checkSize(bytes.byteLength, maxBytes, 'The Keras file');
    return { bytes, name: 'the Keras file' };
  }
  if (typeof source !== 'string' || source === '') {
    throw new SerializationError(
      `loadKerasModel: expected a file path, a Uint8Array or an ArrayBuffer, received ${source === '' ? 'an empty string' : typeof source}`,
    );
  }
  const fs = await nodeFs().catch((e: unknown) => {
    throw new ConfigError(
      `loadKerasModel('${source.slice(0, 200)}'): a file path needs Node's file system; in a browser pass the file's bytes instead, e.g. await (await fetch(url)).arrayBuffer()`,
      { cause: e },
    );
  });
  let size: number;
  try {
    size = (await fs.stat(source)).size;
  } catch (e) {
    throw new SerializationError(`Could not read the Keras file ${source}: ${(e as Error).message}`, { cause: e });
  }
  checkSize(size, maxBytes, `The Keras file ${source}`);
  const buffer = await fs.readFile(source);
  checkSize(buffer.byteLength, maxBytes, `The Keras file ${source}`);
  return { bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength), name: source };
}

function checkSize(bytes: number, maxBytes: number, what: string): void {
  if (bytes > maxBytes) {
    throw new SerializationError(`${what} is ${bytes} bytes, more than maxBytes (${maxBytes}); refusing to read it`);
  }
}

/** The file kinds a Keras model comes in. */
export type KerasFileKind = 'keras' | 'h5';

/**
 * Tells a `.keras` zip from a legacy HDF5 `.h5` by the first bytes.
 *
 * @throws {SerializationError} when the bytes are neither.
 */
export function kerasFileKind(bytes: Uint8Array, name: string): KerasFileKind {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)
    return 'keras';
  if (isHdf5(bytes)) return 'h5';
  throw new SerializationError(
    `${name} is neither a Keras 3 .keras file (a zip archive) nor a Keras .h5 file (HDF5): its first bytes match neither signature`,
  );
}

/**
 * Inflates `config.json`, `metadata.json` and `model.weights.h5` from a `.keras`
 * archive, ignoring every other member. Declared sizes are checked before
 * anything is inflated (`config.json` ≤ 64 MiB, the weights ≤ `maxBytes`), and
 * each member must inflate to exactly its declared size.
 *
 * @throws {SerializationError} when the archive is corrupt, a member is missing, duplicated or too large.
 */
export function unzipKeras(bytes: Uint8Array, name: string, maxBytes: number): KerasArchive {
  const declared = new Map<string, number>();
  let members: Record<string, Uint8Array>;
  try {
    members = unzipSync(bytes, {
      filter: (file) => {
        const limit =
          file.name === WEIGHTS
            ? maxBytes
            : file.name === CONFIG || file.name === METADATA
              ? MAX_JSON_MEMBER_BYTES
              : -1;
        if (limit < 0) return false;
        if (declared.has(file.name)) throw new SerializationError(`${name} holds '${file.name}' twice`);
        if (!Number.isSafeInteger(file.originalSize) || file.originalSize > limit) {
          throw new SerializationError(
            `'${file.name}' in ${name} declares ${file.originalSize} bytes, more than the ${limit} accepted; refusing to inflate it`,
          );
        }
        declared.set(file.name, file.originalSize);
        return true;
      },
    });
  } catch (e) {
    if (e instanceof SerializationError) throw e;
    throw new SerializationError(`${name} is not a readable zip archive: ${(e as Error).message}`, { cause: e });
  }
  const take = (member: string): Uint8Array | undefined => {
    if (!declared.has(member)) return undefined;
    const data = Object.hasOwn(members, member) ? members[member] : undefined;
    if (!(data instanceof Uint8Array) || data.byteLength !== declared.get(member)) {
      throw new SerializationError(
        `'${member}' in ${name} inflates to ${data?.byteLength ?? 'no'} bytes, its header declares ${declared.get(member)}: the archive is corrupt`,
      );
    }
    return data;
  };
  const config = take(CONFIG);
  const weights = take(WEIGHTS);
  const metadata = take(METADATA);
  if (!config) throw new SerializationError(`${name} has no ${CONFIG}: it is not a Keras 3 .keras file`);
  if (!weights) throw new SerializationError(`${name} has no ${WEIGHTS}: the model's weights are missing`);
  const decode = (data: Uint8Array, member: string): string => {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(data);
    } catch (e) {
      throw new SerializationError(`'${member}' in ${name} is not UTF-8 text`, { cause: e });
    }
  };
  return {
    config: decode(config, CONFIG),
    weights,
    ...(metadata ? { metadata: decode(metadata, METADATA) } : {}),
  };
}
