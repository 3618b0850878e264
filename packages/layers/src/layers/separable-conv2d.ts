import { ConfigError, ops, type Shape, type Tensor, type Tensor4D, tidy } from '@convkit/core';
import { type ActivationIdentifier, getActivation, serializeActivation } from '../activations';
import { Layer, type LayerArgs, type LayerWeight, type WeightSpec } from '../engine/layer';
import type { ActivationFn, CallContext, Initializer, Regularizer } from '../engine/types';
import { getInitializer, type InitializerIdentifier, serializeInitializer } from '../initializers';
import { getRegularizer, type RegularizerIdentifier, serializeRegularizer } from '../regularizers';
import { checkDataFormat } from './conv2d';
import {
  dilatedConv,
  expectRank,
  knownLastDim,
  NHWC,
  normalizePadding,
  normalizePair,
  optionalBoolean,
  type PaddingMode,
  positiveInt,
  singleTensor,
  spatialOutput,
} from './utils';

/** Options of `SeparableConv2D` (Keras names). */
export interface SeparableConv2DArgs extends LayerArgs {
  /** Number of output channels (of the pointwise step). */
  filters: number;
  /** Depthwise kernel height and width. */
  kernelSize: number | [number, number];
  /**
   * Depthwise output channels per input channel. Default 1.
   *
   * @defaultValue `1`
   */
  depthMultiplier?: number;
  /**
   * Default 1.
   *
   * @defaultValue `1`
   */
  strides?: number | [number, number];
  /**
   * Default `'valid'`.
   *
   * @defaultValue `'valid'`
   */
  padding?: PaddingMode;
  /**
   * Default 1.
   *
   * @defaultValue `1`
   */
  dilationRate?: number | [number, number];
  /** Only `'channelsLast'` is supported. */
  dataFormat?: 'channelsLast';
  /**
   * Default true.
   *
   * @defaultValue `true`
   */
  useBias?: boolean;
  /**
   * Default linear.
   *
   * @defaultValue linear
   */
  activation?: ActivationIdentifier;
  /**
   * Default `'glorotUniform'`.
   *
   * @defaultValue `'glorotUniform'`
   */
  depthwiseInitializer?: InitializerIdentifier;
  /**
   * Default `'glorotUniform'`.
   *
   * @defaultValue `'glorotUniform'`
   */
  pointwiseInitializer?: InitializerIdentifier;
  /**
   * Default `'zeros'`.
   *
   * @defaultValue `'zeros'`
   */
  biasInitializer?: InitializerIdentifier;
  /**
   * Penalty on the depthwise kernel added to the loss. Default none.
   *
   * @defaultValue none
   */
  depthwiseRegularizer?: RegularizerIdentifier;
  /**
   * Penalty on the pointwise kernel added to the loss. Default none.
   *
   * @defaultValue none
   */
  pointwiseRegularizer?: RegularizerIdentifier;
  /**
   * Penalty on the bias added to the loss. Default none.
   *
   * @defaultValue none
   */
  biasRegularizer?: RegularizerIdentifier;
}

/**
 * Depthwise-separable 2-D convolution: a depthwise convolution
 * (`[kh, kw, inChannels, depthMultiplier]`) followed by a 1×1 pointwise one
 * (`[1, 1, inChannels · depthMultiplier, filters]`), then bias and activation.
 */
export class SeparableConv2D extends Layer {
  static override readonly className = 'SeparableConv2D';

  /** Number of output channels. */
  readonly filters: number;
  /** Kernel height and width. */
  readonly kernelSize: [number, number];
  /** Depthwise output channels per input channel. */
  readonly depthMultiplier: number;
  /** Step between windows, `[rows, cols]`. */
  readonly strides: [number, number];
  /** Padding mode, `'valid'` or `'same'`. */
  readonly padding: PaddingMode;
  /** Dilation, `[rows, cols]`. */
  readonly dilationRate: [number, number];
  /** Whether a bias is added. */
  readonly useBias: boolean;
  /** Activation applied to the output. */
  readonly activation: ActivationFn;
  /** Initializer of the depthwise kernel. */
  readonly depthwiseInitializer: Initializer;
  /** Initializer of the pointwise kernel. */
  readonly pointwiseInitializer: Initializer;
  /** Initializer of the bias. */
  readonly biasInitializer: Initializer;
  /** Penalty on the depthwise kernel, if any. */
  readonly depthwiseRegularizer?: Regularizer;
  /** Penalty on the pointwise kernel, if any. */
  readonly pointwiseRegularizer?: Regularizer;
  /** Penalty on the bias, if any. */
  readonly biasRegularizer?: Regularizer;
  /** The depthwise kernel `[kh, kw, inChannels, depthMultiplier]`, once built. */
  depthwiseKernel?: LayerWeight;
  /** The pointwise kernel `[1, 1, inChannels·depthMultiplier, filters]`, once built. */
  pointwiseKernel?: LayerWeight;
  /** The bias weight, once built (absent without `useBias`). */
  bias?: LayerWeight;

  /**
   * @param args - `filters` and `kernelSize` (required), `depthMultiplier`, strides, padding, activation, initializers, regularizers; see {@link SeparableConv2DArgs}.
   * @throws {ConfigError} when an option is missing or invalid.
   */
  constructor(args: SeparableConv2DArgs) {
    super(args);
    const d = this.describe();
    if (args === undefined || args === null) throw new ConfigError(`${d}: options are required`);
    this.filters = positiveInt(d, 'filters', args.filters);
    if (args.kernelSize === undefined) throw new ConfigError(`${d}: kernelSize is required`);
    this.kernelSize = normalizePair(d, 'kernelSize', args.kernelSize);
    this.depthMultiplier = positiveInt(d, 'depthMultiplier', args.depthMultiplier ?? 1);
    this.strides = normalizePair(d, 'strides', args.strides ?? 1);
    this.padding = normalizePadding(d, args.padding);
    this.dilationRate = normalizePair(d, 'dilationRate', args.dilationRate ?? 1);
    checkDataFormat(d, args.dataFormat);
    this.useBias = optionalBoolean(d, 'useBias', args.useBias, true);
    this.activation = getActivation(args.activation);
    this.depthwiseInitializer = getInitializer(args.depthwiseInitializer ?? 'glorotUniform');
    this.pointwiseInitializer = getInitializer(args.pointwiseInitializer ?? 'glorotUniform');
    this.biasInitializer = getInitializer(args.biasInitializer ?? 'zeros');
    if (args.depthwiseRegularizer) this.depthwiseRegularizer = getRegularizer(args.depthwiseRegularizer);
    if (args.pointwiseRegularizer) this.pointwiseRegularizer = getRegularizer(args.pointwiseRegularizer);
    if (args.biasRegularizer) this.biasRegularizer = getRegularizer(args.biasRegularizer);
  }

  /**
   * `depthwise_kernel [kh, kw, inChannels, depthMultiplier]`,
   * `pointwise_kernel [1, 1, inChannels · depthMultiplier, filters]`, then `bias [filters]`.
   */
  override weightSpecs(inputShape: Shape | Shape[]): WeightSpec[] {
    const channels = knownLastDim(this, expectRank(this, inputShape, 4, NHWC));
    const [kh, kw] = this.kernelSize;
    const dm = this.depthMultiplier;
    const specs = [
      { name: 'depthwise_kernel', shape: [kh, kw, channels, dm] },
      { name: 'pointwise_kernel', shape: [1, 1, channels * dm, this.filters] },
    ];
    if (this.useBias) specs.push({ name: 'bias', shape: [this.filters] });
    return specs;
  }

  override build(inputShape: Shape | Shape[]): void {
    const [depthwise, pointwise, bias] = this.weightSpecs(inputShape);
    this.depthwiseKernel = this.addWeight(depthwise.name, depthwise.shape, this.depthwiseInitializer, {
      regularizer: this.depthwiseRegularizer,
    });
    this.pointwiseKernel = this.addWeight(pointwise.name, pointwise.shape, this.pointwiseInitializer, {
      regularizer: this.pointwiseRegularizer,
    });
    if (bias) {
      this.bias = this.addWeight(bias.name, bias.shape, this.biasInitializer, { regularizer: this.biasRegularizer });
    }
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = expectRank(this, inputShape, 4, NHWC);
    const [h, w] = spatialOutput(this, s, this.kernelSize, this.strides, this.padding, this.dilationRate);
    return [s[0], h, w, this.filters];
  }

  call(inputs: Tensor | Tensor[], _ctx: CallContext): Tensor {
    const x = singleTensor(this, inputs);
    this.computeOutputShape(x.shape);
    return tidy(() => {
      const dw = dilatedConv(this.weightValue(this.depthwiseKernel!), this.strides, this.dilationRate);
      const mid = ops.depthwiseConv2d(x as Tensor4D, dw.kernel, this.strides, this.padding, 'NHWC', dw.dilations);
      let y: Tensor = ops.conv2d(mid, this.weightValue(this.pointwiseKernel!) as Tensor4D, 1, 'valid');
      if (this.bias) y = ops.add(y, this.weightValue(this.bias));
      return this.activation(y);
    });
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      filters: this.filters,
      kernelSize: this.kernelSize,
      depthMultiplier: this.depthMultiplier,
      strides: this.strides,
      padding: this.padding,
      dilationRate: this.dilationRate,
      useBias: this.useBias,
      activation: serializeActivation(this.activation),
      depthwiseInitializer: serializeInitializer(this.depthwiseInitializer),
      pointwiseInitializer: serializeInitializer(this.pointwiseInitializer),
      biasInitializer: serializeInitializer(this.biasInitializer),
      ...(this.depthwiseRegularizer && { depthwiseRegularizer: serializeRegularizer(this.depthwiseRegularizer) }),
      ...(this.pointwiseRegularizer && { pointwiseRegularizer: serializeRegularizer(this.pointwiseRegularizer) }),
      ...(this.biasRegularizer && { biasRegularizer: serializeRegularizer(this.biasRegularizer) }),
    };
  }
}
