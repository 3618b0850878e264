/**
 * Keras layer configs (`{ class_name, config }` with snake_case options, as
 * Keras 3 `config.json` and the `model_config` of a Keras 2 `.h5` write them)
 * → convkit layers, for the layers of course-style CNNs and MLPs. Any other
 * class, or an option convkit cannot honour (channels_first, causal padding,
 * grouped convolutions, …), is refused with a `SerializationError` naming the
 * layer, so a model never loads computing something else than in Keras.
 * Only own keys are read, and a config holding a `__proto__`, `constructor`
 * or `prototype` key is refused outright.
 */
import { ConvkitError, SerializationError, type Shape } from '@convkit/core';
import type { Layer } from '../../../engine/layer';
import { Activation } from '../../../layers/activation';
import { AvgPool2D } from '../../../layers/avg-pool2d';
import { BatchNormalization } from '../../../layers/batch-normalization';
import { Conv2D } from '../../../layers/conv2d';
import { Dense } from '../../../layers/dense';
import { Dropout } from '../../../layers/dropout';
import { Flatten } from '../../../layers/flatten';
import { GlobalAvgPool2D } from '../../../layers/global-avg-pool2d';
import { MaxPool2D } from '../../../layers/max-pool2d';
import { ReLU } from '../../../layers/relu';
import { Softmax } from '../../../layers/softmax';

/** One entry of a Keras `layers` list, mapped. */
export interface KerasLayerMapping {
  /** Keras's name for the layer (also convkit's, and the key of its weights in the file). */
  readonly name: string;
  /** The Keras class name. */
  readonly className: string;
  /** The convkit layer; `undefined` for an `InputLayer`, which only carries the input shape. */
  readonly layer?: Layer;
  /** `batch_shape` / `batch_input_shape` of the entry, when it has one. */
  readonly batchInputShape?: Shape;
}

/** Keras class names this loader maps (also listed in the docs). */
export const KERAS_LAYER_CLASSES: readonly string[] = [
  'InputLayer',
  'Conv2D',
  'Dense',
  'MaxPooling2D',
  'AveragePooling2D',
  'GlobalAveragePooling2D',
  'BatchNormalization',
  'Dropout',
  'Flatten',
  'Activation',
  'ReLU',
  'Softmax',
];

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

/** Reads the options of one Keras layer, naming it in every message. */
class Options {
  constructor(
    readonly config: JsonObject,
    readonly what: string,
  ) {}

  fail(message: string): never {
    throw new SerializationError(`${this.what}: ${message}`);
  }

  get(key: string): unknown {
    return own(this.config, key);
  }

  int(key: string, fallback?: number): number {
    const v = this.get(key) ?? fallback;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
      this.fail(`'${key}' must be a positive integer, received ${JSON.stringify(v)}`);
    }
    return v;
  }

  num(key: string, fallback: number): number {
    const v = this.get(key) ?? fallback;
    if (typeof v !== 'number' || !Number.isFinite(v))
      this.fail(`'${key}' must be a finite number, received ${JSON.stringify(v)}`);
    return v;
  }

  bool(key: string, fallback: boolean): boolean {
    const v = this.get(key) ?? fallback;
    if (typeof v !== 'boolean') this.fail(`'${key}' must be true or false, received ${JSON.stringify(v)}`);
    return v;
  }

  /** An int or a list of two ints (Keras's `kernel_size`, `strides`, `pool_size`). */
  pair(key: string, fallback?: [number, number]): [number, number] {
    const v = this.get(key) ?? fallback;
    const list = typeof v === 'number' ? [v, v] : v;
    if (!Array.isArray(list) || list.length !== 2 || !list.every((d) => Number.isInteger(d) && d >= 1)) {
      this.fail(`'${key}' must be a positive integer or a list of two, received ${JSON.stringify(v)}`);
    }
    return [list[0], list[1]];
  }

  padding(): 'valid' | 'same' {
    const v = this.get('padding') ?? 'valid';
    if (v !== 'valid' && v !== 'same')
      this.fail(`padding ${JSON.stringify(v)} is not supported (only 'valid' and 'same')`);
    return v;
  }

  channelsLast(): void {
    const v = this.get('data_format');
    if (v === undefined || v === null || v === 'channels_last') return;
    this.fail(
      `data_format ${JSON.stringify(v)} is not supported: convkit computes in channels_last (NHWC); re-save the model with data_format='channels_last'`,
    );
  }

  /** `activation`: a name, or Keras 3's `{ class_name: 'function', config: name }`. */
  activation(): string {
    const v = this.get('activation') ?? 'linear';
    if (typeof v === 'string') return v;
    if (isJsonObject(v) && typeof own(v, 'config') === 'string') return own(v, 'config') as string;
    this.fail(`activation ${JSON.stringify(v)?.slice(0, 200)} is not a built-in activation name`);
  }

  /** Options convkit has no equivalent for must keep their neutral value. */
  neutral(key: string, ok: (v: unknown) => boolean, meaning: string): void {
    const v = this.get(key);
    if (v !== undefined && !ok(v)) this.fail(`'${key}' ${JSON.stringify(v)} is not supported (${meaning})`);
  }
}

const isNull = (v: unknown) => v === null;
const isOne = (v: unknown) => v === 1 || (Array.isArray(v) && v.every((d) => d === 1));

/** `batch_shape` / `batch_input_shape`: `[null, positive ints...]`. */
function batchShapeOf(o: Options): Shape | undefined {
  const v = o.get('batch_shape') ?? o.get('batch_input_shape');
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.length < 2)
    o.fail(`its input shape must be a list [batch, ...dims], received ${JSON.stringify(v)}`);
  const [batch, ...dims] = v;
  if (batch !== null && !(Number.isInteger(batch) && batch >= 1))
    o.fail(`invalid batch size ${JSON.stringify(batch)} in its input shape`);
  if (!dims.every((d) => Number.isInteger(d) && d >= 1)) {
    o.fail(`its input shape ${JSON.stringify(v)} must have known positive dimensions after the batch`);
  }
  return [null, ...(dims as number[])];
}

type Builder = (o: Options, base: { name: string; trainable: boolean }) => Layer | undefined;

/** The builders, by Keras class name. A `Map`, so only these names resolve. */
const BUILDERS = new Map<string, Builder>([
  ['InputLayer', () => undefined],
  [
    'Conv2D',
    (o, base) => {
      o.channelsLast();
      o.neutral('groups', isOne, 'grouped convolutions');
      o.neutral('lora_rank', isNull, 'LoRA adapters');
      o.neutral('quantization_config', isNull, 'quantized weights');
      return new Conv2D({
        ...base,
        filters: o.int('filters'),
        kernelSize: o.pair('kernel_size'),
        strides: o.pair('strides', [1, 1]),
        padding: o.padding(),
        dilationRate: o.pair('dilation_rate', [1, 1]),
        activation: o.activation(),
        useBias: o.bool('use_bias', true),
      });
    },
  ],
  [
    'Dense',
    (o, base) => {
      o.neutral('lora_rank', isNull, 'LoRA adapters');
      o.neutral('quantization_config', isNull, 'quantized weights');
      return new Dense({
        ...base,
        units: o.int('units'),
        activation: o.activation(),
        useBias: o.bool('use_bias', true),
      });
    },
  ],
  ['MaxPooling2D', (o, base) => pooling(MaxPool2D, o, base)],
  ['AveragePooling2D', (o, base) => pooling(AvgPool2D, o, base)],
  [
    'GlobalAveragePooling2D',
    (o, base) => {
      o.channelsLast();
      return new GlobalAvgPool2D({ ...base, keepDims: o.bool('keepdims', false) });
    },
  ],
  [
    'BatchNormalization',
    (o, base) => {
      o.neutral('renorm', (v) => v === false, 'batch renormalisation');
      o.neutral('virtual_batch_size', isNull, 'ghost batch normalisation');
      const raw = o.get('axis') ?? -1;
      const axis = Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
      if (typeof axis !== 'number' || !Number.isInteger(axis))
        o.fail(`axis ${JSON.stringify(raw)} must be one integer`);
      return new BatchNormalization({
        ...base,
        axis,
        momentum: o.num('momentum', 0.99),
        epsilon: o.num('epsilon', 1e-3),
        center: o.bool('center', true),
        scale: o.bool('scale', true),
      });
    },
  ],
  [
    'Dropout',
    (o, base) => {
      o.neutral('noise_shape', isNull, 'a noise_shape');
      return new Dropout({ ...base, rate: o.num('rate', 0) });
    },
  ],
  [
    'Flatten',
    (o, base) => {
      o.channelsLast();
      return new Flatten(base);
    },
  ],
  ['Activation', (o, base) => new Activation({ ...base, activation: o.activation() })],
  [
    'ReLU',
    (o, base) => {
      const max = o.get('max_value');
      if (max !== undefined && max !== null && (typeof max !== 'number' || !Number.isFinite(max))) {
        o.fail(`max_value ${JSON.stringify(max)} must be a number or null`);
      }
      return new ReLU({
        ...base,
        maxValue: (max as number | null | undefined) ?? null,
        negativeSlope: o.num('negative_slope', 0),
        threshold: o.num('threshold', 0),
      });
    },
  ],
  ['Softmax', (o, base) => new Softmax({ ...base, axis: o.num('axis', -1) })],
]);

function pooling(
  Cls: typeof MaxPool2D | typeof AvgPool2D,
  o: Options,
  base: { name: string; trainable: boolean },
): Layer {
  o.channelsLast();
  const poolSize = o.pair('pool_size', [2, 2]);
  const strides = o.get('strides') === null ? poolSize : o.pair('strides', poolSize);
  return new Cls({ ...base, poolSize, strides, padding: o.padding() });
}

/**
 * Maps one entry of a Keras `layers` list.
 *
 * @param raw - `{ class_name, config }`.
 * @param index - Its position, for messages.
 * @throws {SerializationError} for an unsupported class or option, naming the layer.
 */
export function mapKerasLayer(raw: unknown, index: number): KerasLayerMapping {
  if (!isJsonObject(raw)) throw new SerializationError(`Keras layer #${index} is not an object`);
  const className = own(raw, 'class_name');
  const config = own(raw, 'config');
  if (typeof className !== 'string') throw new SerializationError(`Keras layer #${index} has no string 'class_name'`);
  if (!isJsonObject(config))
    throw new SerializationError(`Keras layer #${index} (${className.slice(0, 100)}) has no 'config' object`);
  const rawName = own(config, 'name');
  const name = typeof rawName === 'string' && /^[\w.-]{1,200}$/.test(rawName) ? rawName : undefined;
  const what = `Keras layer #${index} '${name ?? '?'}' (${className.slice(0, 100)})`;
  if (name === undefined) throw new SerializationError(`${what} has no valid name (letters, digits, _ . -)`);
  const build = BUILDERS.get(className);
  if (!build) {
    throw new SerializationError(
      `${what}: the Keras layer class '${className.slice(0, 100)}' is not supported by loadKerasModel (supported: ${KERAS_LAYER_CLASSES.join(', ')})`,
    );
  }
  const o = new Options(config, what);
  const batchInputShape = batchShapeOf(o);
  let layer: Layer | undefined;
  try {
    layer = build(o, { name, trainable: o.bool('trainable', true) });
  } catch (e) {
    if (e instanceof SerializationError) throw e;
    const msg = e instanceof ConvkitError || e instanceof Error ? e.message : String(e);
    throw new SerializationError(`${what}: ${msg}`, { cause: e });
  }
  return { name, className, layer, ...(batchInputShape ? { batchInputShape } : {}) };
}
