/**
 * `saveModel` / `loadModel`: convkit checkpoints to and from a destination
 * named by a string, or through a custom handler.
 *
 * | target                        | where                                                    |
 * | ----------------------------- | -------------------------------------------------------- |
 * | `./ckpt`, `/abs/ckpt`, `file://…` | Node: `model.json` + `weights.bin` in that directory, saved atomically |
 * | `indexeddb://name`            | browser: IndexedDB store `convkit-models`, key `name`; with `{ format: 'tfjs' }` TensorFlow.js's own IndexedDB records (load reads convkit's, else TensorFlow.js's) |
 * | `downloads://name`            | browser: downloads `name.json` + `name.weights.bin` (save only; either format) |
 * | `dir/model.json`, `http(s)://…/model.json` | a TensorFlow.js Layers model (load only; see `loadTfjsModel`) |
 * | a directory, `{ format: 'tfjs' }` | save as TensorFlow.js Layers `model.json` + `group1-shard1of1.bin` |
 * | `{ save }` / `{ load }`       | your own storage                                          |
 *
 * `localstorage://` is refused on purpose: localStorage holds strings only
 * (weights would be base64, a third larger), is limited to about 5 MB per
 * origin, blocks the page while it writes, and cannot store a model in one
 * all-or-nothing step; `indexeddb://` does the same job without these limits.
 */
import { ConfigError, SerializationError } from '@convkit/core';
import type { LayersModel } from '../layers-model';
import {
  fromArtifacts,
  type LoadedModel,
  type LoadOptions,
  type ModelArtifacts,
  type RawModelArtifacts,
  toArtifacts,
} from './artifacts';
import {
  hasIndexedDb,
  loadIndexedDb,
  loadTfjsIndexedDb,
  saveDownloads,
  saveIndexedDb,
  saveTfjsDownloads,
  saveTfjsIndexedDb,
} from './browser-handlers';
import { checkFilesTarget, loadFiles, MODEL_JSON_FILE, saveFiles, toFilePath, WEIGHTS_FILE } from './file-handler';
import { MAX_JSON_CHARS } from './json';
import { withWeightChecksums } from './manifest';
import { MODEL_FORMAT } from './model-json';
import { nodeFs, nodePath } from './node-fs';
import { fromTfjsArtifacts, type TfjsArtifacts, toTfjsArtifacts } from './tfjs-artifacts';
import { checkTfjsTarget, loadTfjsModel, saveTfjsFiles } from './tfjs-files';

/** Options of `saveModel`. */
export interface SaveOptions {
  /**
   * `'convkit'` (default): convkit's checkpoint (`model.json` + `weights.bin`,
   * with compile settings and checksums). `'tfjs'`: the TensorFlow.js Layers
   * format that `tf.loadLayersModel` reads: `model.json` +
   * `group1-shard1of1.bin` in a directory (path or `file://` URL),
   * TensorFlow.js's own records for `indexeddb://name`, or the two files
   * TensorFlow.js's `downloads://name` gives.
   *
   * @defaultValue `'convkit'`
   */
  format?: 'convkit' | 'tfjs';
}

/** A custom destination for `saveModel`. */
export interface SaveHandler {
  /**
   * Stores the artifacts.
   *
   * @param artifacts - `model.json` and the weight bytes.
   * @returns Resolves once stored.
   */
  save(artifacts: ModelArtifacts): Promise<void>;
}

/** A custom source for `loadModel`. What it returns is validated like a file. */
export interface LoadHandler {
  /**
   * Reads the artifacts.
   *
   * @returns Resolves to the parsed or raw `model.json` and weight bytes.
   */
  load(): Promise<ModelArtifacts | RawModelArtifacts>;
}

type Scheme = 'file' | 'indexeddb' | 'downloads' | 'http';

function route(target: string): { scheme: Scheme; rest: string } {
  if (typeof target !== 'string' || target.length === 0)
    throw new ConfigError('Model location must be a non-empty string or a handler');
  const m = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(target);
  if (!m) return { scheme: 'file', rest: target };
  const scheme = m[1].toLowerCase();
  if (scheme === 'file') return { scheme: 'file', rest: target };
  if (scheme === 'http' || scheme === 'https') return { scheme: 'http', rest: target };
  if (scheme === 'indexeddb' || scheme === 'downloads') {
    if (m[2].length === 0) throw new ConfigError(`${scheme}:// needs a model name, e.g. ${scheme}://my-model`);
    return { scheme, rest: m[2] };
  }
  const supported = 'a directory path, file:// (Node), http(s):// (load only), indexeddb:// or downloads:// (browser)';
  if (scheme === 'localstorage') {
    throw new ConfigError(
      `localstorage:// is not supported: localStorage stores only strings, about 5 MB per origin, and cannot save a model all-or-nothing; use indexeddb://${m[2].slice(0, 100)} instead (supported: ${supported})`,
    );
  }
  throw new ConfigError(`Unsupported model location scheme '${scheme}://' (supported: ${supported})`);
}

/**
 * Saves `model` (architecture, weights and compile settings) in convkit's
 * format to `target`: a Node directory path or `file://` URL (written
 * atomically, see `saveFiles`), `indexeddb://name`, `downloads://name`, or a
 * custom `{ save(artifacts) }` handler. Resolves to the saved artifacts.
 *
 * A directory target must be missing, empty or a convkit checkpoint (its
 * `model.json` says `format: 'convkit-model'` and it holds nothing but that
 * and `weights.bin`): anything else — a folder of other files, a file, the
 * file-system root, the home folder — is refused with a `ConfigError` naming
 * the path, and nothing is written. A failing file operation is a
 * `FileSystemError` carrying the path and the errno code (`could not save the
 * model to PATH: no space left on device`).
 *
 * The manifest records the CRC-32 of every weight, which `loadModel` checks.
 *
 * With `{ format: 'tfjs' }` the directory receives a TensorFlow.js Layers
 * model (`model.json` + `group1-shard1of1.bin`, see `toTfjsArtifacts`) that
 * `tf.loadLayersModel` reads; such a directory may only replace an earlier
 * tfjs save of convkit. Resolves to the tfjs artifacts then.
 *
 * @param model - The model to save.
 * @param target - A directory path or `file://` URL (Node), `indexeddb://name`, `downloads://name`, or a handler.
 * @param options - `format`: `'convkit'` (default) or `'tfjs'`.
 * @returns Resolves to the saved artifacts.
 * @throws {ConfigError} for an unsupported scheme, or a directory that is not empty and not a convkit checkpoint.
 * @throws {FileSystemError} when a file operation fails (the path and errno code are on the error).
 *
 * @example
 * ```ts
 * import { loadModel, saveModel } from '@convkit/layers';
 *
 * await saveModel(model, './checkpoints/mnist');
 * const restored = await loadModel('./checkpoints/mnist');
 * ```
 */
export async function saveModel(
  model: LayersModel,
  target: string,
  options: SaveOptions & { format: 'tfjs' },
): Promise<TfjsArtifacts>;
export async function saveModel(
  model: LayersModel,
  target: string | SaveHandler,
  options?: SaveOptions & { format?: 'convkit' },
): Promise<ModelArtifacts>;
export async function saveModel(
  model: LayersModel,
  target: string | SaveHandler,
  options: SaveOptions = {},
): Promise<ModelArtifacts | TfjsArtifacts> {
  const format = options.format ?? 'convkit';
  if (format !== 'convkit' && format !== 'tfjs') {
    throw new ConfigError(`saveModel: format must be 'convkit' or 'tfjs', got ${JSON.stringify(format)}`);
  }
  if (format === 'tfjs') {
    const where = typeof target === 'string' ? route(target) : undefined;
    if (where === undefined || where.scheme === 'http') {
      throw new ConfigError(
        "saveModel: format 'tfjs' writes to a directory path, file://, indexeddb:// or downloads://; for other storage use toTfjsArtifacts(model)",
      );
    }
    const tfjs = await toTfjsArtifacts(model);
    if (where.scheme === 'file') await saveTfjsFiles(where.rest, tfjs);
    else if (where.scheme === 'indexeddb') await saveTfjsIndexedDb(where.rest, tfjs);
    else await saveTfjsDownloads(where.rest, tfjs);
    return tfjs;
  }
  const artifacts = withWeightChecksums(await toArtifacts(model));
  if (typeof target === 'object' && target !== null && typeof target.save === 'function') {
    await target.save(artifacts);
    return artifacts;
  }
  const { scheme, rest } = route(target as string);
  if (scheme === 'file') await saveFiles(rest, artifacts);
  else if (scheme === 'indexeddb') await saveIndexedDb(rest, artifacts);
  else if (scheme === 'downloads') await saveDownloads(rest, artifacts);
  else throw new ConfigError('saveModel cannot write to http(s):// URLs; save to a directory and upload it');
  return artifacts;
}

/**
 * Checks, writing nothing, that `saveModel(model, target)` may write to
 * `target`: for a directory path or `file://` URL, throws the `ConfigError`
 * the save would refuse with, or a `FileSystemError` when the nearest existing
 * folder is not writable. Other destinations are not checked. Call it before
 * a long training run whose model goes there.
 *
 * @param target - As for {@link saveModel}.
 * @param options - As for {@link saveModel}.
 * @returns Resolves when the save would be allowed.
 * @throws {ConfigError} when the save would be refused.
 * @throws {FileSystemError} when the nearest existing folder is not writable.
 */
export async function checkSaveTarget(target: string | SaveHandler, options: SaveOptions = {}): Promise<void> {
  if (typeof target === 'object' && target !== null && typeof target.save === 'function') return;
  const { scheme, rest } = route(target as string);
  if (scheme === 'file') await (options.format === 'tfjs' ? checkTfjsTarget(rest) : checkFilesTarget(rest));
}

/**
 * Loads a model saved by `saveModel` from a Node directory path or `file://`
 * URL, `indexeddb://name` (convkit's store, else a model TensorFlow.js saved
 * to `indexeddb://name`), or a custom `{ load() }` handler. A path ending in
 * `.json`, a folder holding a `model.json` but no `weights.bin`, or an
 * `http(s)://` URL is read as a TensorFlow.js Layers model (`loadTfjsModel`). Everything read
 * is validated (`fromArtifacts`); failures are `SerializationError`s that
 * leave no tensor behind. The model is not compiled: the saved compile
 * settings are in `savedTrainingConfig`.
 *
 * @param source - A directory path or `file://` URL (Node), a tfjs `model.json` path or `http(s)://` URL, `indexeddb://name`, or a handler.
 * @param options - `maxBytes` (default 1 GiB), `allowNonFinite` (default false) and model limits.
 * @returns Resolves to the model (not compiled; its saved compile settings are in `savedTrainingConfig`).
 * @throws {SerializationError} when a file is missing, corrupt, truncated, oversized or of an unknown version, or a checksum fails.
 * @throws {ConfigError} for `downloads://` or an unsupported scheme.
 *
 * @example
 * ```ts
 * import { loadModel } from '@convkit/layers';
 * import { Adam } from '@convkit/optim';
 *
 * const model = await loadModel('./checkpoints/mnist');
 * model.compile({ optimizer: new Adam(), loss: model.savedTrainingConfig?.loss ?? 'sparseCategoricalCrossentropy' });
 * ```
 */
export async function loadModel(source: string | LoadHandler, options: LoadOptions = {}): Promise<LoadedModel> {
  if (typeof source === 'object' && source !== null && typeof source.load === 'function') {
    return fromArtifacts(await source.load(), options);
  }
  const { scheme, rest } = route(source as string);
  if (scheme === 'http' || (scheme === 'file' && (await isTfjsPath(rest)))) return loadTfjsModel(rest, options);
  if (scheme === 'file') return fromArtifacts(await loadFiles(rest, options), options);
  if (scheme === 'indexeddb') {
    if (await hasIndexedDb(rest)) return fromArtifacts(await loadIndexedDb(rest), options);
    const tfjs = await loadTfjsIndexedDb(rest);
    if (tfjs) return fromTfjsArtifacts(tfjs, options);
    throw new SerializationError(
      `No model '${rest}' in IndexedDB: neither in convkit's store ('convkit-models') nor in TensorFlow.js's ('tensorflowjs')`,
    );
  }
  throw new ConfigError(
    'downloads:// is save-only; load the two downloaded files with loadModel(browserFiles(jsonFile, weightsFile))',
  );
}

/**
 * A file path names a TensorFlow.js model when it ends in `.json`, or when it
 * is a folder holding a `model.json` that is not a convkit checkpoint's and no
 * convkit `weights.bin` (a damaged convkit checkpoint keeps convkit's errors).
 */
async function isTfjsPath(target: string): Promise<boolean> {
  if (/\.json$/i.test(target)) return true;
  const fs = await nodeFs();
  const path = await nodePath();
  const dir = await toFilePath(target);
  const has = async (name: string): Promise<boolean> =>
    (await fs.stat(path.join(dir, name)).catch(() => undefined))?.isFile() === true;
  if ((await has(WEIGHTS_FILE)) || !(await has(MODEL_JSON_FILE))) return false;
  const json = path.join(dir, MODEL_JSON_FILE);
  if ((await fs.stat(json)).size > MAX_JSON_CHARS) return true; // the tfjs loader refuses it with the size
  try {
    const head = JSON.parse(await fs.readFile(json, 'utf8')) as { format?: unknown } | null;
    return head?.format !== MODEL_FORMAT;
  } catch {
    return false; // unreadable: convkit's loader reports it
  }
}
