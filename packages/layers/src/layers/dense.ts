import { ConfigError, formatShape, ops, type Shape, ShapeError, type Tensor, tidy } from '@convkit/core';
import { type ActivationIdentifier, getActivation, serializeActivation } from '../activations';
import { Layer, type LayerArgs, type LayerWeight, type WeightSpec } from '../engine/layer';
import type { ActivationFn, CallContext, Initializer, Regularizer } from '../engine/types';
import { getInitializer, type InitializerIdentifier, serializeInitializer } from '../initializers';
import { getRegularizer, type RegularizerIdentifier, serializeRegularizer } from '../regularizers';
import { knownLastDim, optionalBoolean, positiveInt, singleShape, singleTensor } from './utils';

/** Options of `Dense` (Keras names). */
export interface DenseArgs extends LayerArgs {
  /** Number of output features. */
  units: number;
  /**
   * Default linear.
   *
   * @defaultValue linear
   */
  activation?: ActivationIdentifier;
  /**
   * Default true.
   *
   * @defaultValue `true`
   */
  useBias?: boolean;
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

/**
 * Fully connected layer: `activation(x · kernel + bias)` with a kernel of
 * shape `[inFeatures, units]`. Inputs of rank > 2 are transformed along the
 * last axis (Keras semantics).
 *
 * @example
 * ```ts
 * import { Dense } from '@convkit/layers';
 *
 * const hidden = new Dense({ units: 128, activation: 'relu' });
 * const head = new Dense({ units: 10, activation: 'softmax' });
 * ```
 */
export class Dense extends Layer {
  static override readonly className = 'Dense';

  /** Number of output features. */
  readonly units: number;
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
   * @param args - `units` (required), activation, `useBias`, initializers, regularizers; see {@link DenseArgs}.
   * @throws {ConfigError} when an option is missing or invalid.
   */
  constructor(args: DenseArgs) {
    super(args);
    const d = this.describe();
    if (args === undefined || args === null) throw new ConfigError(`${d}: options are required`);
    this.units = positiveInt(d, 'units', args.units);
    this.useBias = optionalBoolean(d, 'useBias', args.useBias, true);
    this.activation = getActivation(args.activation);
    this.kernelInitializer = getInitializer(args.kernelInitializer ?? 'glorotUniform');
    this.biasInitializer = getInitializer(args.biasInitializer ?? 'zeros');
    if (args.kernelRegularizer) this.kernelRegularizer = getRegularizer(args.kernelRegularizer);
    if (args.biasRegularizer) this.biasRegularizer = getRegularizer(args.biasRegularizer);
  }

  private checkShape(inputShape: Shape | Shape[]): Shape {
    const s = singleShape(this, inputShape);
    if (s.length < 2) {
      throw new ShapeError(
        `${this.describe()} expects an input of rank ≥ 2 [batch, ..., features], received ${formatShape(s)}`,
      );
    }
    return s;
  }

  /** `kernel [inFeatures, units]`, then `bias [units]` when `useBias`. */
  override weightSpecs(inputShape: Shape | Shape[]): WeightSpec[] {
    const inFeatures = knownLastDim(this, this.checkShape(inputShape));
    const specs = [{ name: 'kernel', shape: [inFeatures, this.units] }];
    if (this.useBias) specs.push({ name: 'bias', shape: [this.units] });
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
    const s = this.checkShape(inputShape);
    return [...s.slice(0, -1), this.units];
  }

  call(inputs: Tensor | Tensor[], _ctx: CallContext): Tensor {
    const x = singleTensor(this, inputs);
    const s = this.checkShape(x.shape);
    const inFeatures = this.kernel!.shape[0];
    if (s[s.length - 1] !== inFeatures) {
      throw new ShapeError(
        `${this.describe()} expects ${inFeatures} input features [batch, ..., ${inFeatures}], received ${formatShape(s)}`,
      );
    }
    return tidy(() => {
      const flat = x.rank === 2 ? x : ops.reshape(x, [-1, inFeatures]);
      let y: Tensor = ops.matMul(flat, this.weightValue(this.kernel!));
      if (this.bias) y = ops.add(y, this.weightValue(this.bias));
      if (x.rank !== 2) y = ops.reshape(y, [...x.shape.slice(0, -1), this.units]);
      return this.activation(y);
    });
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      units: this.units,
      activation: serializeActivation(this.activation),
      useBias: this.useBias,
      kernelInitializer: serializeInitializer(this.kernelInitializer),
      biasInitializer: serializeInitializer(this.biasInitializer),
      ...(this.kernelRegularizer && { kernelRegularizer: serializeRegularizer(this.kernelRegularizer) }),
      ...(this.biasRegularizer && { biasRegularizer: serializeRegularizer(this.biasRegularizer) }),
    };
  }
}
