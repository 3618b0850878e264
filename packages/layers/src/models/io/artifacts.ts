/**
 * convkit's own model format, in memory. A checkpoint is two parts:
 *
 * - `modelJson`: `{ format: 'convkit-model', version: 1, generatedBy, topology,
 *   weightsManifest, training? }` — the architecture (`model.toConfig()`), one
 *   manifest entry per weight (`name`, `shape`, `dtype: 'float32'`, `offset`,
 *   `byteLength` into the weight buffer) and optionally the compile settings;
 * - `weights`: the concatenated little-endian float32 values, in
 *   `model.weights` order.
 *
 * `fromArtifacts` treats both parts as untrusted input: it validates the whole
 * manifest (sizes, offsets, the buffer's length) before allocating anything,
 * rebuilds the model, checks the manifest against the rebuilt weights, decodes
 * and checks every value, and only then assigns. Every failure is a
 * `SerializationError` and leaves the live tensor count unchanged.
 */
import { ConfigError, dispose, formatShape, SerializationError, type Tensor, tensor } from '@convkit/core';
import type { Serialized } from '../../engine/types';
import { layerRegistry } from '../../layers/registry';
import { Model } from '../functional';
import type { LayersModel } from '../layers-model';
import { Sequential } from '../sequential';
import {
  MODEL_FORMAT,
  MODEL_FORMAT_VERSION,
  type ModelJson,
  modelJsonOf,
  type SavedTrainingConfig,
  type WeightManifestEntry,
} from './model-json';

export type { ModelJson, SavedTrainingConfig, WeightManifestEntry };
export { MODEL_FORMAT, MODEL_FORMAT_VERSION, modelJsonOf };

/** Largest number of elements one weight may have (2^28, i.e. 1 GiB of float32). */
export const MAX_WEIGHT_ELEMENTS = 2 ** 28;
/** Default `maxBytes`: 1 GiB of weights. */
export const DEFAULT_MAX_BYTES = 2 ** 30;

/** A whole checkpoint in memory, as every save/load handler exchanges it. */
export interface ModelArtifacts {
  modelJson: ModelJson;
  /** Little-endian float32 weight values laid out as `modelJson.weightsManifest` says. */
  weights: ArrayBuffer;
}

/**
 * Artifacts as read from an untrusted source: `modelJson` may still be the raw
 * JSON text and `weights` any byte view (e.g. a Node `Buffer`).
 */
export interface RawModelArtifacts {
  modelJson: ModelJson | string | unknown;
  weights: ArrayBuffer | ArrayBufferView;
}

/** Options of `fromArtifacts` and `loadModel`. */
export interface LoadOptions {
  /**
   * Largest total weight size accepted, in bytes, checked against the manifest
   * (and file sizes) before anything is allocated. Default 1 GiB.
   */
  maxBytes?: number;
  /** Accept NaN and ±Infinity weight values. Default false: such a value is a `SerializationError` naming the weight. */
  allowNonFinite?: boolean;
}

/**
 * A model returned by `fromArtifacts` / `loadModel`. The model is NOT
 * compiled (optimizers live in `@convkit/optim`); when the checkpoint stored
 * compile settings they are in `savedTrainingConfig`, e.g.
 * `model.compile({ optimizer: createOptimizer(...), loss: m.savedTrainingConfig.loss, ... })`.
 */
export type LoadedModel = LayersModel & {
  /** The checkpoint's `training` section (loss, metrics, optimizer config), if it had one. */
  readonly savedTrainingConfig?: SavedTrainingConfig;
};

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Serialises `model` into convkit artifacts: its topology, a manifest and the
 * weight values (read with `await variable.data()`) as one little-endian
 * float32 buffer, plus `training` when the model is compiled.
 */
export async function toArtifacts(model: LayersModel): Promise<ModelArtifacts> {
  const weights = model.weights;
  const modelJson = modelJsonOf(model);
  const manifest = modelJson.weightsManifest;
  const last = manifest[manifest.length - 1];
  const buffer = new ArrayBuffer(last ? last.offset + last.byteLength : 0);
  const view = new DataView(buffer);
  for (let i = 0; i < weights.length; i++) {
    const data = await weights[i].variable.data();
    const entry = manifest[i];
    if (LITTLE_ENDIAN) {
      // Float32Array.set converts int/bool variables to float32 as well.
      new Float32Array(buffer, entry.offset, data.length).set(data as ArrayLike<number>);
    } else {
      for (let j = 0; j < data.length; j++) view.setFloat32(entry.offset + 4 * j, Number(data[j]), true);
    }
  }
  return { modelJson, weights: buffer };
}

/**
 * Parses and validates `model.json` text (or an already parsed object): the
 * `format`, the `version`, the topology's shape and every manifest entry
 * (dimensions, element counts, byte lengths, total against `maxBytes`).
 * Allocates no tensor. Throws a `SerializationError` describing the problem.
 */
export function parseModelJson(json: unknown, options: LoadOptions = {}): ModelJson {
  const maxBytes = checkMaxBytes(options.maxBytes);
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (e) {
      throw new SerializationError(`model.json is not valid JSON: ${(e as Error).message}`, { cause: e });
    }
  }
  if (!isRecord(value)) throw new SerializationError('model.json must be a JSON object');
  if (!('format' in value))
    throw new SerializationError(`model.json has no 'format' field (expected '${MODEL_FORMAT}')`);
  if (value.format !== MODEL_FORMAT) {
    throw new SerializationError(
      `model.json has unknown format ${JSON.stringify(value.format)} (expected '${MODEL_FORMAT}')`,
    );
  }
  if (value.version !== MODEL_FORMAT_VERSION) {
    throw new SerializationError(
      `Unsupported convkit-model version ${JSON.stringify(value.version)}: this convkit reads version ${MODEL_FORMAT_VERSION}`,
    );
  }
  const topology = value.topology;
  if (!isRecord(topology) || typeof topology.className !== 'string' || !isRecord(topology.config)) {
    throw new SerializationError("model.json 'topology' must be { className, config }");
  }
  if (topology.className !== 'Sequential' && topology.className !== 'Model') {
    throw new SerializationError(
      `model.json topology has unknown model class '${topology.className}' (expected 'Sequential' or 'Model')`,
    );
  }
  if (!Array.isArray(value.weightsManifest))
    throw new SerializationError("model.json 'weightsManifest' must be an array");
  const names = new Set<string>();
  let total = 0;
  const manifest = value.weightsManifest.map((raw, i) => {
    const entry = checkEntry(raw, i);
    if (names.has(entry.name)) throw new SerializationError(`weightsManifest lists weight '${entry.name}' twice`);
    names.add(entry.name);
    total += entry.byteLength;
    if (total > maxBytes) {
      throw new SerializationError(
        `weightsManifest totals more than maxBytes = ${maxBytes} bytes (at weight '${entry.name}')`,
      );
    }
    return entry;
  });
  const training = value.training === undefined ? undefined : parseTrainingConfig(value.training);
  const out: ModelJson = {
    format: MODEL_FORMAT,
    version: MODEL_FORMAT_VERSION,
    generatedBy: typeof value.generatedBy === 'string' ? value.generatedBy : 'unknown',
    topology: topology as unknown as Serialized,
    weightsManifest: manifest,
  };
  if (training) out.training = training;
  return out;
}

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
        `${where} has invalid dimension ${JSON.stringify(d)} (dimensions must be non-negative integers)`,
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

function checkEntry(raw: unknown, i: number): WeightManifestEntry {
  if (!isRecord(raw) || typeof raw.name !== 'string') {
    throw new SerializationError(`weightsManifest[${i}] must be an object with a string 'name'`);
  }
  const name = raw.name;
  const where = `weightsManifest entry '${name}'`;
  if (raw.dtype !== 'float32')
    throw new SerializationError(`${where} has dtype ${JSON.stringify(raw.dtype)}; only 'float32' is supported`);
  const shape = checkWeightShape(raw.shape, where);
  const elements = shape.reduce((a, b) => a * b, 1);
  for (const key of ['offset', 'byteLength'] as const) {
    const v = raw[key];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
      throw new SerializationError(`${where} has invalid ${key} ${JSON.stringify(v)}`);
    }
  }
  const byteLength = raw.byteLength as number;
  if (byteLength !== elements * 4) {
    throw new SerializationError(
      `${where} has byteLength ${byteLength} but shape ${formatShape(shape)} needs ${elements * 4} bytes (${elements} float32 values)`,
    );
  }
  return { name, shape, dtype: 'float32', offset: raw.offset as number, byteLength };
}

/**
 * Validates a stored `training` section (loss name, metric names, optional
 * optimizer `{ className, config }`); `where` names the file in the message.
 * Throws a `SerializationError`.
 */
export function parseTrainingConfig(raw: unknown, where = 'model.json'): SavedTrainingConfig {
  if (!isRecord(raw) || typeof raw.loss !== 'string')
    throw new SerializationError(`${where} 'training' must have a string 'loss'`);
  const metrics = raw.metrics ?? [];
  if (!Array.isArray(metrics) || metrics.some((m) => typeof m !== 'string')) {
    throw new SerializationError(`${where} 'training.metrics' must be an array of strings`);
  }
  const out: SavedTrainingConfig = { loss: raw.loss, metrics: [...(metrics as string[])] };
  if (raw.optimizer !== undefined && raw.optimizer !== null) {
    const o = raw.optimizer;
    if (!isRecord(o) || typeof o.className !== 'string') {
      throw new SerializationError(`${where} 'training.optimizer' must be { className, config }`);
    }
    out.optimizer = { className: o.className, config: isRecord(o.config) ? o.config : {} };
  }
  return out;
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
 * Rebuilds a model from artifacts (see the module comment for the checks).
 * The model gets the saved weights; it is not compiled — the saved compile
 * settings are in `savedTrainingConfig`. Throws a `SerializationError`, with
 * no tensor leaked and nothing half-assigned, when the artifacts are invalid.
 */
export function fromArtifacts(artifacts: RawModelArtifacts | ModelArtifacts, options: LoadOptions = {}): LoadedModel {
  if (!isRecord(artifacts)) throw new SerializationError('Model artifacts must be { modelJson, weights }');
  const modelJson = parseModelJson(artifacts.modelJson, options);
  const bytes = toBytes(artifacts.weights);
  const maxBytes = checkMaxBytes(options.maxBytes);
  if (bytes.byteLength > maxBytes) {
    throw new SerializationError(`Weight buffer of ${bytes.byteLength} bytes exceeds maxBytes = ${maxBytes}`);
  }
  checkWeightLayout(modelJson.weightsManifest, bytes.byteLength);
  checkLayerClasses(modelJson.topology);

  const model = rebuild(modelJson.topology);
  const tensors: Tensor[] = [];
  try {
    const weights = model.weights;
    const manifest = modelJson.weightsManifest;
    if (weights.length !== manifest.length) {
      throw new SerializationError(
        `model.json lists ${manifest.length} weights but its topology builds ${weights.length} (${weights.map((w) => w.name).join(', ')})`,
      );
    }
    weights.forEach((w, i) => {
      const e = manifest[i];
      if (e.name !== w.name) {
        throw new SerializationError(
          `weightsManifest[${i}] is '${e.name}' but the rebuilt model's weight ${i} is '${w.name}'`,
        );
      }
      if (e.shape.length !== w.shape.length || e.shape.some((d, j) => d !== w.shape[j])) {
        throw new SerializationError(
          `Weight '${e.name}' has shape ${formatShape(e.shape)} in the manifest but ${formatShape(w.shape)} in the topology`,
        );
      }
    });
    const values = manifest.map((e) => decode(bytes, e));
    if (!options.allowNonFinite) {
      manifest.forEach((e, i) => {
        const bad = values[i].findIndex((v) => !Number.isFinite(v));
        if (bad >= 0) {
          throw new SerializationError(
            `Weight '${e.name}' holds a non-finite value (${values[i][bad]} at flat index ${bad}); pass allowNonFinite: true to load it anyway`,
          );
        }
      });
    }
    for (let i = 0; i < manifest.length; i++) tensors.push(tensor(values[i], manifest[i].shape, 'float32'));
    // Everything is checked: assignment cannot fail on shape any more.
    weights.forEach((w, i) => w.write(tensors[i]));
  } catch (e) {
    dispose(tensors);
    model.dispose();
    throw e instanceof SerializationError
      ? e
      : new SerializationError(`Could not load the weights: ${(e as Error).message}`, { cause: e });
  }
  dispose(tensors);
  if (modelJson.training) {
    Object.defineProperty(model, 'savedTrainingConfig', {
      value: modelJson.training,
      enumerable: false,
      configurable: true,
    });
  }
  return model as LoadedModel;
}

/** Unknown layer classes are reported before any layer is built (so nothing is allocated). */
function checkLayerClasses(topology: Serialized): void {
  const layers = topology.config.layers;
  if (layers === undefined) return;
  if (!Array.isArray(layers)) throw new SerializationError("model.json topology 'layers' must be an array");
  for (const l of layers) {
    if (!isRecord(l) || typeof l.className !== 'string') {
      throw new SerializationError(
        `model.json topology has an invalid layer description: ${JSON.stringify(l)?.slice(0, 200)}`,
      );
    }
    if (!layerRegistry.has(l.className)) {
      throw new SerializationError(
        `model.json uses unknown layer class '${l.className}'. Known: ${layerRegistry.names().join(', ')}. Register custom classes with registerLayer() before loading.`,
      );
    }
  }
}

/**
 * A new model with the architecture of `topology` (`model.toConfig()`) and
 * freshly initialised weights. Throws a `SerializationError` when the topology
 * cannot be rebuilt.
 */
export function modelFromConfig(topology: Serialized): LayersModel {
  checkLayerClasses(topology);
  return rebuild(topology);
}

/**
 * A copy of `model`: same architecture, copies of its weight values (new
 * variables, so training one does not change the other), not compiled.
 */
export function cloneModel<M extends LayersModel>(model: M): M {
  const copy = modelFromConfig(model.toConfig());
  const values = model.getWeights();
  try {
    copy.setWeights(values);
  } catch (e) {
    copy.dispose();
    throw e;
  } finally {
    dispose(values);
  }
  return copy as M;
}

function rebuild(topology: Serialized): LayersModel {
  try {
    return topology.className === 'Sequential'
      ? Sequential.fromConfig(topology.config)
      : Model.fromConfig(topology.config);
  } catch (e) {
    if (e instanceof SerializationError) throw e;
    throw new SerializationError(`model.json topology could not be rebuilt: ${(e as Error).message}`, { cause: e });
  }
}

function decode(bytes: Uint8Array, e: WeightManifestEntry): Float32Array {
  const n = e.byteLength / 4;
  const start = bytes.byteOffset + e.offset;
  if (LITTLE_ENDIAN) return new Float32Array(bytes.buffer.slice(start, start + e.byteLength));
  const view = new DataView(bytes.buffer, start, e.byteLength);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = view.getFloat32(4 * i, true);
  return out;
}

function toBytes(weights: unknown): Uint8Array {
  if (weights instanceof ArrayBuffer) return new Uint8Array(weights);
  if (ArrayBuffer.isView(weights)) return new Uint8Array(weights.buffer, weights.byteOffset, weights.byteLength);
  throw new SerializationError('Model artifacts: weights must be an ArrayBuffer or a byte view');
}

function checkMaxBytes(maxBytes: number | undefined): number {
  const v = maxBytes ?? DEFAULT_MAX_BYTES;
  if (typeof v !== 'number' || !(v >= 0))
    throw new ConfigError(`maxBytes must be a non-negative number, received ${maxBytes}`);
  return v;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
