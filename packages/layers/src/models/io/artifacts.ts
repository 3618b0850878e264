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
 * Saved checkpoints also record the CRC-32 of each weight's bytes in its
 * manifest entry (`crc32`, added by `saveModel`); the loader checks it.
 *
 * `fromArtifacts` treats both parts as untrusted input. Before allocating
 * anything it parses the JSON within bounds (size, depth), validates the whole
 * manifest (sizes, offsets, the buffer's length), the checksums and the
 * training section, and sizes the topology (`planTopology`: known layer
 * classes, valid options, at most `maxParams` parameters and no more than the
 * weights hold). Then it rebuilds the model, checks the manifest against the
 * rebuilt weights, decodes and checks every value, and only then assigns.
 * Every failure is a `SerializationError` and leaves the live tensor count
 * unchanged.
 */
import { ConfigError, dispose, formatShape, SerializationError, type Tensor, tensor } from '@convkit/core';
import { preview } from '../../engine/preview';
import type { Serialized } from '../../engine/types';
import { Model } from '../functional';
import type { LayersModel } from '../layers-model';
import { Sequential } from '../sequential';
import { type ModelLimits, type PlanOptions, planTopology, resolveLimits } from '../topology-plan';
import { checkJsonValue, parseJson } from './json';
import { checkManifestEntry, checkWeightLayout, verifyWeightChecksums } from './manifest';
import {
  MODEL_FORMAT,
  MODEL_FORMAT_VERSION,
  type ModelJson,
  modelJsonOf,
  type SavedTrainingConfig,
  type WeightManifestEntry,
} from './model-json';

import { parseTrainingConfig } from './training-config';

export type { ModelJson, SavedTrainingConfig, WeightManifestEntry };
export { MODEL_FORMAT, MODEL_FORMAT_VERSION, modelJsonOf };
/** Default `maxBytes`: 1 GiB of weights. */
export const DEFAULT_MAX_BYTES = 2 ** 30;

/** A whole checkpoint in memory, as every save/load handler exchanges it. */
export interface ModelArtifacts {
  /** The parsed `model.json`. */
  modelJson: ModelJson;
  /** Little-endian float32 weight values laid out as `modelJson.weightsManifest` says. */
  weights: ArrayBuffer;
}

/**
 * Artifacts as read from an untrusted source: `modelJson` may still be the raw
 * JSON text and `weights` any byte view (e.g. a Node `Buffer`).
 */
export interface RawModelArtifacts {
  /** `model.json`, parsed or as text. */
  modelJson: ModelJson | string | unknown;
  /** The weight bytes. */
  weights: ArrayBuffer | ArrayBufferView;
  /** Where each part was read from (file paths, file names), for error messages. */
  sources?: {
    /** Where `model.json` came from. */
    modelJson?: string;
    /** Where the weights came from. */
    weights?: string;
  };
}

/**
 * Options of `fromArtifacts` and `loadModel`. `maxParams` (default 100 M) and
 * `maxActivationElements` (default 2^28) bound the model the topology asks
 * for, checked before anything is allocated (see `planTopology`).
 */
export interface LoadOptions extends ModelLimits {
  /**
   * Largest total weight size accepted, in bytes, checked against the manifest
   * (and file sizes) before anything is allocated. Default 1 GiB.
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
 * float32 buffer, plus `training` when the model is compiled. `saveModel`
 * adds the CRC-32 of every weight (`withWeightChecksums`) before storing them.
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
 * Parses and validates `model.json` text (or an already parsed object): bounded
 * JSON (`parseJson` / `checkJsonValue`: size, depth, finite numbers), the
 * `format`, the `version`, the topology's shape, every manifest entry
 * (dimensions, element counts, byte lengths, checksum field, total against
 * `maxBytes`) and the `training` section (`parseTrainingConfig`). Allocates no
 * tensor. `where` names the file in messages. Throws a `SerializationError`.
 */
export function parseModelJson(json: unknown, options: LoadOptions = {}, where = 'model.json'): ModelJson {
  const maxBytes = checkMaxBytes(options.maxBytes);
  let value = json;
  if (typeof json === 'string') value = parseJson(json, where);
  else checkJsonValue(json, where);
  if (!isRecord(value)) throw new SerializationError(`${where} must be a JSON object`);
  if (!('format' in value)) throw new SerializationError(`${where} has no 'format' field (expected '${MODEL_FORMAT}')`);
  if (value.format !== MODEL_FORMAT) {
    throw new SerializationError(`${where} has unknown format ${preview(value.format)} (expected '${MODEL_FORMAT}')`);
  }
  if (value.version !== MODEL_FORMAT_VERSION) {
    throw new SerializationError(
      `Unsupported convkit-model version ${preview(value.version)}: this convkit reads version ${MODEL_FORMAT_VERSION}`,
    );
  }
  const topology = value.topology;
  if (!isRecord(topology) || typeof topology.className !== 'string' || !isRecord(topology.config)) {
    throw new SerializationError(`${where} 'topology' must be { className, config }`);
  }
  if (topology.className !== 'Sequential' && topology.className !== 'Model') {
    throw new SerializationError(
      `${where} topology has unknown model class '${topology.className.slice(0, 100)}' (expected 'Sequential' or 'Model')`,
    );
  }
  if (!Array.isArray(value.weightsManifest))
    throw new SerializationError(`${where} 'weightsManifest' must be an array`);
  const names = new Set<string>();
  let total = 0;
  const manifest = value.weightsManifest.map((raw, i) => {
    const entry = checkManifestEntry(raw, i);
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
  const training = value.training === undefined ? undefined : parseTrainingConfig(value.training, where);
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
 * Rebuilds a model from artifacts (see the module comment for the checks).
 * The model gets the saved weights; it is not compiled — the saved compile
 * settings are in `savedTrainingConfig`. Throws a `SerializationError`, with
 * no tensor leaked and nothing half-assigned, when the artifacts are invalid.
 */
export function fromArtifacts(artifacts: RawModelArtifacts | ModelArtifacts, options: LoadOptions = {}): LoadedModel {
  if (!isRecord(artifacts)) throw new SerializationError('Model artifacts must be { modelJson, weights }');
  const sources = isRecord(artifacts.sources) ? artifacts.sources : {};
  const jsonName = typeof sources.modelJson === 'string' ? sources.modelJson : 'model.json';
  const weightsName = typeof sources.weights === 'string' ? sources.weights : 'weights.bin';
  const modelJson = parseModelJson(artifacts.modelJson, options, jsonName);
  const bytes = toBytes(artifacts.weights);
  const maxBytes = checkMaxBytes(options.maxBytes);
  if (bytes.byteLength > maxBytes) {
    throw new SerializationError(`Weight buffer of ${bytes.byteLength} bytes exceeds maxBytes = ${maxBytes}`);
  }
  const manifest = modelJson.weightsManifest;
  checkWeightLayout(manifest, bytes.byteLength);
  verifyWeightChecksums(manifest, bytes, weightsName);

  // Size the topology before building it; one that needs more parameters than
  // the file holds cannot match it, so it is refused before anything is allocated.
  const limits: PlanOptions = {
    maxParams: options.maxParams,
    maxActivationElements: options.maxActivationElements,
    where: jsonName,
  };
  const plan = planTopology(modelJson.topology, limits);
  const storedParams = manifest.reduce((n, e) => n + e.byteLength / 4, 0);
  if (plan.params > storedParams) {
    matchManifest(manifest, plan.weights, jsonName);
    throw new SerializationError(
      `${jsonName} topology needs ${plan.params} parameters but its weights (${weightsName}) hold ${storedParams}; the topology does not match the weights`,
    );
  }
  const model = modelFromConfig(modelJson.topology, { ...limits, storedParams });
  const tensors: Tensor[] = [];
  try {
    const weights = model.weights;
    matchManifest(manifest, weights, jsonName);
    const values = manifest.map((e) => decode(bytes, e));
    if (!options.allowNonFinite) {
      manifest.forEach((e, i) => {
        const bad = values[i].findIndex((v) => !Number.isFinite(v));
        if (bad >= 0) {
          throw new SerializationError(
            `Weight '${e.name}' holds a non-finite value (${values[i][bad]} at flat index ${bad}) in ${weightsName}; pass allowNonFinite: true to load it anyway`,
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

/**
 * A new model with the architecture of `topology` (`model.toConfig()`) and
 * freshly initialised weights. The topology is untrusted: it is validated and
 * sized without allocating (`planTopology`) and refused past
 * `options.maxParams` (default 100 M) or `options.maxActivationElements`.
 * Throws a `SerializationError` when the topology cannot be rebuilt; nothing
 * is left allocated then.
 *
 * @example
 * const fresh = modelFromConfig(model.toConfig());
 * const big = modelFromConfig(trustedTopology, { maxParams: 500e6 });
 */
export function modelFromConfig(topology: Serialized, options: PlanOptions = {}): LayersModel {
  resolveLimits(options); // a bad limit is the caller's ConfigError, not a corrupt config
  const plan = { ...options, where: options.where ?? 'model config' };
  const t = topology as unknown;
  if (!isRecord(t) || !isRecord(t.config) || (t.className !== 'Sequential' && t.className !== 'Model')) {
    planTopology(t, plan); // throws, saying what is wrong with it
    throw new SerializationError(`${plan.where} 'topology' must be { className: 'Sequential' | 'Model', config }`);
  }
  // `fromConfig` validates and sizes the config (`planTopology`) before building anything.
  try {
    return topology.className === 'Sequential'
      ? Sequential.fromConfig(topology.config, plan)
      : Model.fromConfig(topology.config, plan);
  } catch (e) {
    if (e instanceof SerializationError) throw e;
    throw new SerializationError(`${plan.where} topology could not be rebuilt: ${(e as Error)?.message ?? String(e)}`, {
      cause: e,
    });
  }
}

/**
 * A copy of `model`: same architecture, copies of its weight values (new
 * variables, so training one does not change the other), not compiled. The
 * model is trusted: no size limit applies.
 */
export function cloneModel<M extends LayersModel>(model: M): M {
  const copy = modelFromConfig(model.toConfig(), {
    maxParams: Number.POSITIVE_INFINITY,
    maxActivationElements: Number.POSITIVE_INFINITY,
  });
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

/** The manifest names and shapes the weights of the model, one by one, in order. */
function matchManifest(
  manifest: readonly WeightManifestEntry[],
  weights: readonly { name: string; shape: readonly number[] }[],
  jsonName: string,
): void {
  if (weights.length !== manifest.length) {
    throw new SerializationError(
      `${jsonName} lists ${manifest.length} weights but its topology builds ${weights.length} (${weights.map((w) => w.name).join(', ')})`,
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
