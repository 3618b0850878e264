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

/** Options of `DepthwiseConv2D` (Keras names). */
export interface DepthwiseConv2DArgs extends LayerArgs {
  /** Kernel height and width. */
  kernelSize: number | [number, number];
  /**
   * Output channels per input channel. Default 1.
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
   * Default 1. May be combined with strides.
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
   * Penalty on the bias added to the loss. Default none.
   *
   * @defaultValue none
   */
  biasRegularizer?: RegularizerIdentifier;
}

/**
 * Depthwise 2-D convolution: each input channel is convolved with its own
 * `depthMultiplier` filters; kernel `[kernelH, kernelW, inChannels, depthMultiplier]`,
 * output channel `c · depthMultiplier + m`.
 */
export class DepthwiseConv2D extends Layer {
  static override readonly className = 'DepthwiseConv2D';

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
  /** Initializer of the bias. */
  readonly biasInitializer: Initializer;
  /** Penalty on the depthwise kernel, if any. */
  readonly depthwiseRegularizer?: Regularizer;
  /** Penalty on the bias, if any. */
  readonly biasRegularizer?: Regularizer;
  /** The depthwise kernel `[kh, kw, inChannels, depthMultiplier]`, once built. */
  depthwiseKernel?: LayerWeight;
  /** The bias weight, once built (absent without `useBias`). */
  bias?: LayerWeight;

  /**
   * @param args - `kernelSize` (required), `depthMultiplier` (default 1), strides, padding, activation, initializers, regularizers; see {@link DepthwiseConv2DArgs}.
   * @throws {ConfigError} when an option is missing or invalid.
   */
  constructor(args: DepthwiseConv2DArgs) {
    super(args);
    const d = this.describe();
    if (args === undefined || args === null) throw new ConfigError(`${d}: options are required`);
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
    this.biasInitializer = getInitializer(args.biasInitializer ?? 'zeros');
    if (args.depthwiseRegularizer) this.depthwiseRegularizer = getRegularizer(args.depthwiseRegularizer);
    if (args.biasRegularizer) this.biasRegularizer = getRegularizer(args.biasRegularizer);
  }

  /** `depthwise_kernel [kh, kw, inChannels, depthMultiplier]`, then `bias [inChannels · depthMultiplier]`. */
  override weightSpecs(inputShape: Shape | Shape[]): WeightSpec[] {
    const channels = knownLastDim(this, expectRank(this, inputShape, 4, NHWC));
    const [kh, kw] = this.kernelSize;
    const specs = [{ name: 'depthwise_kernel', shape: [kh, kw, channels, this.depthMultiplier] }];
    if (this.useBias) specs.push({ name: 'bias', shape: [channels * this.depthMultiplier] });
    return specs;
  }

  override build(inputShape: Shape | Shape[]): void {
    const [kernel, bias] = this.weightSpecs(inputShape);
    this.depthwiseKernel = this.addWeight(kernel.name, kernel.shape, this.depthwiseInitializer, {
      regularizer: this.depthwiseRegularizer,
    });
    if (bias) {
      this.bias = this.addWeight(bias.name, bias.shape, this.biasInitializer, { regularizer: this.biasRegularizer });
    }
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = expectRank(this, inputShape, 4, NHWC);
    const [h, w] = spatialOutput(this, s, this.kernelSize, this.strides, this.padding, this.dilationRate);
    return [s[0], h, w, s[3] === null ? null : s[3] * this.depthMultiplier];
  }

  call(inputs: Tensor | Tensor[], _ctx: CallContext): Tensor {
    const x = singleTensor(this, inputs);
    this.computeOutputShape(x.shape);
    return tidy(() => {
      const { kernel, dilations } = dilatedConv(
        this.weightValue(this.depthwiseKernel!),
        this.strides,
        this.dilationRate,
      );
      let y: Tensor = ops.depthwiseConv2d(x as Tensor4D, kernel, this.strides, this.padding, 'NHWC', dilations);
      if (this.bias) y = ops.add(y, this.weightValue(this.bias));
      return this.activation(y);
    });
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      kernelSize: this.kernelSize,
      depthMultiplier: this.depthMultiplier,
      strides: this.strides,
      padding: this.padding,
      dilationRate: this.dilationRate,
      useBias: this.useBias,
      activation: serializeActivation(this.activation),
      depthwiseInitializer: serializeInitializer(this.depthwiseInitializer),
      biasInitializer: serializeInitializer(this.biasInitializer),
      ...(this.depthwiseRegularizer && { depthwiseRegularizer: serializeRegularizer(this.depthwiseRegularizer) }),
      ...(this.biasRegularizer && { biasRegularizer: serializeRegularizer(this.biasRegularizer) }),
    };
  }
}
