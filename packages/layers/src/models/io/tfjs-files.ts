/**
 * TensorFlow.js Layers models on disk and over HTTP: `loadTfjsModel` reads a
 * `model.json` and its shard files from a path, a `file://` URL or an
 * `http(s)://` URL; `saveTfjsFiles` writes `model.json` +
 * `group1-shard1of1.bin` into a folder atomically (see `atomic-write.ts`),
 * replacing only a folder that an earlier tfjs save of convkit wrote.
 *
 * Sizes are checked before reading: `model.json` against the JSON limit, each
 * shard (file size or `Content-Length`) against what the manifest says its
 * group holds, so a truncated or padded shard is a `SerializationError`
 * before any weight is decoded.
 */
import { ConfigError, SerializationError } from '@convkit/core';
import type { LoadedModel, LoadOptions } from './artifacts';
import { type AtomicTargetSpec, checkAtomicTarget, writeAtomically, writeFileDurably } from './atomic-write';
import { toFilePath } from './file-handler';
import { MAX_JSON_CHARS } from './json';
import { nodeFs, nodePath } from './node-fs';
import {
  concatBytes,
  modelFromTfjsPlan,
  planTfjsModel,
  TFJS_LAYERS_FORMAT,
  TFJS_WEIGHTS_FILE,
  type TfjsArtifacts,
} from './tfjs-artifacts';

const TFJS_JSON_FILE = 'model.json';
const TFJS_FILES = [TFJS_JSON_FILE, TFJS_WEIGHTS_FILE] as const;

/** Reads named files next to `model.json`, refusing one whose size differs from what is expected. */
interface Reader {
  /** Text of `model.json`. */
  json(): Promise<string>;
  /** Bytes of the shard `name`; `expected` bounds what is read (the manifest's remaining group bytes). */
  shard(name: string, expected: number): Promise<Uint8Array>;
  /** How to name the source in messages. */
  where: string;
}

function fileReader(jsonPath: string, maxJson: number): Reader {
  const read = async <T>(file: string, limit: number, how: (p: string) => Promise<T>): Promise<T> => {
    const fs = await nodeFs();
    let size: number;
    try {
      size = (await fs.stat(file)).size;
    } catch (e) {
      throw new SerializationError(`Cannot read ${file}: ${(e as Error).message}`, { cause: e });
    }
    if (size > limit) {
      throw new SerializationError(
        `${file} is ${size} bytes, more than the ${limit} its model.json allows; the file is corrupt or does not belong to this model`,
      );
    }
    try {
      return await how(file);
    } catch (e) {
      throw new SerializationError(`Cannot read ${file}: ${(e as Error).message}`, { cause: e });
    }
  };
  return {
    where: jsonPath,
    json: async () => read(jsonPath, maxJson, async (p) => (await nodeFs()).readFile(p, 'utf8')),
    shard: async (name, expected) => {
      const path = await nodePath();
      const file = path.join(path.dirname(jsonPath), name);
      const bytes = await read(file, expected, async (p) => (await nodeFs()).readFile(p));
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
  };
}

function httpReader(url: string, maxJson: number): Reader {
  const get = async (u: string, limit: number): Promise<Uint8Array> => {
    let res: Response;
    try {
      res = await fetch(u);
    } catch (e) {
      throw new SerializationError(`Cannot fetch ${u}: ${(e as Error).message}`, { cause: e });
    }
    if (!res.ok) throw new SerializationError(`Cannot fetch ${u}: HTTP ${res.status} ${res.statusText}`);
    const declared = Number(res.headers.get('content-length') ?? Number.NaN);
    if (declared > limit) {
      await res.body?.cancel().catch(() => undefined);
      throw new SerializationError(`${u} is ${declared} bytes, more than the ${limit} its model.json allows`);
    }
    // Read in chunks, stopping as soon as the limit is passed (no Content-Length, or a lying one).
    const parts: Uint8Array[] = [];
    let total = 0;
    const reader = res.body?.getReader();
    if (reader) {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        total += value.byteLength;
        if (total > limit) {
          await reader.cancel().catch(() => undefined);
          throw new SerializationError(`${u} holds more than the ${limit} bytes its model.json allows`);
        }
        parts.push(value);
      }
    }
    return concatBytes(parts.length ? parts : [new Uint8Array(0)]);
  };
  return {
    where: url,
    json: async () => new TextDecoder().decode(await get(url, maxJson)),
    shard: (name, expected) => get(new URL(name, url).href, expected),
  };
}

/**
 * Loads a TensorFlow.js Layers model (`model.json` + its `*.bin` shards, as
 * `tf.LayersModel.save` and `tensorflowjs_converter` write them) into a
 * convkit model with the stored weights. `source` is a path to `model.json`
 * (or to its folder), a `file://` URL (Node), or an `http(s)://` URL of the
 * `model.json` (shards are fetched relative to it). `loadModel` calls it for
 * such sources.
 *
 * Supported layers: InputLayer, Conv2D, DepthwiseConv2D, SeparableConv2D,
 * Dense, MaxPooling2D, AveragePooling2D, GlobalAveragePooling2D,
 * GlobalMaxPooling2D, BatchNormalization, Dropout, Flatten, Reshape,
 * Activation, ReLU, LeakyReLU, ELU, Softmax, Add, Concatenate; any other class
 * is refused with a `SerializationError` naming it, as are channels_first
 * layers and quantized weights. The model is not compiled.
 *
 * @param source - Path or `file://` URL of `model.json` or its folder, or an `http(s)://` URL of `model.json`.
 * @param options - `maxBytes` (default 1 GiB), `maxParams`, `maxActivationElements`, `allowNonFinite`.
 * @returns The model.
 * @throws {SerializationError} when a file is missing, corrupt, truncated or oversized, or the model uses what convkit lacks.
 *
 * @example
 * ```ts
 * const model = await loadTfjsModel('./web_model/model.json');
 * ```
 */
export async function loadTfjsModel(source: string, options: LoadOptions = {}): Promise<LoadedModel> {
  if (typeof source !== 'string' || source.length === 0) {
    throw new ConfigError('loadTfjsModel: source must be a path or URL of a model.json');
  }
  const maxJson = Math.min(MAX_JSON_CHARS, options.maxBytes ?? MAX_JSON_CHARS);
  let reader: Reader;
  if (/^https?:\/\//i.test(source)) {
    reader = httpReader(source, maxJson);
  } else {
    const fs = await nodeFs();
    const path = await nodePath();
    let file = path.resolve(await toFilePath(source));
    const st = await fs.stat(file).catch(() => undefined);
    if (st?.isDirectory()) file = path.join(file, TFJS_JSON_FILE);
    reader = fileReader(file, maxJson);
  }
  const plan = planTfjsModel(await reader.json(), options, reader.where);
  const groups: Uint8Array[] = [];
  for (const g of plan.manifest.groups) {
    const parts: Uint8Array[] = [];
    let got = 0;
    for (const p of g.paths) {
      const bytes = await reader.shard(p, g.bytes - got);
      got += bytes.byteLength;
      parts.push(bytes);
    }
    groups.push(concatBytes(parts));
  }
  return modelFromTfjsPlan(plan, groups, options, reader.where);
}

function listNames(names: readonly string[]): string {
  const shown = names.slice(0, 3).join(', ');
  return names.length > 3 ? `${shown} and ${names.length - 3} more` : shown;
}

/** `undefined` when `dir` is a tfjs save of convkit that may be replaced; otherwise why not. */
async function recogniseTfjsSave(dir: string): Promise<string | undefined> {
  const fs = await nodeFs();
  const path = await nodePath();
  const names = await fs.readdir(dir);
  const fix = 'choose a new or empty folder, or remove its contents yourself';
  const others = names.filter((n) => !(TFJS_FILES as readonly string[]).includes(n));
  if (!names.includes(TFJS_JSON_FILE) || others.length > 0) {
    return `is a folder that convkit did not write (it holds ${listNames(names)}), and saving would delete its contents; ${fix}`;
  }
  const json = path.join(dir, TFJS_JSON_FILE);
  const st = await fs.lstat(json);
  let head: { format?: unknown; generatedBy?: unknown } | null = null;
  if (st.isFile() && st.size <= MAX_JSON_CHARS) {
    try {
      head = JSON.parse(await fs.readFile(json, 'utf8'));
    } catch {
      head = null;
    }
  }
  if (head?.format !== TFJS_LAYERS_FORMAT || head?.generatedBy !== 'convkit') {
    return `holds a ${TFJS_JSON_FILE} that convkit did not write (a TensorFlow.js save of convkit has format '${TFJS_LAYERS_FORMAT}' and generatedBy 'convkit'), and saving would replace it; ${fix}`;
  }
  const bin = await fs.lstat(path.join(dir, TFJS_WEIGHTS_FILE)).catch(() => undefined);
  if (bin && !bin.isFile()) return `holds a ${TFJS_WEIGHTS_FILE} that is not a regular file; ${fix}`;
  return undefined;
}

function tfjsSpec(dir: string): AtomicTargetSpec {
  return { target: dir, kind: 'directory', what: 'the model', files: TFJS_FILES, recognise: recogniseTfjsSave };
}

/**
 * Writes `artifacts` atomically as `dir/model.json` + `dir/group1-shard1of1.bin`.
 * `dir` may be missing, empty, or an earlier tfjs save of convkit; anything
 * else is refused with a `ConfigError` before anything is written. Node only.
 *
 * @param target - Folder path or `file://` URL.
 * @param artifacts - From `toTfjsArtifacts`.
 * @returns Resolves once the folder is in place.
 * @throws {ConfigError} for a folder convkit did not write.
 * @throws {FileSystemError} when a file operation fails.
 */
export async function saveTfjsFiles(target: string, artifacts: TfjsArtifacts): Promise<void> {
  const dir = await toFilePath(target);
  await writeAtomically(tfjsSpec(dir), async (tmp) => {
    const path = await nodePath();
    await writeFileDurably(path.join(tmp, TFJS_WEIGHTS_FILE), new Uint8Array(artifacts.weights));
    await writeFileDurably(path.join(tmp, TFJS_JSON_FILE), JSON.stringify(artifacts.modelJson));
  });
}

/**
 * Checks, writing nothing, that `saveTfjsFiles(target, …)` may write there.
 *
 * @param target - Folder path or `file://` URL.
 * @returns Resolves when the save would be allowed.
 * @throws {ConfigError} when it would be refused.
 */
export async function checkTfjsTarget(target: string): Promise<void> {
  await checkAtomicTarget(tfjsSpec(await toFilePath(target)));
}
