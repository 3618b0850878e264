/** `convkit-compressed` files in Node, and encoded sizes. */
import { ConfigError, SerializationError } from '@convkit/core';
import {
  type AtomicTargetSpec,
  checkAtomicTarget,
  cleanStaleSaves,
  type LayersModel,
  writeAtomically,
  writeFileDurably,
} from '@convkit/layers';
import { gzipSync } from 'fflate';
import { decodeCompressed } from './decode';
import { encodeCompressed } from './encode';
import { nodeFs, nodeUrl } from './node-fs';
import {
  COMPRESSED_MAGIC,
  type CompressedModel,
  type DecodeCompressedOptions,
  type EncodeCompressedOptions,
} from './types';
import { checkMaxBytes } from './validate';

/**
 * What `saveCompressed` may replace: a missing file, an empty one, or a
 * `convkit-compressed` file (recognised by its magic bytes, not its name).
 */
function compressedSpec(file: string): AtomicTargetSpec {
  return {
    target: file,
    kind: 'file',
    what: 'the compressed model',
    recognise: async (real) => {
      const fs = await nodeFs();
      const fh = await fs.open(real, 'r');
      let head: Uint8Array;
      try {
        head = new Uint8Array(COMPRESSED_MAGIC.length);
        const { bytesRead } = await fh.read(head, 0, head.length, 0);
        head = head.subarray(0, bytesRead);
      } finally {
        await fh.close();
      }
      const magic = new TextEncoder().encode(COMPRESSED_MAGIC);
      if (head.length === magic.length && head.every((b, i) => b === magic[i])) return undefined;
      return `is a file that is not a convkit-compressed model (it does not start with '${COMPRESSED_MAGIC}'), and saving would replace it; choose another file name or remove it yourself`;
    },
  };
}

/**
 * Encodes `model` (see `encodeCompressed`) and writes it to `path` (a file
 * path or `file://` URL) atomically: the bytes go to a temporary sibling file
 * `.<name>.tmp-<pid>-…`, which is fsynced and then renamed over `path`, and the
 * directory is fsynced. A crash or error at any point leaves either the
 * previous file or the new one at `path`, never a partial file; on an error
 * the temporary file is removed, and temporary files of killed saves are
 * removed by the next save or load of `path`. Creates missing parent
 * directories; follows a symbolic link (the link stays).
 *
 * `path` must be missing, an empty file or a `convkit-compressed` file
 * (recognised by its magic bytes): anything else — another file, a folder,
 * a device, the file-system root — is refused with a `ConfigError` naming the
 * path before anything is written. A failing file operation is a
 * `FileSystemError` with the path and errno code (`could not save the
 * compressed model to PATH: no space left on device`). Node only. Resolves to
 * the number of bytes written.
 *
 * @param model - The model to save.
 * @param path - Target file path or `file://` URL.
 * @param options - Encoding choices (`weights`, `sparse`, `clustered`, `int8Scales`, `metadata`, ...).
 * @returns Resolves to the number of bytes written.
 * @throws {ConfigError} for invalid options or a target that is not a convkit-compressed file.
 * @throws {FileSystemError} when a file operation fails.
 * @example
 * ```ts
 * import { loadCompressed, saveCompressed } from '@convkit/compress';
 *
 * const bytes = await saveCompressed(model, './model.ckz', { weights: 'float16', sparse: 'auto' });
 * const { model: restored } = await loadCompressed('./model.ckz');
 * ```
 */
export async function saveCompressed(
  model: LayersModel,
  path: string,
  options: EncodeCompressedOptions = {},
): Promise<number> {
  const bytes = await encodeCompressed(model, options);
  await writeAtomically(compressedSpec(await toFilePath(path)), (tmp) => writeFileDurably(tmp, bytes));
  return bytes.length;
}

/**
 * Checks, writing nothing, that `saveCompressed(model, path)` may write to
 * `path`: throws the `ConfigError` it would refuse with (a file that is not a
 * `convkit-compressed` one, a folder, …) or a `FileSystemError` when the
 * nearest existing folder is not writable. Node only. Call it before a long
 * compression whose result goes there.
 */
export async function checkCompressedTarget(path: string): Promise<void> {
  await checkAtomicTarget(compressedSpec(await toFilePath(path)));
}

/**
 * Reads a file written by `saveCompressed` (a path or `file://` URL) and
 * decodes it (see `decodeCompressed`). A file larger than `maxBytes` is
 * rejected before it is read. Node only. Every failure, a missing file
 * included, is a `SerializationError`. Removes temporary files left by killed
 * saves of `path` (best effort).
 *
 * @param path - File path or `file://` URL.
 * @param options - `maxBytes` and model limits.
 * @returns Resolves to the model (not compiled), its metadata, compile settings and storage info.
 * @throws {SerializationError} for a missing, oversized, corrupt or unsupported file.
 */
export async function loadCompressed(path: string, options: DecodeCompressedOptions = {}): Promise<CompressedModel> {
  const maxBytes = checkMaxBytes(options.maxBytes);
  const fs = await nodeFs();
  const file = await toFilePath(path);
  await cleanStaleSaves(file);
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
): Promise<{
  /** Bytes of the `.ckz` file. */
  raw: number;
  /** The same bytes gzipped at level 9. */
  gzipped: number;
}> {
  const bytes = await encodeCompressed(model, options);
  return { raw: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length };
}

async function toFilePath(target: string): Promise<string> {
  if (typeof target !== 'string' || target.length === 0) throw new ConfigError('File path must be a non-empty string');
  // Always loaded: in the browser build this is where the "needs Node" error comes from.
  const { fileURLToPath } = await nodeUrl();
  return target.startsWith('file://') ? fileURLToPath(target) : target;
}
