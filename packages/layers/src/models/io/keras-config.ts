/**
 * The one table of Keras layer classes convkit reads and writes, used by every
 * Keras-style format: TensorFlow.js Layers `model.json` (load and save),
 * Keras 3 `.keras` and legacy `.h5` (load). Each entry gives the convkit class,
 * the Keras class name, the config translation both ways, and the names Keras
 * gives the layer's weights, in the layer's weight order.
 *
 * Only what changes the forward pass or the weights is read: initializers,
 * regularizers and constraints are irrelevant once weights are loaded and are
 * dropped. Options convkit cannot honour (`data_format: 'channels_first'`,
 * `groups > 1`, an activation it lacks, LoRA or quantized Keras layers, a
 * layer class it has no equivalent of) are refused with a `SerializationError`
 * naming the layer and the option. Keys are read with own-property checks
 * only, so `__proto__`/`constructor` keys in a file are never honoured.
 */
import { SerializationError } from '@convkit/core';
import { preview } from '../../engine/preview';
import type { Serialized } from '../../engine/types';
import { kerasClassName, LAYER_ALIASES } from '../../layers/aliases';
import { ACTIVATIONS_OUT, isRecord, KerasOptions, ownKey } from './keras-options';

/** A layer as Keras / TensorFlow.js serialise it. */
export interface KerasLayerJson {
  /** Keras class name, e.g. `'Conv2D'`, `'MaxPooling2D'`. */
  class_name: string;
  /** snake_case options. */
  config: Record<string, unknown>;
}

/** Writes a convkit config's options in Keras form; `act` translates an activation, `fail` throws naming the layer. */
interface KerasWriter {
  c: Record<string, unknown>;
  act(key?: string): string;
  fail(msg: string): never;
}

/** One supported layer class. */
export interface KerasLayerEntry {
  /** convkit class name (the registry's). */
  readonly convkit: string;
  /** Keras / TensorFlow.js class name, as written in a `model.json`. */
  readonly keras: string;
  /** Keras options → the convkit options specific to the class (name and trainable are added by the caller). */
  readonly read: (o: KerasOptions) => Record<string, unknown>;
  /** convkit options → the Keras options specific to the class (name, trainable and dtype are added by the caller). */
  readonly write: (w: KerasWriter) => Record<string, unknown>;
  /**
   * The names Keras may give each weight, by convkit weight name, for the
   * classes where they differ (Keras 3 calls a `DepthwiseConv2D`'s kernel
   * `kernel`, TensorFlow.js and Keras 2 `depthwise_kernel`). Otherwise the
   * names are the same. The weight order is the layer's (`weightSpecs`),
   * which is Keras's: kernel, bias; gamma, beta, moving_mean, moving_variance;
   * depthwise_kernel, pointwise_kernel, bias.
   */
  readonly weightNames?: Readonly<Record<string, readonly string[]>>;
  /**
   * Weights Keras stores after the layer's own, which convkit does not use
   * (`Normalization`'s `count`); the Keras file readers skip them.
   */
  readonly kerasExtraWeights?: readonly string[];
  /**
   * Whether TensorFlow.js Layers 4.x has the class, so that the tfjs format can save it.
   *
   * @defaultValue `true`
   */
  readonly tfjs?: boolean;
}

const isNull = (v: unknown) => v === null;
const isOne = (v: unknown) => v === 1 || (Array.isArray(v) && v.every((d) => d === 1));

/** Keras 3 options that change what a layer computes and that convkit does not have. */
function noKeras3Extras(o: KerasOptions): void {
  o.neutral('lora_rank', isNull, 'LoRA adapters');
  o.neutral('quantization_config', isNull, 'quantized weights');
}

function convRead(o: KerasOptions): Record<string, unknown> {
  o.channelsLast();
  o.neutral('groups', isOne, 'grouped convolutions');
  noKeras3Extras(o);
  return {
    kernelSize: o.pair('kernel_size') ?? o.fail("'kernel_size' is missing"),
    strides: o.pair('strides', [1, 1]),
    padding: o.padding(),
    dilationRate: o.pair('dilation_rate', [1, 1]),
    useBias: o.bool('use_bias', true),
    activation: o.activation(),
  };
}

function convWrite({ c, act }: KerasWriter): Record<string, unknown> {
  return {
    kernel_size: c.kernelSize,
    strides: c.strides,
    padding: c.padding,
    data_format: 'channels_last',
    dilation_rate: c.dilationRate,
    activation: act(),
    use_bias: c.useBias,
  };
}

function poolingRead(o: KerasOptions): Record<string, unknown> {
  o.channelsLast();
  const poolSize = o.pair('pool_size', [2, 2]) as [number, number];
  return { poolSize, strides: o.pair('strides') ?? poolSize, padding: o.padding() };
}

function poolingWrite({ c }: KerasWriter): Record<string, unknown> {
  return { pool_size: c.poolSize, strides: c.strides, padding: c.padding, data_format: 'channels_last' };
}

function globalPoolingRead(o: KerasOptions): Record<string, unknown> {
  o.channelsLast();
  return { keepDims: o.bool('keepdims', false) };
}

function globalPoolingWrite({ c, fail }: KerasWriter): Record<string, unknown> {
  if (c.keepDims) fail('keepDims is not supported by TensorFlow.js Layers');
  return { data_format: 'channels_last' };
}

const nothing = (): Record<string, unknown> => ({});

/** A class whose name is the same in convkit and Keras. */
function entry(convkit: string, rest: Omit<KerasLayerEntry, 'convkit' | 'keras'>): KerasLayerEntry {
  return { convkit, keras: kerasClassName(convkit), ...rest };
}

/**
 * Every layer class the Keras-style formats support, in one table. Loading
 * accepts the Keras name, convkit's name and the other aliases
 * (`layers/aliases.ts`); saving writes the Keras name.
 */
export const KERAS_LAYER_TABLE: readonly KerasLayerEntry[] = Object.freeze([
  entry('InputLayer', { read: nothing, write: nothing }),
  entry('Conv2D', {
    read: (o) => ({ filters: o.positiveInt('filters'), ...convRead(o) }),
    write: (w) => ({ filters: w.c.filters, ...convWrite(w) }),
  }),
  entry('DepthwiseConv2D', {
    read: (o) => ({ depthMultiplier: o.positiveInt('depth_multiplier', 1), ...convRead(o) }),
    write: (w) => ({ depth_multiplier: w.c.depthMultiplier, ...convWrite(w) }),
    weightNames: { depthwise_kernel: ['depthwise_kernel', 'kernel'] },
  }),
  entry('SeparableConv2D', {
    read: (o) => ({
      filters: o.positiveInt('filters'),
      depthMultiplier: o.positiveInt('depth_multiplier', 1),
      ...convRead(o),
    }),
    write: (w) => ({ filters: w.c.filters, depth_multiplier: w.c.depthMultiplier, ...convWrite(w) }),
  }),
  entry('Dense', {
    read: (o) => {
      noKeras3Extras(o);
      return { units: o.positiveInt('units'), activation: o.activation(), useBias: o.bool('use_bias', true) };
    },
    write: ({ c, act }) => ({ units: c.units, activation: act(), use_bias: c.useBias }),
  }),
  entry('MaxPool2D', { read: poolingRead, write: poolingWrite }),
  entry('AvgPool2D', { read: poolingRead, write: poolingWrite }),
  entry('GlobalAvgPool2D', { read: globalPoolingRead, write: globalPoolingWrite }),
  entry('GlobalMaxPool2D', { read: globalPoolingRead, write: globalPoolingWrite }),
  entry('BatchNormalization', {
    read: (o) => {
      o.neutral('renorm', (v) => v === false, 'batch renormalisation');
      o.neutral('virtual_batch_size', isNull, 'ghost batch normalisation');
      const axis = o.axis(-1);
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
    write: ({ c }) => ({ axis: c.axis, momentum: c.momentum, epsilon: c.epsilon, center: c.center, scale: c.scale }),
  }),
  entry('Dropout', {
    read: (o) => {
      if (o.has('noise_shape')) o.fail("'noise_shape' is not supported");
      return { rate: o.num('rate', 0) };
    },
    write: ({ c }) => ({ rate: c.rate }),
  }),
  entry('Flatten', {
    read: (o) => {
      o.channelsLast();
      return {};
    },
    write: () => ({ data_format: 'channels_last' }),
  }),
  entry('Reshape', {
    read: (o) => {
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
    write: ({ c }) => ({ target_shape: c.targetShape }),
  }),
  entry('Rescaling', {
    read: (o) => {
      for (const key of ['scale', 'offset']) {
        if (Array.isArray(o.raw(key)))
          o.fail(`a per-channel '${key}' (a list) is not supported; only one number for all values`);
      }
      return { scale: o.num('scale') ?? o.fail("'scale' is missing"), offset: o.num('offset', 0) };
    },
    write: ({ c }) => ({ scale: c.scale, offset: c.offset }),
  }),
  entry('Normalization', {
    read: (o) => {
      const axis = o.axis(-1);
      if (axis !== -1) o.fail(`axis ${preview(o.raw('axis'))} is not supported (only the last axis, -1)`);
      const stats = (key: string): number | number[] | undefined => {
        const v = o.raw(key);
        if (v === undefined || v === null) return undefined;
        if (typeof v === 'number') return v;
        if (Array.isArray(v) && v.every((x) => typeof x === 'number')) return v as number[];
        return o.fail(`'${key}' must be a number or a list of numbers (one per feature), got ${preview(v)}`);
      };
      const mean = stats('mean');
      const variance = stats('variance');
      return {
        axis: -1,
        invert: o.bool('invert', false),
        ...(mean !== undefined && { mean }),
        ...(variance !== undefined && { variance }),
      };
    },
    write: ({ c }) => ({ axis: c.axis, invert: c.invert, mean: c.mean ?? null, variance: c.variance ?? null }),
    kerasExtraWeights: ['count'],
    tfjs: false,
  }),
  entry('Activation', { read: (o) => ({ activation: o.activation() }), write: ({ act }) => ({ activation: act() }) }),
  entry('ReLU', {
    read: (o) => ({
      maxValue: o.num('max_value') ?? null,
      negativeSlope: o.num('negative_slope', 0),
      threshold: o.num('threshold', 0),
    }),
    write: ({ c, fail }) => {
      if ((c.negativeSlope ?? 0) !== 0 || (c.threshold ?? 0) !== 0)
        fail('negativeSlope and threshold are not supported by TensorFlow.js Layers');
      return { max_value: c.maxValue ?? null };
    },
  }),
  // tfjs and Keras 2 call the slope `alpha`; Keras 3 `negative_slope`. Both default to 0.3.
  entry('LeakyReLU', {
    read: (o) => ({ alpha: o.num('alpha') ?? o.num('negative_slope', 0.3) }),
    write: ({ c }) => ({ alpha: c.alpha }),
  }),
  entry('ELU', {
    read: (o) => ({ alpha: o.num('alpha', 1) }),
    write: ({ c, fail }) => {
      // tfjs-layers 4.x throws for any other alpha.
      if (c.alpha !== 1) fail(`alpha ${preview(c.alpha)} is not supported by TensorFlow.js Layers (only 1)`);
      return { alpha: 1 };
    },
  }),
  entry('Softmax', { read: (o) => ({ axis: o.axis(-1) }), write: ({ c }) => ({ axis: c.axis }) }),
  entry('Add', { read: nothing, write: nothing }),
  entry('Concatenate', { read: (o) => ({ axis: o.num('axis', -1) }), write: ({ c }) => ({ axis: c.axis }) }),
]);

const BY_CONVKIT: ReadonlyMap<string, KerasLayerEntry> = new Map(KERAS_LAYER_TABLE.map((e) => [e.convkit, e]));

/** convkit class name → the Keras class name written in a TensorFlow.js `model.json`. */
export const CONVKIT_TO_KERAS: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(KERAS_LAYER_TABLE.map((e) => [e.convkit, e.keras])),
);

/**
 * Keras class name → convkit class name, for every class that can be
 * imported: the Keras names, convkit's own names, and the other aliases.
 */
export const KERAS_TO_CONVKIT: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries([
    ...KERAS_LAYER_TABLE.flatMap((e) => [
      [e.keras, e.convkit],
      [e.convkit, e.convkit],
    ]),
    ...Object.entries(LAYER_ALIASES)
      .filter(([, cls]) => BY_CONVKIT.has(cls.className))
      .map(([alias, cls]) => [alias, cls.className]),
  ]),
);

/** The Keras class names the formats read (one per supported class). */
export const KERAS_CLASS_LIST: readonly string[] = Object.freeze(KERAS_LAYER_TABLE.map((e) => e.keras));

/** Keras model classes: a layer of one of these classes is a nested model. */
const MODEL_CLASSES = new Set(['Sequential', 'Functional', 'Model']);

/**
 * The names Keras may give the weight convkit calls `weight` in a layer of
 * convkit class `className`, the first being what TensorFlow.js writes.
 *
 * @internal
 */
export function kerasWeightNames(className: string, weight: string): readonly string[] {
  const names = BY_CONVKIT.get(className)?.weightNames;
  return names && Object.hasOwn(names, weight) ? names[weight] : [weight];
}

/**
 * The weights Keras stores after the own weights of a layer of convkit class
 * `className` and that convkit skips (`Normalization`'s `count`).
 *
 * @internal
 */
export function kerasExtraWeights(className: string): readonly string[] {
  return BY_CONVKIT.get(className)?.kerasExtraWeights ?? [];
}

/** A Keras layer mapped to convkit. */
export interface ConvkitLayerFromKeras {
  /** convkit class name. */
  className: string;
  /** The Keras class name as the file wrote it. */
  kerasClassName: string;
  /** The layer name. */
  name: string;
  /** convkit options (`deserializeLayer({ className, config })` builds the layer). */
  config: Record<string, unknown>;
  /** `batch_input_shape` / Keras 3 `batch_shape`, when the layer has one. */
  batchInputShape?: (number | null)[];
}

/**
 * The convkit `{ className, config }` of a Keras-style layer. `where` names
 * it in messages. The batch input shape (`batch_input_shape`, Keras 3
 * `batch_shape`) is returned apart, as `batchInputShape`, for the caller to place.
 *
 * @throws {SerializationError} for a class without a convkit equivalent, a nested model, or an option convkit cannot honour.
 * @internal
 */
export function kerasLayerToConvkit(layer: unknown, where: string): ConvkitLayerFromKeras {
  if (!isRecord(layer)) throw new SerializationError(`${where} must be an object { class_name, config }`);
  const cls = ownKey(layer, 'class_name');
  if (typeof cls !== 'string') throw new SerializationError(`${where} has no string 'class_name'`);
  const config = ownKey(layer, 'config');
  const rawName = isRecord(config) ? (ownKey(config, 'name') ?? ownKey(layer, 'name')) : ownKey(layer, 'name');
  const shown = `layer ${typeof rawName === 'string' ? `'${rawName.slice(0, 100)}'` : '?'} (${cls.slice(0, 100)})`;
  if (MODEL_CLASSES.has(cls)) {
    throw new SerializationError(
      `${where} ${shown}: nested models are not supported (a ${cls} used as a layer); save the inner model's layers in the outer model instead`,
    );
  }
  const className = Object.hasOwn(KERAS_TO_CONVKIT, cls) ? KERAS_TO_CONVKIT[cls] : undefined;
  if (!className) {
    throw new SerializationError(
      `${where} ${shown}: layer class '${cls.slice(0, 100)}' has no convkit equivalent ('${cls.slice(0, 100)}' is not supported; supported: ${KERAS_CLASS_LIST.join(', ')})`,
    );
  }
  if (!isRecord(config)) throw new SerializationError(`${where} (${cls}) has no 'config' object`);
  const name = rawName;
  if (typeof name !== 'string' || name.length === 0 || name.length > 200) {
    throw new SerializationError(
      `${where} (${cls}) needs a 'name' string of 1 to 200 characters, got ${preview(name)}`,
    );
  }
  const o = new KerasOptions(config, `${where} layer '${name}' (${cls})`);
  const dtype = o.raw('dtype');
  const policy =
    isRecord(dtype) && isRecord(ownKey(dtype, 'config'))
      ? ownKey(ownKey(dtype, 'config') as Record<string, unknown>, 'name')
      : dtype;
  // Keras's mixed-precision policies keep float32 variables: convkit computes them in float32.
  const mixed = isRecord(dtype) && (policy === 'mixed_float16' || policy === 'mixed_bfloat16');
  if (policy !== undefined && policy !== null && policy !== 'float32' && !mixed) {
    o.fail(`dtype ${preview(policy)} is not supported (only float32, or a mixed_float16 / mixed_bfloat16 policy)`);
  }
  const entry = BY_CONVKIT.get(className) as KerasLayerEntry;
  const out = { name, trainable: o.bool('trainable', true), ...entry.read(o) };
  const batchInputShape = o.shape('batch_input_shape') ?? o.shape('batch_shape');
  const mapped: ConvkitLayerFromKeras = { className, kerasClassName: cls, name, config: out };
  if (batchInputShape) mapped.batchInputShape = batchInputShape;
  return mapped;
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
  const entry = BY_CONVKIT.get(cls);
  const where = `layer '${String(c.name)}' (${cls})`;
  if (!entry || entry.tfjs === false) {
    const supported = KERAS_LAYER_TABLE.filter((e) => e.tfjs !== false).map((e) => e.convkit);
    throw new SerializationError(
      `${where} has no TensorFlow.js Layers equivalent; it cannot be saved in the tfjs format (supported: ${supported.join(', ')})`,
    );
  }
  const fail = (msg: string): never => {
    throw new SerializationError(`${where}: ${msg}`);
  };
  const act = (key = 'activation'): string => {
    const name = ACTIVATIONS_OUT.get(String(c[key] ?? 'linear'));
    if (!name) fail(`activation ${preview(c[key])} has no TensorFlow.js equivalent`);
    return name as string;
  };
  const out = { name: c.name, trainable: c.trainable ?? true, dtype: 'float32', ...entry.write({ c, act, fail }) };
  return { class_name: entry.keras, config: out };
}
