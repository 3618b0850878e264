/**
 * int8 quantization: symmetric per-channel weights, asymmetric per-tensor
 * activations calibrated on data (min/max or a percentile), post-training
 * (`quantizeModel`) or learned during training with fake quantization and a
 * straight-through estimator (`prepareQat`).
 *
 * convkit simulates int8 arithmetic in float32: a quantized model's kernels
 * hold exactly `q × scale` (q an integer in [−127, 127]) and every quantized
 * layer output is rounded to one of 256 levels, so its predictions are the
 * ones an int8 engine computes (up to float rounding of the accumulation);
 * `encodeCompressed(model, { weights: 'int8' })` stores the kernels as int8
 * plus scales. Biases and batch-norm parameters stay float32 (int32 and folded
 * in int8 engines; they are a tiny fraction of the size).
 */
import {
  type Batch,
  type BatchSource,
  ConfigError,
  customGrad,
  dispose,
  ops,
  SerializationError,
  type Tensor,
  tensor,
  tidy,
} from '@convkit/core';
import { cloneModel, isTensor, type Layer, type LayersModel, type LayerWeight, sliceBatch } from '@convkit/layers';
import { kernelWeights } from './stats';

/** Largest int8 magnitude used for weights (symmetric range, −128 unused). */
export const INT8_MAX = 127;

/** The channel axis of a kernel's per-channel scales: the input channel for depthwise kernels, else the output. */
export function channelAxis(weight: LayerWeight): number {
  const last = weight.shape.length - 1;
  return /depthwise_kernel$/.test(weight.name) ? Math.max(0, last - 1) : last;
}

/** Per-channel symmetric scales `max|w_c| / 127` (1 for an all-zero channel). */
export function perChannelScales(values: Float32Array, shape: readonly number[], axis: number): Float32Array {
  const channels = shape[axis];
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const scales = new Float32Array(channels);
  for (let i = 0; i < values.length; i++) {
    const c = Math.floor(i / inner) % channels;
    const a = Math.abs(values[i]);
    if (a > scales[c]) scales[c] = a;
  }
  for (let c = 0; c < channels; c++) scales[c] = scales[c] > 0 ? scales[c] / INT8_MAX : 1;
  return scales;
}

/** Rounds half away from zero (as int8 converters do), unlike `Math.round`. */
function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

/** Quantizes `values` per channel: `q = clamp(round(v / scale_c), −127, 127)`. */
export function quantizePerChannel(
  values: Float32Array,
  shape: readonly number[],
  axis: number,
  scales: Float32Array = perChannelScales(values, shape, axis),
): {
  /** The int8 values. */
  q: Int8Array;
  /** One scale per channel. */
  scales: Float32Array;
} {
  const channels = shape[axis];
  if (scales.length !== channels) {
    throw new ConfigError(`quantizePerChannel: ${scales.length} scales for ${channels} channels on axis ${axis}`);
  }
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const q = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const c = Math.floor(i / inner) % channels;
    q[i] = Math.max(-INT8_MAX, Math.min(INT8_MAX, roundHalfAway(values[i] / scales[c])));
  }
  return { q, scales };
}

/** `q × scale_c` in float32. */
export function dequantizePerChannel(
  q: Int8Array,
  shape: readonly number[],
  axis: number,
  scales: Float32Array,
): Float32Array {
  const channels = shape[axis];
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const out = new Float32Array(q.length);
  for (let i = 0; i < q.length; i++) out[i] = q[i] * scales[Math.floor(i / inner) % channels];
  return out;
}

/** Asymmetric per-tensor int8 parameters of an activation: `x ≈ (q − zeroPoint) × scale`, q in [−128, 127]. */
export interface ActivationQuantParams {
  /** Lower end of the observed range. */
  min: number;
  /** Upper end of the observed range. */
  max: number;
  /** Step between two int8 levels. */
  scale: number;
  /** The int8 level that represents 0. */
  zeroPoint: number;
}

/** int8 parameters covering [min, max] (the range is widened to include 0, so zero is exact). */
export function activationParams(min: number, max: number): ActivationQuantParams {
  const lo = Math.min(0, min);
  const hi = Math.max(0, max);
  const scale = hi > lo ? (hi - lo) / 255 : 1;
  const zeroPoint = Math.max(-128, Math.min(127, Math.round(-128 - lo / scale)));
  return { min: lo, max: hi, scale, zeroPoint };
}

/**
 * Fake-quantizes `x` to int8 with `params`; gradient: straight-through inside
 * [min, max], zero outside (clipped values).
 */
export function fakeQuantActivation(x: Tensor, params: ActivationQuantParams): Tensor {
  const { scale, zeroPoint } = params;
  // Inputs that round to a level inside the int8 grid get the gradient; clipped ones do not.
  const lo = (-128 - zeroPoint - 0.5) * scale;
  const hi = (127 - zeroPoint + 0.5) * scale;
  const f = customGrad(
    asGradFunc((input: Tensor, save: (ts: Tensor[]) => void) => {
      save([input]);
      const q = ops.clipByValue(ops.add(ops.round(ops.div(input, scale)), zeroPoint), -128, 127);
      return {
        value: ops.mul(ops.sub(q, zeroPoint), scale),
        gradFunc: (dy: Tensor, saved: Tensor[]) => {
          const inRange = ops.logicalAnd(ops.greaterEqual(saved[0], lo), ops.lessEqual(saved[0], hi));
          return ops.mul(dy, ops.cast(inRange, 'float32'));
        },
      };
    }),
  );
  return f(x) as Tensor;
}

/**
 * Fake-quantizes a kernel per channel with scales `max|w_c|/127` computed from
 * the current values; the gradient passes straight through (the symmetric
 * range always covers the weights, so nothing is clipped).
 */
export function fakeQuantWeight(w: Tensor, axis: number): Tensor {
  const f = customGrad(
    asGradFunc((input: Tensor) => {
      const reduceAxes = input.shape.map((_, i) => i).filter((i) => i !== axis);
      const bshape = input.shape.map((d, i) => (i === axis ? d : 1));
      const maxAbs = ops.reshape(ops.max(ops.abs(input), reduceAxes), bshape);
      // An all-zero channel gets a tiny scale: its values round to 0 either way.
      const scale = ops.maximum(ops.div(maxAbs, INT8_MAX), 1e-30);
      const q = ops.clipByValue(ops.round(ops.div(input, scale)), -INT8_MAX, INT8_MAX);
      return { value: ops.mul(q, scale), gradFunc: (dy: Tensor) => dy };
    }),
  );
  return f(w) as Tensor;
}

type GradFunc = Parameters<typeof customGrad>[0];
/** tfjs types a custom-gradient function's parameters loosely; ours take one tensor (and the save function). */
function asGradFunc(
  f: (
    input: Tensor,
    save: (ts: Tensor[]) => void,
  ) => { value: Tensor; gradFunc: (dy: Tensor, saved: Tensor[]) => Tensor },
): GradFunc {
  return f as unknown as GradFunc;
}

/** Calibration options. */
export interface CalibrationOptions {
  /**
   * `'minmax'` (default): the observed range. `'percentile'`: clip outliers at `percentile`.
   *
   * @defaultValue `'minmax'`
   */
  method?: 'minmax' | 'percentile';
  /**
   * Percentile (of the values seen) used as the upper bound, and 100 − p as the lower, with `'percentile'`. Default 99.99.
   *
   * @defaultValue `99.99`
   */
  percentile?: number;
  /**
   * Batches of calibration data used at most. Default 32.
   *
   * @defaultValue `32`
   */
  maxBatches?: number;
  /**
   * Batch size when `data` is `[x, y]` or a tensor. Default 64.
   *
   * @defaultValue `64`
   */
  batchSize?: number;
}

/** Calibration data: a batch source (each batch is disposed after use), `[x, y]` or `x`. */
export type CalibrationData = BatchSource | [Tensor, Tensor] | Tensor;

/** The layers whose outputs are quantized: every kernel layer except the model's output layer, plus Add. */
export function quantizedOutputLayers(model: LayersModel): Layer[] {
  const layers = model.layers;
  const outputLayer = layers[layers.length - 1];
  return layers.filter(
    (l) => l !== outputLayer && (kernelWeights(l).length > 0 || l.className === 'Add' || l.className === 'Concatenate'),
  );
}

async function* batchesOf(data: CalibrationData, batchSize: number): AsyncGenerator<Tensor> {
  if (isTensor(data) || Array.isArray(data)) {
    const x = isTensor(data) ? data : data[0];
    for (let s = 0; s < x.shape[0]; s += batchSize) {
      const b = sliceBatch(x, s, Math.min(batchSize, x.shape[0] - s));
      try {
        yield b;
      } finally {
        b.dispose();
      }
    }
    return;
  }
  for await (const batch of data as AsyncIterable<Batch>) {
    try {
      yield batch.xs;
    } finally {
      dispose([batch.xs, batch.ys]);
    }
  }
}

/**
 * Observes the output range of every quantized layer (see
 * `quantizedOutputLayers`) on `data` and returns int8 parameters per layer name.
 */
export async function calibrateActivations(
  model: LayersModel,
  data: CalibrationData,
  options: CalibrationOptions = {},
): Promise<Record<string, ActivationQuantParams>> {
  const method = options.method ?? 'minmax';
  if (method !== 'minmax' && method !== 'percentile') {
    throw new ConfigError(`calibrateActivations: method must be 'minmax' or 'percentile', got ${String(method)}`);
  }
  const pct = options.percentile ?? 99.99;
  if (!(pct > 50 && pct <= 100))
    throw new ConfigError(`calibrateActivations: percentile must be in (50, 100], got ${pct}`);
  const maxBatches = options.maxBatches ?? 32;
  const layers = quantizedOutputLayers(model);
  const mins = new Map<Layer, number>();
  const maxs = new Map<Layer, number>();
  const samples = new Map<Layer, Float32Array[]>();
  const saved = layers.map((l) => l.outputTransform);
  for (const l of layers) {
    l.outputTransform = (out) => {
      const v = out.dataSync() as Float32Array;
      if (method === 'percentile') {
        const list = samples.get(l) ?? [];
        list.push(subsample(v, 20_000));
        samples.set(l, list);
      }
      let lo = mins.get(l) ?? Number.POSITIVE_INFINITY;
      let hi = maxs.get(l) ?? Number.NEGATIVE_INFINITY;
      for (let i = 0; i < v.length; i++) {
        if (v[i] < lo) lo = v[i];
        if (v[i] > hi) hi = v[i];
      }
      mins.set(l, lo);
      maxs.set(l, hi);
      return out;
    };
  }
  let seen = 0;
  try {
    for await (const xs of batchesOf(data, options.batchSize ?? 64)) {
      tidy(() => {
        model.call(xs, { training: false });
      });
      if (++seen >= maxBatches) break;
    }
  } finally {
    layers.forEach((l, i) => {
      l.outputTransform = saved[i];
    });
  }
  if (seen === 0) throw new ConfigError('calibrateActivations: the calibration data produced no batches');
  const out: Record<string, ActivationQuantParams> = {};
  for (const l of layers) {
    let lo = mins.get(l)!;
    let hi = maxs.get(l)!;
    if (method === 'percentile') {
      const all = concatAll(samples.get(l)!);
      all.sort();
      lo = Math.max(lo, all[Math.floor(((100 - pct) / 100) * (all.length - 1))]);
      hi = Math.min(hi, all[Math.ceil((pct / 100) * (all.length - 1))]);
    }
    out[l.name] = activationParams(lo, hi);
  }
  return out;
}

function subsample(v: Float32Array, max: number): Float32Array {
  if (v.length <= max) return v.slice();
  const out = new Float32Array(max);
  const step = v.length / max;
  for (let i = 0; i < max; i++) out[i] = v[Math.floor(i * step)];
  return out;
}

function concatAll(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** What makes a model int8: per-kernel scales and per-layer activation parameters. Plain JSON-able data. */
export interface QuantizationSpec {
  /** Per kernel weight name: the channel axis and its scales. */
  weights: Record<
    string,
    {
      /** The channel axis. */
      axis: number;
      /** One scale per channel. */
      scales: number[];
    }
  >;
  /** Per layer name: its output's int8 parameters. */
  activations: Record<string, ActivationQuantParams>;
}

/** Options of `quantizeModel`. */
export interface QuantizeOptions extends CalibrationOptions {
  /** Data to calibrate activation ranges on (a few hundred samples suffice). Without it only weights are quantized. */
  calibrationData?: CalibrationData;
  /** Precomputed activation parameters (e.g. from QAT), used instead of calibrating. */
  activations?: Record<string, ActivationQuantParams>;
}

/** A post-training-quantized model. */
export interface QuantizedModel {
  /** A new model whose kernels hold `q × scale` and whose layer outputs are rounded to int8 levels. */
  model: LayersModel;
  /** Scales and activation parameters, plain JSON. */
  spec: QuantizationSpec;
  /** Per kernel weight name: the scales, as `encodeCompressed`'s `int8Scales` takes them. */
  int8Scales: Record<string, Float32Array>;
}

/**
 * Post-training int8 quantization: per-channel symmetric kernels and, with
 * calibration data, per-tensor asymmetric activations. Returns a new model
 * (the input model is unchanged); dispose it when done.
 *
 * @param model - A trained float32 model (left unchanged).
 * @param options - `calibrationData` (a few hundred samples) or precomputed `activations`, plus calibration settings.
 * @returns The int8-simulating model, its spec, and the scales for `encodeCompressed`.
 * @throws {ConfigError} for invalid options.
 * @throws {ShapeError} when the calibration data does not fit the model.
 * @example
 * ```ts
 * import { quantizeModel, saveCompressed } from '@convkit/compress';
 *
 * const q = await quantizeModel(model, { calibrationData: xCalib });
 * await saveCompressed(q.model, './mnist-int8.ckz', { weights: 'int8', int8Scales: q.int8Scales });
 * ```
 */
export async function quantizeModel(model: LayersModel, options: QuantizeOptions = {}): Promise<QuantizedModel> {
  const activations =
    options.activations ??
    (options.calibrationData ? await calibrateActivations(model, options.calibrationData, options) : {});
  const copy = cloneModel(model);
  try {
    const spec: QuantizationSpec = { weights: {}, activations };
    const int8Scales: Record<string, Float32Array> = {};
    for (const layer of copy.layers) {
      for (const w of kernelWeights(layer)) {
        const axis = channelAxis(w);
        const values = w.variable.dataSync() as Float32Array;
        const { q, scales } = quantizePerChannel(values, w.shape, axis);
        const t = tensor(dequantizePerChannel(q, w.shape, axis, scales), w.shape, 'float32');
        w.write(t);
        t.dispose();
        spec.weights[w.name] = { axis, scales: [...scales] };
        int8Scales[w.name] = scales;
      }
    }
    attachActivationQuantization(copy, activations);
    return { model: copy, spec, int8Scales };
  } catch (e) {
    copy.dispose();
    throw e;
  }
}

/** Sets the output hooks that round each listed layer's output to its int8 levels (used by `quantizeModel` and loaders). */
export function attachActivationQuantization(
  model: LayersModel,
  activations: Record<string, ActivationQuantParams>,
): void {
  for (const [name, params] of Object.entries(activations)) {
    const layer = model.getLayer(name);
    layer.outputTransform = (out) => fakeQuantActivation(out, params);
  }
}

/** Removes every quantization hook from `model`'s layers. */
export function detachQuantization(model: LayersModel): void {
  for (const l of model.layers) {
    l.outputTransform = undefined;
    l.weightTransform = undefined;
  }
}

/** Options of `prepareQat`. */
export interface QatOptions extends CalibrationOptions {
  /** Data to initialise the activation ranges (recommended; otherwise the first training batches set them). */
  calibrationData?: CalibrationData;
  /**
   * Decay of the moving min/max of activations during training. Default 0.99.
   *
   * @defaultValue `0.99`
   */
  emaDecay?: number;
}

/**
 * Quantization-aware training. Attaches fake quantization to `model` (in
 * place): kernels are rounded per channel to int8 in the forward pass and
 * layer outputs to their int8 levels, with straight-through gradients, while
 * moving averages track the activation ranges. Train with `fit` as usual, then
 * `finalize()` gives the int8 model.
 */
export class QatController {
  private readonly ranges = new Map<string, { min: number; max: number }>();
  private finished = false;

  constructor(
    /** The model being trained with fake quantization (in place). */
    readonly model: LayersModel,
    private readonly emaDecay: number,
    initial: Record<string, ActivationQuantParams>,
  ) {
    for (const [k, v] of Object.entries(initial)) this.ranges.set(k, { min: v.min, max: v.max });
    for (const layer of model.layers) {
      const kernels = new Set(kernelWeights(layer));
      if (kernels.size > 0) {
        layer.weightTransform = (w, value) => (kernels.has(w) ? fakeQuantWeight(value, channelAxis(w)) : value);
      }
    }
    for (const layer of quantizedOutputLayers(model)) {
      layer.outputTransform = (out, ctx) => this.quantizeOutput(layer.name, out, ctx.training);
    }
  }

  private quantizeOutput(name: string, out: Tensor, training: boolean): Tensor {
    let r = this.ranges.get(name);
    if (training) {
      const lo = ops.min(out).dataSync()[0];
      const hi = ops.max(out).dataSync()[0];
      const d = this.emaDecay;
      r = r ? { min: d * r.min + (1 - d) * lo, max: d * r.max + (1 - d) * hi } : { min: lo, max: hi };
      this.ranges.set(name, r);
    }
    if (!r) return out;
    return fakeQuantActivation(out, activationParams(r.min, r.max));
  }

  /** The activation parameters learned so far, per layer name. */
  activationParams(): Record<string, ActivationQuantParams> {
    const out: Record<string, ActivationQuantParams> = {};
    for (const [k, r] of this.ranges) out[k] = activationParams(r.min, r.max);
    return out;
  }

  /**
   * Ends QAT: removes the hooks from the training model and returns a new
   * int8 model (as `quantizeModel` makes, with the learned activation ranges).
   */
  async finalize(): Promise<QuantizedModel> {
    if (this.finished) throw new ConfigError('QatController.finalize() was already called');
    const activations = this.activationParams();
    detachQuantization(this.model);
    this.finished = true;
    return quantizeModel(this.model, { activations });
  }
}

/**
 * Starts quantization-aware training of `model` (see `QatController`).
 *
 * @param model - A trained model; fake quantization is attached to it in place.
 * @param options - `calibrationData` to initialise the activation ranges, `emaDecay` of the range tracking.
 * @returns The controller; train `model` as usual, then call `finalize()`.
 * @throws {ConfigError} for invalid options.
 * @example
 * ```ts
 * import { prepareQat } from '@convkit/compress';
 *
 * const qat = await prepareQat(model, { calibrationData: xCalib });
 * await model.fit(xTrain, yTrain, { epochs: 1, batchSize: 128 });
 * const { model: int8Model } = await qat.finalize();
 * ```
 */
export async function prepareQat(model: LayersModel, options: QatOptions = {}): Promise<QatController> {
  const decay = options.emaDecay ?? 0.99;
  if (!(decay >= 0 && decay < 1)) throw new ConfigError(`prepareQat: emaDecay must be in [0, 1), got ${decay}`);
  const initial = options.calibrationData ? await calibrateActivations(model, options.calibrationData, options) : {};
  return new QatController(model, decay, initial);
}

/**
 * Re-attaches the activation quantization stored in a compressed file's
 * metadata (`{ quantization: QuantizationSpec }`, as `compressModel` and the
 * CLI write it) to a decoded model, so it predicts exactly as the int8 model
 * that was saved. Returns false when the metadata holds no quantization.
 * Throws a `SerializationError` when the stored parameters are malformed or
 * name a layer the model does not have.
 */
export function restoreQuantization(model: LayersModel, metadata: Record<string, unknown> | undefined): boolean {
  const spec = metadata?.quantization as Partial<QuantizationSpec> | undefined;
  if (spec === undefined) return false;
  const acts = spec?.activations;
  if (typeof acts !== 'object' || acts === null || Array.isArray(acts)) {
    throw new SerializationError('metadata.quantization.activations must be an object of per-layer parameters');
  }
  const names = new Set(model.layers.map((l) => l.name));
  const checked: Record<string, ActivationQuantParams> = {};
  for (const [name, p] of Object.entries(acts)) {
    if (!names.has(name))
      throw new SerializationError(`metadata.quantization names layer '${name}', which the model does not have`);
    const { min, max, scale, zeroPoint } = (p ?? {}) as Partial<ActivationQuantParams>;
    const finite = [min, max, scale, zeroPoint].every((v) => typeof v === 'number' && Number.isFinite(v));
    if (!finite || !(scale! > 0) || !Number.isInteger(zeroPoint) || zeroPoint! < -128 || zeroPoint! > 127) {
      throw new SerializationError(
        `metadata.quantization: bad int8 parameters for layer '${name}': ${JSON.stringify(p)}`,
      );
    }
    checked[name] = { min: min!, max: max!, scale: scale!, zeroPoint: zeroPoint! };
  }
  attachActivationQuantization(model, checked);
  return true;
}
