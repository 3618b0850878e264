/**
 * Keras layer configs (`{ class_name, config }` with snake_case options, as
 * Keras 3 `config.json` and the `model_config` of a Keras 2 `.h5` write them)
 * → convkit layers. The translation is the one table shared with the
 * TensorFlow.js format (`../keras-config.ts`): any class it lacks, or an
 * option convkit cannot honour (channels_first, causal padding, grouped
 * convolutions, …), is refused with a `SerializationError` naming the layer,
 * so a model never loads computing something else than in Keras. Only own
 * keys are read, and a config holding a `__proto__`, `constructor` or
 * `prototype` key is refused outright.
 */
import { ConvkitError, SerializationError, type Shape } from '@convkit/core';
import type { Layer } from '../../../engine/layer';
import { deserializeLayer } from '../../../layers/registry';
import { KERAS_CLASS_LIST, kerasLayerToConvkit } from '../keras-config';

/** One entry of a Keras `layers` list, mapped. */
export interface KerasLayerMapping {
  /** Keras's name for the layer (also convkit's, and the key of its weights in the file). */
  readonly name: string;
  /** The Keras class name. */
  readonly className: string;
  /** The convkit class name. */
  readonly convkitClassName: string;
  /** The convkit layer; `undefined` for an `InputLayer`, which only carries the input shape. */
  readonly layer?: Layer;
  /** `batch_shape` / `batch_input_shape` of the entry, when it has one. */
  readonly batchInputShape?: Shape;
}

/**
 * Keras class names the Keras loaders map (also listed in the docs): the
 * classes of the shared table, under their Keras names.
 */
export const KERAS_LAYER_CLASSES: readonly string[] = KERAS_CLASS_LIST;

/** Keys that would reach an object's prototype if a careless reader honoured them. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A plain JSON object (own keys only are read). */
export type JsonObject = Record<string, unknown>;

/** True for a non-null, non-array object. */
export function isJsonObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Walks parsed JSON and refuses any object key that names a prototype
 * (`__proto__`, `constructor`, `prototype`). Iterative, visiting each value once.
 *
 * @throws {SerializationError} naming the key's path.
 */
export function refusePrototypeKeys(value: unknown, where: string): void {
  const stack: { v: unknown; path: string }[] = [{ v: value, path: '' }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        stack.push({ v: item, path: `${path}[${i}]` });
      });
    } else if (isJsonObject(v)) {
      for (const key of Object.keys(v)) {
        if (PROTOTYPE_KEYS.has(key)) {
          throw new SerializationError(
            `${where} has a '${key}' key at ${path || 'its top level'}; refusing a prototype key`,
          );
        }
        stack.push({ v: v[key], path: `${path}.${key}` });
      }
    }
  }
}

/** Own property `key` of `o`, or `undefined`. */
export function own(o: JsonObject, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

/** A layer name that is safe as an HDF5 group name: letters, digits, `_`, `.`, `-`. */
export function isKerasLayerName(v: unknown): v is string {
  return typeof v === 'string' && /^[\w.-]{1,200}$/.test(v) && v !== '.' && v !== '..';
}

/**
 * Maps one entry of a Keras `layers` list through the shared table, and
 * builds the convkit layer (no weights yet).
 *
 * @param raw - `{ class_name, config }`.
 * @param where - Names the entry in messages, e.g. `config.json layers[3]`.
 * @throws {SerializationError} for an unsupported class or option, naming the layer.
 */
export function mapKerasLayer(raw: unknown, where: string): KerasLayerMapping {
  const mapped = kerasLayerToConvkit(raw, where);
  const what = `${where} layer '${mapped.name}' (${mapped.kerasClassName})`;
  if (!isKerasLayerName(mapped.name))
    throw new SerializationError(`${what} has no valid name (letters, digits, _ . -)`);
  const batchInputShape = mapped.batchInputShape ? checkBatchShape(mapped.batchInputShape, what) : undefined;
  let layer: Layer | undefined;
  if (mapped.className !== 'InputLayer') {
    try {
      layer = deserializeLayer({ className: mapped.className, config: mapped.config });
    } catch (e) {
      if (e instanceof SerializationError) throw e;
      const msg = e instanceof ConvkitError || e instanceof Error ? e.message : String(e);
      throw new SerializationError(`${what}: ${msg}`, { cause: e });
    }
  }
  return {
    name: mapped.name,
    className: mapped.kerasClassName,
    convkitClassName: mapped.className,
    ...(layer ? { layer } : {}),
    ...(batchInputShape ? { batchInputShape } : {}),
  };
}

/** `batch_shape` / `batch_input_shape`: `[batch, ...known dims]` → `[null, ...dims]`. */
function checkBatchShape(v: (number | null)[], what: string): Shape {
  if (v.length < 2 || v.slice(1).some((d) => d === null)) {
    throw new SerializationError(
      `${what}: its input shape ${JSON.stringify(v)} must have known positive dimensions after the batch`,
    );
  }
  return [null, ...(v.slice(1) as number[])];
}
