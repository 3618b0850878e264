/**
 * The TensorFlow.js Layers format in memory: a `model.json`
 * (`{ format: 'layers-model', modelTopology, weightsManifest }`) and the
 * weight bytes, to and from a convkit model.
 *
 * Loading validates everything before it reads or allocates: bounded JSON,
 * the topology (every layer class and option mapped by `keras-config.ts`,
 * sized by `planTopology` against `maxParams`), the manifest (shapes, dtypes,
 * total against `maxBytes`); then the caller's `readGroup` fetches each weight
 * group, whose byte count must match the manifest exactly; the weights are
 * repacked into a convkit checkpoint and loaded by `fromArtifacts` (checked
 * values, nothing leaked on failure). Every failure is a `SerializationError`.
 */
import { SerializationError } from '@convkit/core';
import { preview } from '../../engine/preview';
import type { LayersModel } from '../layers-model';
import { planTopology } from '../topology-plan';
import { DEFAULT_MAX_BYTES, fromArtifacts, type LoadedModel, type LoadOptions, toArtifacts } from './artifacts';
import { checkJsonValue, parseJson } from './json';
import { MODEL_FORMAT, MODEL_FORMAT_VERSION } from './model-json';
import { convkitTopologyToTfjs, tfjsTopologyToConvkit } from './tfjs-topology';
import { concatBytes, parseTfjsManifest, repackTfjsWeights, type TfjsManifest } from './tfjs-weights';

/** Value of `format` in a TensorFlow.js Layers `model.json`. */
export const TFJS_LAYERS_FORMAT = 'layers-model';
/** The single weight file `saveModel(…, { format: 'tfjs' })` writes. */
export const TFJS_WEIGHTS_FILE = 'group1-shard1of1.bin';

/** A TensorFlow.js Layers `model.json`, as convkit writes it. */
export interface TfjsModelJson {
  /** `'layers-model'`. */
  format: typeof TFJS_LAYERS_FORMAT;
  /** `'convkit'`. */
  generatedBy: string;
  /** Always null (no converter involved). */
  convertedBy: null;
  /** Keras-style `{ class_name, config, keras_version, backend }`. */
  modelTopology: Record<string, unknown>;
  /** One group: `{ paths: ['group1-shard1of1.bin'], weights: [{ name, shape, dtype }] }`. */
  weightsManifest: {
    /** Shard file names. */
    paths: string[];
    /** The weights stored in the shards, in order. */
    weights: { name: string; shape: number[]; dtype: 'float32' }[];
  }[];
}

/** A TensorFlow.js model in memory: `model.json` and the bytes of its single weight group. */
export interface TfjsArtifacts {
  /** The `model.json` object. */
  modelJson: TfjsModelJson;
  /** Little-endian float32 weights, in `weightsManifest[0].weights` order. */
  weights: ArrayBuffer;
}

/**
 * What `tf.io` handlers exchange (`tf.io.withSaveHandler`, `tf.io.fromMemory`):
 * the topology, the weight specs of a single group and its bytes.
 */
export interface TfjsMemoryArtifacts {
  /** Keras-style `{ class_name, config }`. */
  modelTopology: unknown;
  /** `[{ name, shape, dtype }]`. */
  weightSpecs: unknown;
  /** The weight bytes. */
  weightData: ArrayBuffer | ArrayBufferView;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function toBytes(data: unknown, where: string): Uint8Array {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw new SerializationError(`${where} weight data must be an ArrayBuffer or a byte view, got ${preview(data)}`);
}

/** The parsed parts of a TensorFlow.js `model.json`, checked before any weight is read. */
export interface TfjsModelPlan {
  /** The convkit topology. */
  topology: ReturnType<typeof tfjsTopologyToConvkit>;
  /** The validated weights manifest. */
  manifest: TfjsManifest;
  /** The weights the topology builds, in `model.weights` order. */
  planned: { name: string; shape: number[] }[];
}

/**
 * Parses and checks a TensorFlow.js `model.json` (text or object) without
 * reading weights or allocating: topology, manifest, and the model's size
 * against `options` (`maxParams`, `maxActivationElements`, `maxBytes`).
 *
 * @throws {SerializationError} when the file is not a loadable TensorFlow.js Layers model.
 * @internal
 */
export function planTfjsModel(json: unknown, options: LoadOptions = {}, where = 'model.json'): TfjsModelPlan {
  const value = typeof json === 'string' ? parseJson(json, where) : json;
  if (typeof json !== 'string') checkJsonValue(value, where);
  if (!isRecord(value)) throw new SerializationError(`${where} must be a JSON object`);
  if (Object.hasOwn(value, 'format') && value.format === MODEL_FORMAT) {
    throw new SerializationError(
      `${where} is a convkit checkpoint, not a TensorFlow.js model: load its folder with loadModel(folder)`,
    );
  }
  if (Object.hasOwn(value, 'format') && value.format !== undefined && value.format !== TFJS_LAYERS_FORMAT) {
    throw new SerializationError(
      `${where} has format ${preview(value.format)}; only TensorFlow.js Layers models ('${TFJS_LAYERS_FORMAT}') can be loaded (graph models are not supported)`,
    );
  }
  if (!Object.hasOwn(value, 'modelTopology')) {
    throw new SerializationError(`${where} has no 'modelTopology': it is not a TensorFlow.js Layers model.json`);
  }
  const topology = tfjsTopologyToConvkit(value.modelTopology, where);
  const manifest = parseTfjsManifest(
    Object.hasOwn(value, 'weightsManifest') ? value.weightsManifest : [],
    options.maxBytes ?? DEFAULT_MAX_BYTES,
    where,
  );
  const plan = planTopology(topology, {
    maxParams: options.maxParams,
    maxActivationElements: options.maxActivationElements,
    where,
  });
  return { topology, manifest, planned: plan.weights.map((w) => ({ name: w.name, shape: [...w.shape] })) };
}

/**
 * Builds the convkit model of a checked plan from its weight groups' bytes
 * (`groups[i]` is group `i`'s shards concatenated).
 *
 * @internal
 */
export function modelFromTfjsPlan(
  plan: TfjsModelPlan,
  groups: readonly Uint8Array[],
  options: LoadOptions = {},
  where = 'model.json',
): LoadedModel {
  const { entries, buffer } = repackTfjsWeights(plan.manifest, groups, plan.planned, where);
  return fromArtifacts(
    {
      modelJson: {
        format: MODEL_FORMAT,
        version: MODEL_FORMAT_VERSION,
        generatedBy: 'tfjs',
        topology: plan.topology,
        weightsManifest: entries,
      },
      weights: buffer,
      sources: { modelJson: where, weights: `the weight shards of ${where}` },
    },
    options,
  );
}

/**
 * A convkit model from a TensorFlow.js Layers model held in memory: either
 * what `tf.io` handlers exchange (`{ modelTopology, weightSpecs, weightData }`,
 * e.g. from `tf.io.withSaveHandler`), or `{ modelJson, weights }` with a
 * single weight group. Validated as a file would be; not compiled.
 *
 * @param artifacts - The model in memory.
 * @param options - `maxBytes`, `maxParams`, `maxActivationElements`, `allowNonFinite`, as for `loadModel`.
 * @returns The model, with the stored weights.
 * @throws {SerializationError} for a layer class or option convkit lacks, or invalid or mismatched weights.
 *
 * @example
 * ```ts
 * const artifacts = await new Promise((resolve) => tfModel.save(tf.io.withSaveHandler(async (a) => { resolve(a); return { modelArtifactsInfo: {} }; })));
 * const model = fromTfjsArtifacts(artifacts);
 * ```
 */
export function fromTfjsArtifacts(
  artifacts: TfjsMemoryArtifacts | TfjsArtifacts,
  options: LoadOptions = {},
): LoadedModel {
  if (!isRecord(artifacts)) throw new SerializationError('TensorFlow.js artifacts must be an object');
  const where = 'TensorFlow.js artifacts';
  if (Object.hasOwn(artifacts, 'modelJson')) {
    const a = artifacts as unknown as TfjsArtifacts;
    const plan = planTfjsModel(a.modelJson, options, where);
    if (plan.manifest.groups.length > 1) {
      throw new SerializationError(`${where}: several weight groups need their own files; use loadModel(path)`);
    }
    return modelFromTfjsPlan(plan, plan.manifest.groups.length ? [toBytes(a.weights, where)] : [], options, where);
  }
  const a = artifacts as TfjsMemoryArtifacts;
  const json = {
    format: TFJS_LAYERS_FORMAT,
    modelTopology: a.modelTopology,
    weightsManifest: [{ paths: ['weights.bin'], weights: a.weightSpecs ?? [] }],
  };
  const plan = planTfjsModel(json, options, where);
  return modelFromTfjsPlan(plan, [toBytes(a.weightData, where)], options, where);
}

/**
 * The TensorFlow.js Layers form of `model`: a `model.json` object that
 * `tf.loadLayersModel` (tfjs-layers 4.x) reads, and one weight buffer
 * (`group1-shard1of1.bin`). Reads the weights with one async read each.
 *
 * @param model - A built model whose layers all have a TensorFlow.js equivalent.
 * @returns The `model.json` object and the weight bytes.
 * @throws {SerializationError} naming a layer or activation TensorFlow.js has no equivalent of.
 */
export async function toTfjsArtifacts(model: LayersModel): Promise<TfjsArtifacts> {
  const modelTopology = convkitTopologyToTfjs(model.toConfig());
  const { modelJson, weights } = await toArtifacts(model);
  return {
    modelJson: {
      format: TFJS_LAYERS_FORMAT,
      generatedBy: 'convkit',
      convertedBy: null,
      modelTopology,
      weightsManifest: [
        {
          paths: [TFJS_WEIGHTS_FILE],
          weights: modelJson.weightsManifest.map((e) => ({ name: e.name, shape: [...e.shape], dtype: 'float32' })),
        },
      ],
    },
    weights,
  };
}

export { concatBytes };
