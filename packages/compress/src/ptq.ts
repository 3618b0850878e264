/**
 * Post-training quantization: per-channel symmetric b-bit kernels (b in 2..8,
 * int8 by default) and, with calibration data, per-tensor asymmetric int8
 * activations; the hooks that simulate them, and restoring them from a file's metadata.
 */
import { SerializationError, tensor } from '@convkit/core';
import { cloneModel, type LayersModel } from '@convkit/layers';
import {
  type ActivationQuantParams,
  type CalibrationData,
  type CalibrationOptions,
  calibrateActivations,
  fakeQuantActivation,
} from './calibrate';
import { useIntegerKernels } from './inference-kernels';
import {
  channelAxis,
  checkWeightBits,
  dequantizePerChannel,
  MAX_WEIGHT_BITS,
  quantizePerChannel,
} from './quant-weights';
import { kernelWeights } from './stats';

/** What makes a model quantized: per-kernel scales (and code width) and per-layer activation parameters. Plain JSON-able data. */
export interface QuantizationSpec {
  /** Per kernel weight name: the channel axis and its scales. */
  weights: Record<
    string,
    {
      /** The channel axis. */
      axis: number;
      /** One scale per channel. */
      scales: number[];
      /**
       * Bits per code (2..8); absent in files written before other widths than 8 existed.
       *
       * @defaultValue `8`
       */
      bits?: number;
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
  /**
   * Bits per kernel weight, 2..8: codes in [−(2^(bits−1) − 1), 2^(bits−1) − 1] (±127 at 8,
   * ±7 at 4, ±1 at 2). Activations stay int8 whatever the width. Default 8.
   *
   * @defaultValue `8`
   */
  bits?: number;
}

/** A post-training-quantized model. */
export interface QuantizedModel {
  /** A new model whose kernels hold `q × scale` and whose layer outputs are rounded to int8 levels. */
  model: LayersModel;
  /** Scales and activation parameters, plain JSON. */
  spec: QuantizationSpec;
  /** Bits per kernel weight (2..8). */
  bits: number;
  /** Per kernel weight name: the scales, as `encodeCompressed`'s `int8Scales` takes them (for every width). */
  int8Scales: Record<string, Float32Array>;
}

/**
 * Post-training quantization: per-channel symmetric kernels with `bits` bits
 * (int8 by default) and, with calibration data, per-tensor asymmetric int8
 * activations. Returns a new model (the input model is unchanged); dispose it
 * when done. The kernels are read in one batch of asynchronous reads.
 *
 * @param model - A trained float32 model (left unchanged).
 * @param options - `bits`, `calibrationData` (a few hundred samples) or precomputed `activations`, plus calibration settings.
 * @returns The quantization-simulating model, its spec, and the scales for `encodeCompressed`.
 * @throws {ConfigError} for invalid options (e.g. `bits` outside 2..8).
 * @throws {ShapeError} when the calibration data does not fit the model.
 * @example
 * ```ts
 * import { quantizeModel, saveCompressed } from '@convkit/compress';
 *
 * const q = await quantizeModel(model, { calibrationData: xCalib, bits: 4 });
 * await saveCompressed(q.model, './mnist-int4.ckz', { weights: 'int4', int8Scales: q.int8Scales });
 * ```
 */
export async function quantizeModel(model: LayersModel, options: QuantizeOptions = {}): Promise<QuantizedModel> {
  const bits = checkWeightBits(options.bits ?? MAX_WEIGHT_BITS, 'quantizeModel: bits');
  const activations =
    options.activations ??
    (options.calibrationData ? await calibrateActivations(model, options.calibrationData, options) : {});
  const copy = cloneModel(model);
  try {
    const spec: QuantizationSpec = { weights: {}, activations };
    const int8Scales: Record<string, Float32Array> = {};
    const kernels = copy.layers.flatMap(kernelWeights);
    const all = await Promise.all(kernels.map(async (w) => (await w.variable.data()) as Float32Array));
    kernels.forEach((w, i) => {
      const axis = channelAxis(w);
      const { q, scales } = quantizePerChannel(all[i], w.shape, axis, undefined, bits);
      const t = tensor(dequantizePerChannel(q, w.shape, axis, scales), w.shape, 'float32');
      w.write(t);
      t.dispose();
      spec.weights[w.name] = { axis, scales: [...scales], bits };
      int8Scales[w.name] = scales;
    });
    attachActivationQuantization(copy, activations);
    useIntegerKernels(copy, spec);
    return { model: copy, spec, bits, int8Scales };
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

/**
 * Re-attaches the activation quantization stored in a compressed file's
 * metadata (`{ quantization: QuantizationSpec }`, as `compressModel` and the
 * CLI write it) to a decoded model, so it predicts exactly as the quantized
 * model that was saved. Returns false when the metadata holds no quantization.
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
  const weights = checkedWeightScales(model, spec.weights);
  if (weights) useIntegerKernels(model, { weights, activations: checked });
  return true;
}

/** The per-kernel scales of stored metadata, checked against the model (undefined when absent). */
function checkedWeightScales(model: LayersModel, stored: unknown): QuantizationSpec['weights'] | undefined {
  if (stored === undefined) return undefined;
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) {
    throw new SerializationError('metadata.quantization.weights must be an object of per-kernel scales');
  }
  const kernels = new Map(model.layers.flatMap(kernelWeights).map((w) => [w.name, w]));
  const out: QuantizationSpec['weights'] = {};
  for (const [name, entry] of Object.entries(stored as Record<string, unknown>)) {
    const w = kernels.get(name);
    if (!w)
      throw new SerializationError(`metadata.quantization.weights names '${name}', which is not a kernel of the model`);
    const { axis, scales, bits } = (entry ?? {}) as { axis?: unknown; scales?: unknown; bits?: unknown };
    const ok =
      Number.isInteger(axis) &&
      Array.isArray(scales) &&
      scales.length === w.shape[axis as number] &&
      scales.every((v) => typeof v === 'number' && Number.isFinite(v) && v > 0) &&
      (bits === undefined || (Number.isInteger(bits) && (bits as number) >= 2 && (bits as number) <= 8));
    if (!ok) {
      throw new SerializationError(
        `metadata.quantization.weights['${name}']: expected { axis, scales: ${w.shape[w.shape.length - 1]} positive numbers, bits? }`,
      );
    }
    out[name] = {
      axis: axis as number,
      scales: scales as number[],
      ...(bits !== undefined && { bits: bits as number }),
    };
  }
  return out;
}
