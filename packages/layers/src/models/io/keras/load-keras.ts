/**
 * `loadKerasModel`: a Keras 3 `.keras` file or a Keras 2 / legacy `.h5` file
 * → a convkit `Sequential` (Keras `Sequential`) or functional `Model` (Keras
 * `Functional`: DAGs with Add / Concatenate and several inbound edges) with
 * Keras's weights. Everything is validated
 * before the model is built: the config (own keys only, no prototype keys,
 * only the supported layers), every weight's shape against what the layer
 * needs (so no size in the file decides an allocation), the values (finite).
 * Any failure is a `SerializationError`, and nothing is left allocated.
 */
import { ConfigError, dispose, formatShape, SerializationError, type Shape, type Tensor, tensor } from '@convkit/core';
import type { Layer } from '../../../engine/layer';
import type { Serialized } from '../../../engine/types';
import { Model } from '../../functional';
import { Sequential } from '../../sequential';
import { planTopology } from '../../topology-plan';
import { DEFAULT_MAX_BYTES } from '../artifacts';
import { parseJson } from '../json';
import { kerasExtraWeights, kerasWeightNames } from '../keras-config';
import { checkWeightShape, MAX_WEIGHT_ELEMENTS } from '../manifest';
import { tfjsTopologyToConvkit } from '../tfjs-topology';
import { attributes, groupAt, type Hdf5File, openHdf5, readFloatDataset } from './hdf5-file';
import { type KerasSource, kerasFileKind, readKerasSource, unzipKeras } from './keras-archive';
import {
  isJsonObject,
  isKerasLayerName,
  type KerasLayerMapping,
  mapKerasLayer,
  own,
  refusePrototypeKeys,
} from './keras-layers';

export type { KerasSource } from './keras-archive';

/** Options of {@link loadKerasModel}. */
export interface LoadKerasOptions {
  /**
   * Largest file (and largest inflated `model.weights.h5`) accepted, in bytes.
   *
   * @defaultValue `DEFAULT_MAX_BYTES` (2^30, 1 GiB), as for convkit's own format
   */
  maxBytes?: number;
}

/** One layer with the weights it needs: name and shape of each, from the layer itself. */
interface PlannedLayer {
  readonly mapping: Pick<KerasLayerMapping, 'name' | 'className' | 'convkitClassName'>;
  readonly weights: readonly { readonly name: string; readonly shape: number[] }[];
}

/** Reads the values of one layer's weights, in the layer's order. */
type WeightReader = (planned: PlannedLayer) => Float32Array[];

/**
 * Loads a Keras model saved by Keras 3 (`model.save('m.keras')`) or in the
 * legacy HDF5 format (`model.save('m.h5')`, Keras 2 or 3) as a convkit
 * `Sequential` (a Keras `Sequential`) or functional `Model` (a Keras
 * `Functional` model: one input, one output, any DAG of layer calls between,
 * e.g. residual blocks with `Add` or branches joined by `Concatenate`),
 * weights included, ready for `predict` (or `compile` and `fit`).
 *
 * Supported layers (`KERAS_LAYER_CLASSES`, the table shared with the
 * TensorFlow.js format): `InputLayer`, `Conv2D`, `DepthwiseConv2D`,
 * `SeparableConv2D`, `Dense`, `MaxPooling2D`, `AveragePooling2D`,
 * `GlobalAveragePooling2D`, `GlobalMaxPooling2D`, `BatchNormalization`,
 * `Dropout`, `Flatten`, `Reshape`, `Rescaling`, `Activation`, `ReLU`,
 * `LeakyReLU`, `ELU`, `Softmax`, `Add` and `Concatenate`, in `channels_last`.
 * Anything else (another layer class, a nested model, several inputs or
 * outputs, `channels_first`, causal padding, …) is refused with a
 * `SerializationError` naming the layer and the option.
 *
 * @example
 * ```ts
 * import { loadKerasModel } from '@convkit/layers/keras';
 *
 * const model = await loadKerasModel('course_cnn.keras'); // or the bytes of the file
 * const probs = model.predict(images); // images: [n, h, w, c], as in Keras
 * ```
 *
 * @param source - A file path (Node), or the file's bytes (`Uint8Array` / `ArrayBuffer`, e.g. from `fetch`).
 * @param options - `maxBytes`.
 * @returns The model; dispose it with `model.dispose()` when done.
 * @throws {SerializationError} when the file is corrupt, truncated, too large, or uses something convkit does not load.
 * @throws {ConfigError} for invalid options, or a path given in a browser.
 */
export async function loadKerasModel(source: KerasSource, options: LoadKerasOptions = {}): Promise<Sequential | Model> {
  if (options === null || typeof options !== 'object')
    throw new ConfigError('loadKerasModel: options must be an object');
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) {
    throw new ConfigError(`loadKerasModel: maxBytes must be a positive integer, received ${String(options.maxBytes)}`);
  }
  const { bytes, name } = await readKerasSource(source, maxBytes);
  if (kerasFileKind(bytes, name) === 'keras') {
    const archive = unzipKeras(bytes, name, maxBytes);
    if (archive.metadata !== undefined)
      refusePrototypeKeys(parseJson(archive.metadata, `metadata.json in ${name}`), `metadata.json in ${name}`);
    const config = parseJson(archive.config, `config.json in ${name}`);
    const h5 = openHdf5(archive.weights, `model.weights.h5 in ${name}`);
    return buildModel(config, `config.json in ${name}`, kerasV3Reader(h5));
  }
  const h5 = openHdf5(bytes, name);
  const attrs = attributes(h5, h5.root, 'the root group');
  const text = own(attrs, 'model_config');
  if (typeof text !== 'string') {
    throw new SerializationError(
      `${name} has no 'model_config' attribute: it holds weights only (save_weights), not a model; save it with model.save()`,
    );
  }
  return buildModel(parseJson(text, `the model_config of ${name}`), `the model_config of ${name}`, legacyH5Reader(h5));
}

/**
 * Keras's `to_snake_case` of a class name (`Conv2D` → `conv2d`,
 * `BatchNormalization` → `batch_normalization`, `ReLU` → `re_lu`).
 */
export function kerasSnakeCase(name: string): string {
  return name
    .replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/**
 * Keras 3 `model.weights.h5`: a Sequential's layers are stored in order under
 * `layers/<class in snake case>[_<n>]` (`dense`, `dense_1`, … counted per
 * class, whatever the layers' own names), each with `vars/<i>` in the layer's
 * weight order and the layer's name in the `name` attribute of `vars`.
 */
function kerasV3Reader(h5: Hdf5File): WeightReader {
  const used = new Map<string, number>();
  return ({ mapping, weights }) => {
    const base = kerasSnakeCase(mapping.className);
    const n = used.get(base);
    used.set(base, n === undefined ? 0 : n + 1);
    const path = `layers/${n === undefined ? base : `${base}_${n + 1}`}/vars`;
    const vars = groupAt(h5, h5.root, path);
    if (!vars) {
      if (weights.length === 0) return [];
      throw new SerializationError(
        `${h5.name} has no weights for layer '${mapping.name}' (${mapping.className}): no group ${path}`,
      );
    }
    const stored = own(attributes(h5, vars, path), 'name');
    if (stored !== undefined && stored !== mapping.name) {
      throw new SerializationError(
        `${h5.name} stores the weights of layer ${JSON.stringify(stored)} at ${path}, where config.json expects layer '${mapping.name}' (${mapping.className}): the weights do not belong to this config`,
      );
    }
    const count = vars.keys.length;
    const extra = weights.length > 0 ? kerasExtraWeights(mapping.convkitClassName).length : 0;
    if (count !== weights.length + extra) {
      throw new SerializationError(
        `${h5.name} holds ${count} weights for layer '${mapping.name}' (${mapping.className}) at ${path}, the layer has ${weights.length}`,
      );
    }
    return weights.map((w, i) =>
      readFloatDataset(h5, vars, String(i), w.shape, `weight '${w.name}' of layer '${mapping.name}'`),
    );
  };
}

/** Legacy `.h5`: `model_weights/<name>` lists its datasets in the `weight_names` attribute. */
function legacyH5Reader(h5: Hdf5File): WeightReader {
  const root = groupAt(h5, h5.root, 'model_weights');
  if (!root) throw new SerializationError(`${h5.name} has no 'model_weights' group: the model's weights are missing`);
  return ({ mapping, weights }) => {
    const group = groupAt(h5, root, mapping.name);
    if (!group)
      throw new SerializationError(
        `${h5.name} has no weights for layer '${mapping.name}' (no group model_weights/${mapping.name})`,
      );
    const names = own(attributes(h5, group, `model_weights/${mapping.name}`), 'weight_names');
    const all = names === undefined ? [] : names;
    if (!Array.isArray(all) || !all.every((n) => typeof n === 'string')) {
      throw new SerializationError(
        `model_weights/${mapping.name} in ${h5.name} has an invalid 'weight_names' attribute`,
      );
    }
    const skipped = kerasExtraWeights(mapping.convkitClassName);
    const shortName = (path: string) => path.split('/').pop()!.replace(/:\d+$/, '');
    const list = all.filter((n) => !skipped.includes(shortName(n as string)));
    if (list.length !== weights.length) {
      throw new SerializationError(
        `${h5.name} holds ${list.length} weights for layer '${mapping.name}' (${mapping.className}), the layer has ${weights.length}`,
      );
    }
    return weights.map((w, i) => {
      const path = list[i] as string;
      // 'course_cnn/conv2d/kernel' (Keras 3) or 'conv2d/kernel:0' (Keras 2): the last part names the weight.
      const short = shortName(path);
      const accepted = kerasWeightNames(mapping.convkitClassName, w.name);
      if (!accepted.includes(short)) {
        throw new SerializationError(
          `Weight #${i} of layer '${mapping.name}' in ${h5.name} is '${path}', expected the layer's '${accepted.join("' or '")}' there`,
        );
      }
      return readFloatDataset(h5, group, path, w.shape, `weight '${w.name}' of layer '${mapping.name}'`);
    });
  };
}

/** The `layers` list and name of a Keras `Sequential` config. */
function sequentialConfig(
  config: unknown,
  where: string,
): { name: string; layers: unknown[]; buildInputShape?: unknown } {
  const inner = own(config as Record<string, unknown>, 'config');
  // Keras ≤ 2.2 wrote the layer list itself as the config.
  if (Array.isArray(inner)) return { name: 'sequential', layers: inner };
  if (!isJsonObject(inner)) throw new SerializationError(`${where} has no 'config' object`);
  const layers = own(inner, 'layers');
  if (!Array.isArray(layers)) throw new SerializationError(`${where} has no 'layers' list`);
  const rawName = own(inner, 'name');
  const name = typeof rawName === 'string' && /^[\w.-]{1,200}$/.test(rawName) ? rawName : 'sequential';
  return { name, layers, buildInputShape: own(inner, 'build_input_shape') };
}

/** `[null, ...positive ints]` from a `build_input_shape`, or `undefined`. */
function buildShape(raw: unknown): Shape | undefined {
  if (!Array.isArray(raw) || raw.length < 2) return undefined;
  const dims = raw.slice(1);
  return dims.every((d) => Number.isInteger(d) && d >= 1) ? [null, ...(dims as number[])] : undefined;
}

function buildModel(config: unknown, where: string, read: WeightReader): Sequential | Model {
  refusePrototypeKeys(config, where);
  if (!isJsonObject(config)) throw new SerializationError(`${where} is not a JSON object`);
  const className = own(config, 'class_name');
  if (className === 'Functional' || className === 'Model') return buildFunctional(config, where, read);
  if (className !== 'Sequential') {
    const kind = typeof className === 'string' ? `a '${className.slice(0, 100)}' model` : 'no model class';
    throw new SerializationError(
      `${where} describes ${kind}; loadKerasModel loads Keras Sequential and Functional models only`,
    );
  }
  return buildSequential(config, where, read);
}

function buildSequential(config: Record<string, unknown>, where: string, read: WeightReader): Sequential {
  const seq = sequentialConfig(config, where);
  const mapped = seq.layers.map((raw, i) => mapKerasLayer(raw, `${where} layers[${i}]`));
  const inputShape = mapped.find((m) => m.batchInputShape)?.batchInputShape ?? buildShape(seq.buildInputShape);
  if (!inputShape)
    throw new SerializationError(`${where}: the model has no input shape (no InputLayer nor batch_input_shape)`);
  const withLayers = mapped.filter((m): m is KerasLayerMapping & { layer: Layer } => m.layer !== undefined);
  if (withLayers.length === 0) throw new SerializationError(`${where}: the model has no layers besides its input`);
  const names = new Set<string>();
  for (const m of withLayers) {
    if (names.has(m.name)) throw new SerializationError(`${where}: two layers are named '${m.name}'`);
    names.add(m.name);
  }

  // Shapes first, from the layers themselves: nothing is allocated yet.
  const plan: (PlannedLayer & { readonly layer: Layer })[] = [];
  let shape: Shape = inputShape;
  checkActivation(shape, `${where}: the input`);
  for (const m of withLayers) {
    const what = `layer '${m.name}' (${m.className})`;
    try {
      const weights = m.layer
        .weightSpecs(shape)
        .map((s) => ({ name: s.name, shape: checkWeightShape(s.shape, `weight '${s.name}' of ${what}`) }));
      shape = m.layer.computeOutputShape(shape) as Shape;
      plan.push({ mapping: m, layer: m.layer, weights });
    } catch (e) {
      if (e instanceof SerializationError) throw e;
      throw new SerializationError(
        `${where}: ${what} cannot take inputs of shape ${formatShape(shape)}: ${(e as Error).message}`,
        {
          cause: e,
        },
      );
    }
    checkActivation(shape, `${where}: the output of ${what}`);
  }
  const total = plan.reduce((n, p) => n + p.weights.reduce((k, w) => k + w.shape.reduce((a, b) => a * b, 1), 0), 0);
  if (total > MAX_WEIGHT_ELEMENTS) {
    throw new SerializationError(
      `${where}: the model has ${total} weight values, more than 2^28; refusing to allocate them`,
    );
  }

  // Then the values, all of them, checked against those shapes.
  const values = plan.map((p) => read(p));

  // Only now the model: building it allocates exactly the planned weights.
  const model = new Sequential({ name: seq.name });
  const tensors: Tensor[] = [];
  try {
    for (const p of plan) model.add(p.layer);
    model.build(inputShape.slice(1) as number[]);
    plan.forEach((p, i) => {
      if (p.weights.length === 0) return;
      const ts = p.weights.map((w, j) => tensor(values[i][j], w.shape, 'float32'));
      tensors.push(...ts);
      p.layer.setWeights(ts);
    });
  } catch (e) {
    dispose(tensors);
    model.dispose();
    throw e instanceof SerializationError
      ? e
      : new SerializationError(`${where}: could not build the model: ${(e as Error).message}`, { cause: e });
  }
  dispose(tensors);
  return model;
}

/**
 * A Keras `Functional` model: the graph goes through the TensorFlow.js
 * topology reader (Keras 2 and Keras 3 `inbound_nodes`), is sized by
 * `planTopology` without allocating, the weights are read layer by layer in
 * the file's order and checked against the planned shapes, and only then is
 * the `Model` built and given them.
 */
function buildFunctional(config: Record<string, unknown>, where: string, read: WeightReader): Model {
  const inner = own(config, 'config');
  const rawLayers = isJsonObject(inner) ? own(inner, 'layers') : undefined;
  // Names become HDF5 paths: checked before anything else reads them.
  if (Array.isArray(rawLayers)) {
    rawLayers.forEach((l, i) => {
      const c = isJsonObject(l) ? own(l, 'config') : undefined;
      const name = isJsonObject(c) ? own(c, 'name') : undefined;
      if (!isKerasLayerName(name)) {
        throw new SerializationError(
          `${where} layers[${i}]: layer ${JSON.stringify(name)?.slice(0, 200)} has no valid name (letters, digits, _ . -)`,
        );
      }
    });
  }
  const topology = tfjsTopologyToConvkit(config, where) as Serialized & { config: Record<string, unknown> };
  const layers = topology.config.layers as Serialized[];
  const plan = planTopology(topology, { where });
  const byLayer = new Map<string, { name: string; shape: number[] }[]>();
  for (const w of plan.weights) {
    const at = w.name.lastIndexOf('/');
    const layer = w.name.slice(0, at);
    byLayer.set(layer, [...(byLayer.get(layer) ?? []), { name: w.name.slice(at + 1), shape: w.shape }]);
  }
  const planned: PlannedLayer[] = layers.map((l, i) => {
    const name = (l.config as Record<string, unknown>).name as string;
    const kerasClass = own((rawLayers as Record<string, unknown>[])[i], 'class_name') as string;
    return {
      mapping: { name, className: kerasClass, convkitClassName: l.className },
      weights: byLayer.get(name) ?? [],
    };
  });
  const values = planned.map((p) => read(p));

  let model: Model;
  try {
    model = Model.fromConfig(topology.config, { where });
  } catch (e) {
    throw e instanceof SerializationError
      ? e
      : new SerializationError(`${where}: could not build the model: ${(e as Error).message}`, { cause: e });
  }
  const tensors: Tensor[] = [];
  try {
    const built = new Map(model.layers.map((l) => [l.name, l]));
    planned.forEach((p, i) => {
      if (p.weights.length === 0) return;
      const layer = built.get(p.mapping.name);
      if (!layer) throw new SerializationError(`${where}: layer '${p.mapping.name}' is not used by the model`);
      const ts = p.weights.map((w, j) => tensor(values[i][j], w.shape, 'float32'));
      tensors.push(...ts);
      layer.setWeights(ts);
    });
  } catch (e) {
    dispose(tensors);
    model.dispose();
    throw e instanceof SerializationError
      ? e
      : new SerializationError(`${where}: could not set the weights: ${(e as Error).message}`, { cause: e });
  }
  dispose(tensors);
  return model;
}

/** One sample's activation (without the batch) must have at most 2^28 elements. */
function checkActivation(shape: Shape, what: string): void {
  const n = shape.slice(1).reduce<number>((a, d) => a * (d ?? 1), 1);
  if (n > MAX_WEIGHT_ELEMENTS) {
    throw new SerializationError(
      `${what} has shape ${formatShape(shape)}: ${n} values per sample, more than 2^28; refusing it`,
    );
  }
}
