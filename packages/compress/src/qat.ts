/**
 * Quantization-aware training: fake quantization of the kernels (b bits per
 * channel) and of the layer outputs (int8) in the forward pass, with
 * straight-through gradients, while moving averages track the activation
 * ranges. The ranges of one training batch are read back asynchronously, all
 * layers in one read, and folded into the averages when the read completes.
 */
import { ConfigError, customGrad, dispose, keep, ops, type Tensor } from '@convkit/core';
import type { LayersModel } from '@convkit/layers';
import {
  type ActivationQuantParams,
  activationParams,
  type CalibrationData,
  type CalibrationOptions,
  calibrateActivations,
  fakeQuantActivation,
  quantizedOutputLayers,
} from './calibrate';
import { asGradFunc } from './grad-func';
import { detachQuantization, type QuantizedModel, quantizeModel } from './ptq';
import { channelAxis, checkWeightBits, MAX_WEIGHT_BITS, qmaxOf } from './quant-weights';
import { kernelWeights } from './stats';

/**
 * Fake-quantizes a kernel per channel with scales `max|w_c| / qmax` (qmax =
 * 2^(bits−1) − 1) computed from the current values; the gradient passes
 * straight through (the symmetric range always covers the weights, so nothing is clipped).
 *
 * @param w - The kernel.
 * @param axis - Its channel axis.
 * @param bits - Code width, 2..8. Default 8.
 * @returns The fake-quantized kernel.
 */
export function fakeQuantWeight(w: Tensor, axis: number, bits = MAX_WEIGHT_BITS): Tensor {
  const qmax = qmaxOf(bits);
  const f = customGrad(
    asGradFunc((input: Tensor) => {
      const reduceAxes = input.shape.map((_, i) => i).filter((i) => i !== axis);
      const bshape = input.shape.map((d, i) => (i === axis ? d : 1));
      const maxAbs = ops.reshape(ops.max(ops.abs(input), reduceAxes), bshape);
      // An all-zero channel gets a tiny scale: its values round to 0 either way.
      const scale = ops.maximum(ops.div(maxAbs, qmax), 1e-30);
      const q = ops.clipByValue(ops.round(ops.div(input, scale)), -qmax, qmax);
      return { value: ops.mul(q, scale), gradFunc: (dy: Tensor) => dy };
    }),
  );
  return f(w) as Tensor;
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
  /**
   * Bits per kernel weight, 2..8. Default 8.
   *
   * @defaultValue `8`
   */
  bits?: number;
}

/**
 * Quantization-aware training. Attaches fake quantization to `model` (in
 * place): kernels are rounded per channel to `bits`-bit codes in the forward
 * pass and layer outputs to their int8 levels, with straight-through
 * gradients, while moving averages track the activation ranges. Train with
 * `fit` as usual, then `finalize()` gives the quantized model.
 *
 * The ranges a training batch observes are read asynchronously (one read per
 * batch for all layers) and enter the moving averages when the read
 * completes, normally before the next batch; a batch is quantized with the
 * ranges known when it starts. Without calibration data the layer outputs of
 * the very first batch are not rounded (no range is known yet).
 */
export class QatController {
  private readonly ranges = new Map<string, { min: number; max: number }>();
  private readonly pending: { name: string; stats: Tensor }[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly outputLayers: number;
  private finished = false;

  constructor(
    /** The model being trained with fake quantization (in place). */
    readonly model: LayersModel,
    private readonly emaDecay: number,
    initial: Record<string, ActivationQuantParams>,
    /** Bits per kernel weight. */
    readonly bits: number = MAX_WEIGHT_BITS,
  ) {
    checkWeightBits(bits, 'QatController: bits');
    for (const [k, v] of Object.entries(initial)) this.ranges.set(k, { min: v.min, max: v.max });
    for (const layer of model.layers) {
      const kernels = new Set(kernelWeights(layer));
      if (kernels.size > 0) {
        layer.weightTransform = (w, value) => (kernels.has(w) ? fakeQuantWeight(value, channelAxis(w), bits) : value);
      }
    }
    const outputs = quantizedOutputLayers(model);
    this.outputLayers = outputs.length;
    for (const layer of outputs) {
      layer.outputTransform = (out, ctx) => this.quantizeOutput(layer.name, out, ctx.training);
    }
  }

  private quantizeOutput(name: string, out: Tensor, training: boolean): Tensor {
    if (training && !this.finished) {
      this.pending.push({ name, stats: keep(ops.stack([ops.min(out), ops.max(out)])) });
      if (this.pending.length >= this.outputLayers) this.flush();
    }
    const r = this.ranges.get(name);
    if (!r) return out;
    return fakeQuantActivation(out, activationParams(r.min, r.max));
  }

  /** Starts one asynchronous read of every pending range and folds it into the moving averages when it lands. */
  private flush(): void {
    const batch = this.pending.splice(0);
    if (batch.length === 0) return;
    const packed = keep(ops.concat(batch.map((b) => b.stats)));
    dispose(batch.map((b) => b.stats));
    const read = packed
      .data()
      .then((v) => {
        const d = this.emaDecay;
        batch.forEach(({ name }, i) => {
          const lo = v[2 * i];
          const hi = v[2 * i + 1];
          const r = this.ranges.get(name);
          this.ranges.set(
            name,
            r ? { min: d * r.min + (1 - d) * lo, max: d * r.max + (1 - d) * hi } : { min: lo, max: hi },
          );
        });
      })
      .finally(() => {
        packed.dispose();
        this.inFlight.delete(read);
      });
    this.inFlight.add(read);
  }

  /** Resolves once every range read started so far has entered the moving averages. */
  async settled(): Promise<void> {
    this.flush();
    await Promise.all([...this.inFlight]);
  }

  /** The activation parameters learned so far, per layer name (call `settled()` first for the latest batch). */
  activationParams(): Record<string, ActivationQuantParams> {
    const out: Record<string, ActivationQuantParams> = {};
    for (const [k, r] of this.ranges) out[k] = activationParams(r.min, r.max);
    return out;
  }

  /**
   * Ends QAT: waits for the last range reads, removes the hooks from the
   * training model and returns a new quantized model (as `quantizeModel`
   * makes, with the learned activation ranges and `bits`-bit kernels).
   */
  async finalize(): Promise<QuantizedModel> {
    if (this.finished) throw new ConfigError('QatController.finalize() was already called');
    this.finished = true;
    await this.settled();
    const activations = this.activationParams();
    detachQuantization(this.model);
    return quantizeModel(this.model, { activations, bits: this.bits });
  }
}

/**
 * Starts quantization-aware training of `model` (see `QatController`).
 *
 * @param model - A trained model; fake quantization is attached to it in place.
 * @param options - `bits`, `calibrationData` to initialise the activation ranges, `emaDecay` of the range tracking.
 * @returns The controller; train `model` as usual, then call `finalize()`.
 * @throws {ConfigError} for invalid options.
 * @example
 * ```ts
 * import { prepareQat } from '@convkit/compress';
 *
 * const qat = await prepareQat(model, { calibrationData: xCalib, bits: 4 });
 * await model.fit(xTrain, yTrain, { epochs: 1, batchSize: 128 });
 * const { model: int4Model } = await qat.finalize();
 * ```
 */
export async function prepareQat(model: LayersModel, options: QatOptions = {}): Promise<QatController> {
  const decay = options.emaDecay ?? 0.99;
  if (!(decay >= 0 && decay < 1)) throw new ConfigError(`prepareQat: emaDecay must be in [0, 1), got ${decay}`);
  const bits = checkWeightBits(options.bits ?? MAX_WEIGHT_BITS, 'prepareQat: bits');
  const initial = options.calibrationData ? await calibrateActivations(model, options.calibrationData, options) : {};
  return new QatController(model, decay, initial, bits);
}
