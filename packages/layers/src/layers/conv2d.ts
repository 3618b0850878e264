import { ConfigError, ops, type Shape, type Tensor, type Tensor4D, tidy } from '@convkit/core';
import { type ActivationIdentifier, fusableActivation, getActivation, serializeActivation } from '../activations';
import { Layer, type LayerArgs, type LayerWeight, type WeightSpec } from '../engine/layer';
import { preview } from '../engine/preview';
import type { ActivationFn, CallContext, Initializer, Regularizer } from '../engine/types';
import { getInitializer, type InitializerIdentifier, serializeInitializer } from '../initializers';
import { getRegularizer, type RegularizerIdentifier, serializeRegularizer } from '../regularizers';
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

/** Options of `Conv2D` (Keras names). */
export interface Conv2DArgs extends LayerArgs {
  /** Number of output channels. */
  filters: number;
  /** Kernel height and width. */
  kernelSize: number | [number, number];
  /**
   * Default 1.
   *
   * @defaultValue `1`
   */
  strides?: number | [number, number];
  /**
   * Default `'valid'`. `'same'` pads as TensorFlow does (extra row/column after).
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
  /** Only `'channelsLast'` (NHWC) is supported. */
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
  kernelInitializer?: InitializerIdentifier;
  /**
   * Default `'zeros'`.
   *
   * @defaultValue `'zeros'`
   */
  biasInitializer?: InitializerIdentifier;
  /**
   * Penalty on the kernel added to the loss. Default none.
   *
   * @defaultValue none
   */
  kernelRegularizer?: RegularizerIdentifier;
  /**
   * Penalty on the bias added to the loss. Default none.
   *
   * @defaultValue none
   */
  biasRegularizer?: RegularizerIdentifier;
}

/** Options shared by the 2-D convolution layers (also used by DepthwiseConv2D and SeparableConv2D). */
export function checkDataFormat(owner: string, value: unknown): void {
  if (value !== undefined && value !== 'channelsLast') {
    throw new ConfigError(`${owner}: only dataFormat 'channelsLast' (NHWC) is supported, got ${preview(value)}`);
  }
}

/**
 * 2-D convolution over NHWC inputs with an HWIO kernel
 * `[kernelH, kernelW, inChannels, filters]`, optional bias and activation.
 *
 * @example
 * ```ts
 * import { Conv2D } from '@convkit/layers';
 *
 * // 32 filters of 3×3 over 28×28 greyscale images; 'same' keeps 28×28
 * const conv = new Conv2D({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [28, 28, 1] });
 * ```
 */
export class Conv2D extends Layer {
  static override readonly className = 'Conv2D';

  /** Number of output channels. */
  readonly filters: number;
  /** Kernel height and width. */
  readonly kernelSize: [number, number];
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
  /** Initializer of the kernel. */
  readonly kernelInitializer: Initializer;
  /** Initializer of the bias. */
  readonly biasInitializer: Initializer;
  /** Penalty on the kernel, if any. */
  readonly kernelRegularizer?: Regularizer;
  /** Penalty on the bias, if any. */
  readonly biasRegularizer?: Regularizer;
  /** The kernel weight, once built. */
  kernel?: LayerWeight;
  /** The bias weight, once built (absent without `useBias`). */
  bias?: LayerWeight;

  /**
   * @param args - `filters` and `kernelSize` (required), strides, padding, dilation, activation, initializers, regularizers; see {@link Conv2DArgs}.
   * @throws {ConfigError} when an option is missing or invalid (e.g. a non-positive `filters`, an unknown activation or initializer).
   */
  constructor(args: Conv2DArgs) {
    super(args);
    const d = this.describe();
    if (args === undefined || args === null) throw new ConfigError(`${d}: options are required`);
    this.filters = positiveInt(d, 'filters', args.filters);
    if (args.kernelSize === undefined) throw new ConfigError(`${d}: kernelSize is required`);
    this.kernelSize = normalizePair(d, 'kernelSize', args.kernelSize);
    this.strides = normalizePair(d, 'strides', args.strides ?? 1);
    this.padding = normalizePadding(d, args.padding);
    this.dilationRate = normalizePair(d, 'dilationRate', args.dilationRate ?? 1);
    checkDataFormat(d, args.dataFormat);
    this.useBias = optionalBoolean(d, 'useBias', args.useBias, true);
    this.activation = getActivation(args.activation);
    this.kernelInitializer = getInitializer(args.kernelInitializer ?? 'glorotUniform');
    this.biasInitializer = getInitializer(args.biasInitializer ?? 'zeros');
    if (args.kernelRegularizer) this.kernelRegularizer = getRegularizer(args.kernelRegularizer);
    if (args.biasRegularizer) this.biasRegularizer = getRegularizer(args.biasRegularizer);
  }

  /** `kernel [kh, kw, inChannels, filters]`, then `bias [filters]` when `useBias`. */
  override weightSpecs(inputShape: Shape | Shape[]): WeightSpec[] {
    const channels = knownLastDim(this, expectRank(this, inputShape, 4, NHWC));
    const [kh, kw] = this.kernelSize;
    const specs = [{ name: 'kernel', shape: [kh, kw, channels, this.filters] }];
    if (this.useBias) specs.push({ name: 'bias', shape: [this.filters] });
    return specs;
  }

  override build(inputShape: Shape | Shape[]): void {
    const [kernel, bias] = this.weightSpecs(inputShape);
    this.kernel = this.addWeight(kernel.name, kernel.shape, this.kernelInitializer, {
      regularizer: this.kernelRegularizer,
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
      const { kernel, dilations } = dilatedConv(this.weightValue(this.kernel!), this.strides, this.dilationRate);
      const fusable = fusableActivation(this.activation);
      if (fusable) {
        // One FusedConv2D kernel (conv + bias + relu) at inference; tfjs splits it into
        // the three ops again wherever gradients are recorded through a relu.
        return ops.fused.conv2d({
          x: x as Tensor4D,
          filter: kernel,
          strides: this.strides,
          pad: this.padding,
          dilations,
          bias: this.bias ? this.weightValue(this.bias) : undefined,
          activation: fusable,
        });
      }
      let y: Tensor = ops.conv2d(x as Tensor4D, kernel, this.strides, this.padding, 'NHWC', dilations);
      if (this.bias) y = ops.add(y, this.weightValue(this.bias));
      return this.activation(y);
    });
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      filters: this.filters,
      kernelSize: this.kernelSize,
      strides: this.strides,
      padding: this.padding,
      dilationRate: this.dilationRate,
      useBias: this.useBias,
      activation: serializeActivation(this.activation),
      kernelInitializer: serializeInitializer(this.kernelInitializer),
      biasInitializer: serializeInitializer(this.biasInitializer),
      ...(this.kernelRegularizer && { kernelRegularizer: serializeRegularizer(this.kernelRegularizer) }),
      ...(this.biasRegularizer && { biasRegularizer: serializeRegularizer(this.biasRegularizer) }),
    };
  }
}
