/**
 * One layer's Keras-style configuration (`{ class_name, config }` with
 * snake_case keys, as TensorFlow.js Layers `model.json` and Keras files store
 * it) to and from a convkit layer's `{ className, config }`.
 *
 * Only what changes the forward pass or the weights is read: initializers,
 * regularizers and constraints are irrelevant once weights are loaded and are
 * dropped. Options convkit cannot honour (`data_format: 'channels_first'`,
 * `groups > 1`, an activation it lacks, a layer class it has no equivalent
 * of) are refused with a `SerializationError` naming the layer and the option.
 * Keys are read with own-property checks only, so `__proto__`/`constructor`
 * keys in a file are never honoured.
 */
import { SerializationError } from '@convkit/core';
import { preview } from '../../engine/preview';
import type { Serialized } from '../../engine/types';
import { kerasClassName, LAYER_ALIASES } from '../../layers/aliases';

/** A layer as Keras / TensorFlow.js serialise it. */
export interface KerasLayerJson {
  /** Keras class name, e.g. `'Conv2D'`, `'MaxPooling2D'`. */
  class_name: string;
  /** snake_case options. */
  config: Record<string, unknown>;
}

/**
 * convkit classes that have a TensorFlow.js Layers equivalent, read and
 * written in the tfjs format. Their Keras names (and the other spellings
 * Keras and TensorFlow.js accept) come from the layer aliases
 * (`layers/aliases.ts`), the one table of them.
 */
const TFJS_CLASSES: readonly string[] = [
  'InputLayer',
  'Conv2D',
  'DepthwiseConv2D',
  'SeparableConv2D',
  'Dense',
  'MaxPool2D',
  'AvgPool2D',
  'GlobalAvgPool2D',
  'GlobalMaxPool2D',
  'BatchNormalization',
  'Dropout',
  'Flatten',
  'Reshape',
  'Activation',
  'ReLU',
  'LeakyReLU',
  'ELU',
  'Softmax',
  'Add',
  'Concatenate',
];

/** convkit class name → the Keras class name written in a TensorFlow.js `model.json`. */
export const CONVKIT_TO_KERAS: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(TFJS_CLASSES.map((c) => [c, kerasClassName(c)])),
);

/**
 * Keras class name → convkit class name, for every class that can be
 * imported: the Keras names, convkit's own names, and the other aliases.
 */
export const KERAS_TO_CONVKIT: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries([
    ...TFJS_CLASSES.flatMap((c) => [
      [kerasClassName(c), c],
      [c, c],
    ]),
    ...Object.entries(LAYER_ALIASES)
      .filter(([, cls]) => TFJS_CLASSES.includes(cls.className))
      .map(([alias, cls]) => [alias, cls.className]),
  ]),
);

/** Keras activation name → convkit activation name. */
const ACTIVATIONS_IN: ReadonlyMap<string, string> = new Map([
  ['linear', 'linear'],
  ['relu', 'relu'],
  ['relu6', 'relu6'],
  ['elu', 'elu'],
  ['selu', 'selu'],
  ['sigmoid', 'sigmoid'],
  ['hard_sigmoid', 'hardSigmoid'],
  ['tanh', 'tanh'],
  ['softmax', 'softmax'],
  ['softplus', 'softplus'],
  ['softsign', 'softsign'],
  ['swish', 'swish'],
  ['silu', 'silu'],
]);

/** convkit activation name → the name TensorFlow.js Layers 4.x understands. */
const ACTIVATIONS_OUT: ReadonlyMap<string, string> = new Map([
  ['linear', 'linear'],
  ['relu', 'relu'],
  ['relu6', 'relu6'],
  ['elu', 'elu'],
  ['selu', 'selu'],
  ['sigmoid', 'sigmoid'],
  ['hardSigmoid', 'hard_sigmoid'],
  ['tanh', 'tanh'],
  ['softmax', 'softmax'],
  ['softplus', 'softplus'],
  ['softsign', 'softsign'],
  ['swish', 'swish'],
  ['silu', 'swish'],
]);

function own(o: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads one layer's Keras options, failing with messages that name the layer. */
class KerasOptions {
  constructor(
    readonly c: Record<string, unknown>,
    readonly where: string,
  ) {}

  fail(msg: string): never {
    throw new SerializationError(`${this.where}: ${msg}`);
  }

  has(key: string): boolean {
    const v = own(this.c, key);
    return v !== undefined && v !== null;
  }

  raw(key: string): unknown {
    return own(this.c, key);
  }

  num(key: string, dflt?: number): number | undefined {
    const v = own(this.c, key);
    if (v === undefined || v === null) return dflt;
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(`'${key}' must be a number, got ${preview(v)}`);
    return v;
  }

  bool(key: string, dflt: boolean): boolean {
    const v = own(this.c, key);
    if (v === undefined || v === null) return dflt;
    if (typeof v !== 'boolean') this.fail(`'${key}' must be a boolean, got ${preview(v)}`);
    return v;
  }

  /** An int or a pair of ints → `[a, b]`. */
  pair(key: string, dflt?: [number, number]): [number, number] | undefined {
    const v = own(this.c, key);
    if (v === undefined || v === null) return dflt;
    const ok = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x > 0;
    if (ok(v)) return [v, v];
    if (Array.isArray(v) && v.length === 2 && ok(v[0]) && ok(v[1])) return [v[0], v[1]];
    return this.fail(`'${key}' must be a positive integer or a pair of them, got ${preview(v)}`);
  }

  /** `[null | n, ...]`: a batch shape with positive integer dimensions after the first. */
  shape(key: string): (number | null)[] | undefined {
    const v = own(this.c, key);
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || v.length > 8)
      this.fail(`'${key}' must be a list of at most 8 dimensions, got ${preview(v)}`);
    return v.map((d, i) => {
      if (i === 0 && d === null) return null;
      if (typeof d !== 'number' || !Number.isSafeInteger(d) || d <= 0) {
        return this.fail(`'${key}' must hold positive integers (null only for the batch), got ${preview(v)}`);
      }
      return d;
    });
  }

  padding(): 'valid' | 'same' {
    const v = own(this.c, 'padding') ?? 'valid';
    if (v !== 'valid' && v !== 'same') this.fail(`padding ${preview(v)} is not supported (only 'valid' and 'same')`);
    return v;
  }

  channelsLast(): void {
    const v = own(this.c, 'data_format');
    if (v === undefined || v === null || v === 'channels_last') return;
    this.fail(
      `data_format ${preview(v)} is not supported: convkit layers are channels_last (NHWC); convert the model with data_format 'channels_last'`,
    );
  }

  activation(key = 'activation'): string {
    const v = own(this.c, key) ?? 'linear';
    const name = typeof v === 'string' ? ACTIVATIONS_IN.get(v) : undefined;
    if (!name) {
      this.fail(
        `activation ${preview(v)} has no convkit equivalent (supported: ${[...ACTIVATIONS_IN.keys()].join(', ')})`,
      );
    }
    return name;
  }
}

/** Options every layer carries: `name` and `trainable`. */
function base(o: KerasOptions, name: string): Record<string, unknown> {
  return { name, trainable: o.bool('trainable', true) };
}

function convCommon(o: KerasOptions): Record<string, unknown> {
  o.channelsLast();
  const groups = o.num('groups', 1);
  if (groups !== 1) o.fail(`groups = ${groups} is not supported (only 1)`);
  return {
    kernelSize: o.pair('kernel_size') ?? o.fail("'kernel_size' is missing"),
    strides: o.pair('strides', [1, 1]),
    padding: o.padding(),
    dilationRate: o.pair('dilation_rate', [1, 1]),
    useBias: o.bool('use_bias', true),
    activation: o.activation(),
  };
}

function positiveInt(o: KerasOptions, key: string, dflt?: number): number {
  const v = o.num(key, dflt);
  if (v === undefined || !Number.isSafeInteger(v) || v <= 0)
    o.fail(`'${key}' must be a positive integer, got ${preview(o.raw(key))}`);
  return v;
}

/** The layer-specific part of a convkit config, by convkit class name. */
const READERS: Readonly<Record<string, (o: KerasOptions) => Record<string, unknown>>> = {
  InputLayer: () => ({}),
  Conv2D: (o) => ({ filters: positiveInt(o, 'filters'), ...convCommon(o) }),
  DepthwiseConv2D: (o) => ({ depthMultiplier: positiveInt(o, 'depth_multiplier', 1), ...convCommon(o) }),
  SeparableConv2D: (o) => ({
    filters: positiveInt(o, 'filters'),
    depthMultiplier: positiveInt(o, 'depth_multiplier', 1),
    ...convCommon(o),
  }),
  Dense: (o) => ({ units: positiveInt(o, 'units'), activation: o.activation(), useBias: o.bool('use_bias', true) }),
  MaxPool2D: pooling,
  AvgPool2D: pooling,
  GlobalAvgPool2D: globalPooling,
  GlobalMaxPool2D: globalPooling,
  BatchNormalization: (o) => {
    let axis = o.raw('axis') ?? -1;
    if (Array.isArray(axis) && axis.length === 1) axis = axis[0];
    if (axis !== -1 && axis !== 3)
      o.fail(`axis ${preview(o.raw('axis'))} is not supported (only the channel axis, -1)`);
    return {
      axis: -1,
      momentum: o.num('momentum', 0.99),
      epsilon: o.num('epsilon', 1e-3),
      center: o.bool('center', true),
      scale: o.bool('scale', true),
    };
  },
  Dropout: (o) => {
    if (o.has('noise_shape')) o.fail("'noise_shape' is not supported");
    return { rate: o.num('rate', 0) };
  },
  Flatten: (o) => {
    o.channelsLast();
    return {};
  },
  Reshape: (o) => {
    const t = o.raw('target_shape');
    if (
      !Array.isArray(t) ||
      t.length > 8 ||
      t.some((d) => typeof d !== 'number' || !Number.isSafeInteger(d) || (d <= 0 && d !== -1))
    ) {
      o.fail(`'target_shape' must be a list of positive integers (one may be -1), got ${preview(t)}`);
    }
    return { targetShape: [...(t as number[])] };
  },
  Activation: (o) => ({ activation: o.activation() }),
  ReLU: (o) => ({
    maxValue: o.num('max_value') ?? null,
    negativeSlope: o.num('negative_slope', 0),
    threshold: o.num('threshold', 0),
  }),
  // tfjs and Keras 2 call the slope `alpha`; Keras 3 `negative_slope`. Both default to 0.3.
  LeakyReLU: (o) => ({ alpha: o.num('alpha') ?? o.num('negative_slope', 0.3) }),
  ELU: (o) => ({ alpha: o.num('alpha', 1) }),
  Softmax: (o) => {
    let axis = o.raw('axis') ?? -1;
    if (Array.isArray(axis) && axis.length === 1) axis = axis[0];
    if (typeof axis !== 'number' || !Number.isSafeInteger(axis))
      o.fail(`axis ${preview(o.raw('axis'))} must be one integer`);
    return { axis };
  },
  Add: () => ({}),
  Concatenate: (o) => ({ axis: o.num('axis', -1) }),
};

function pooling(o: KerasOptions): Record<string, unknown> {
  o.channelsLast();
  const poolSize = o.pair('pool_size', [2, 2]) as [number, number];
  return { poolSize, strides: o.pair('strides') ?? poolSize, padding: o.padding() };
}

function globalPooling(o: KerasOptions): Record<string, unknown> {
  o.channelsLast();
  return { keepDims: o.bool('keepdims', false) };
}

/**
 * The convkit `{ className, config }` of a Keras-style layer. `name` is the
 * layer's name (checked by the caller); `where` names it in messages. The
 * batch input shape (`batch_input_shape`, Keras 3 `batch_shape`) is returned
 * apart, as `batchInputShape`, for the caller to place.
 *
 * @throws {SerializationError} for a class without a convkit equivalent, or an option convkit cannot honour.
 * @internal
 */
export function kerasLayerToConvkit(
  layer: unknown,
  where: string,
): { className: string; name: string; config: Record<string, unknown>; batchInputShape?: (number | null)[] } {
  if (!isRecord(layer)) throw new SerializationError(`${where} must be an object { class_name, config }`);
  const cls = own(layer, 'class_name');
  if (typeof cls !== 'string') throw new SerializationError(`${where} has no string 'class_name'`);
  const className = Object.hasOwn(KERAS_TO_CONVKIT, cls) ? KERAS_TO_CONVKIT[cls] : undefined;
  if (!className) {
    throw new SerializationError(
      `${where}: layer class '${cls.slice(0, 100)}' has no convkit equivalent and cannot be loaded (supported: ${Object.keys(KERAS_TO_CONVKIT).join(', ')})`,
    );
  }
  const config = own(layer, 'config');
  if (!isRecord(config)) throw new SerializationError(`${where} (${cls}) has no 'config' object`);
  const name = own(config, 'name') ?? own(layer, 'name');
  if (typeof name !== 'string' || name.length === 0 || name.length > 200) {
    throw new SerializationError(
      `${where} (${cls}) needs a 'name' string of 1 to 200 characters, got ${preview(name)}`,
    );
  }
  const o = new KerasOptions(config, `layer '${name}' (${cls})`);
  const dtype = o.raw('dtype');
  if (dtype !== undefined && dtype !== null && dtype !== 'float32' && !isRecord(dtype)) {
    o.fail(`dtype ${preview(dtype)} is not supported (only float32)`);
  }
  const out = { ...base(o, name), ...READERS[className](o) };
  const batchInputShape = o.shape('batch_input_shape') ?? o.shape('batch_shape');
  return batchInputShape ? { className, name, config: out, batchInputShape } : { className, name, config: out };
}

/**
 * The Keras-style `{ class_name, config }` of a convkit layer config (as
 * `layer.toConfig()` gives it), as TensorFlow.js Layers 4.x reads it.
 *
 * @throws {SerializationError} for a layer or an activation TensorFlow.js has no equivalent of.
 * @internal
 */
export function convkitLayerToKeras(layer: Serialized): KerasLayerJson {
  const cls = layer.className;
  const c = layer.config as Record<string, unknown>;
  const keras = Object.hasOwn(CONVKIT_TO_KERAS, cls) ? CONVKIT_TO_KERAS[cls] : undefined;
  const where = `layer '${String(c.name)}' (${cls})`;
  if (!keras) {
    throw new SerializationError(
      `${where} has no TensorFlow.js Layers equivalent; it cannot be saved in the tfjs format (supported: ${Object.keys(CONVKIT_TO_KERAS).join(', ')})`,
    );
  }
  const act = (key = 'activation'): string => {
    const name = ACTIVATIONS_OUT.get(String(c[key] ?? 'linear'));
    if (!name) throw new SerializationError(`${where}: activation ${preview(c[key])} has no TensorFlow.js equivalent`);
    return name;
  };
  const out: Record<string, unknown> = { name: c.name, trainable: c.trainable ?? true, dtype: 'float32' };
  const conv = (): void => {
    Object.assign(out, {
      kernel_size: c.kernelSize,
      strides: c.strides,
      padding: c.padding,
      data_format: 'channels_last',
      dilation_rate: c.dilationRate,
      activation: act(),
      use_bias: c.useBias,
    });
  };
  switch (cls) {
    case 'Conv2D':
      out.filters = c.filters;
      conv();
      break;
    case 'DepthwiseConv2D':
      out.depth_multiplier = c.depthMultiplier;
      conv();
      break;
    case 'SeparableConv2D':
      out.filters = c.filters;
      out.depth_multiplier = c.depthMultiplier;
      conv();
      break;
    case 'Dense':
      Object.assign(out, { units: c.units, activation: act(), use_bias: c.useBias });
      break;
    case 'MaxPool2D':
    case 'AvgPool2D':
      Object.assign(out, {
        pool_size: c.poolSize,
        strides: c.strides,
        padding: c.padding,
        data_format: 'channels_last',
      });
      break;
    case 'GlobalAvgPool2D':
    case 'GlobalMaxPool2D':
      if (c.keepDims) throw new SerializationError(`${where}: keepDims is not supported by TensorFlow.js Layers`);
      out.data_format = 'channels_last';
      break;
    case 'BatchNormalization':
      Object.assign(out, { axis: c.axis, momentum: c.momentum, epsilon: c.epsilon, center: c.center, scale: c.scale });
      break;
    case 'Dropout':
      out.rate = c.rate;
      break;
    case 'Flatten':
      out.data_format = 'channels_last';
      break;
    case 'Reshape':
      out.target_shape = c.targetShape;
      break;
    case 'Activation':
      out.activation = act();
      break;
    case 'ReLU':
      if ((c.negativeSlope ?? 0) !== 0 || (c.threshold ?? 0) !== 0) {
        throw new SerializationError(`${where}: negativeSlope and threshold are not supported by TensorFlow.js Layers`);
      }
      out.max_value = c.maxValue ?? null;
      break;
    case 'LeakyReLU':
      out.alpha = c.alpha;
      break;
    case 'ELU':
      // tfjs-layers 4.x throws for any other alpha.
      if (c.alpha !== 1)
        throw new SerializationError(
          `${where}: alpha ${preview(c.alpha)} is not supported by TensorFlow.js Layers (only 1)`,
        );
      out.alpha = 1;
      break;
    case 'Softmax':
      out.axis = c.axis;
      break;
    case 'Concatenate':
      out.axis = c.axis;
      break;
  }
  return { class_name: keras, config: out };
}
