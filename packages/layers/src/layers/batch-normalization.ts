import { formatShape, ops, type Shape, ShapeError, type Tensor, tidy } from '@convkit/core';
import { Layer, type LayerArgs, type LayerWeight, type WeightSpec } from '../engine/layer';
import type { CallContext, Initializer, Regularizer } from '../engine/types';
import { getInitializer, type InitializerIdentifier, serializeInitializer } from '../initializers';
import { getRegularizer, type RegularizerIdentifier, serializeRegularizer } from '../regularizers';
import { integer, numberInRange, optionalBoolean, singleShape, singleTensor } from './utils';

/** Options of `BatchNormalization` (Keras names and defaults). */
export interface BatchNormalizationArgs extends LayerArgs {
  /**
   * The feature axis, normalised per entry. Default -1 (channels last).
   *
   * @defaultValue `-1`
   */
  axis?: number;
  /**
   * Moving-average momentum. Default 0.99.
   *
   * @defaultValue `0.99`
   */
  momentum?: number;
  /**
   * Added to the variance. Default 1e-3.
   *
   * @defaultValue `1e-3`
   */
  epsilon?: number;
  /**
   * Learn an offset `beta`. Default true.
   *
   * @defaultValue `true`
   */
  center?: boolean;
  /**
   * Learn a scale `gamma`. Default true.
   *
   * @defaultValue `true`
   */
  scale?: boolean;
  /**
   * Initializer of the offset `beta`. Default `'zeros'`.
   *
   * @defaultValue `'zeros'`
   */
  betaInitializer?: InitializerIdentifier;
  /**
   * Initializer of the scale `gamma`. Default `'ones'`.
   *
   * @defaultValue `'ones'`
   */
  gammaInitializer?: InitializerIdentifier;
  /**
   * Initializer of the moving mean. Default `'zeros'`.
   *
   * @defaultValue `'zeros'`
   */
  movingMeanInitializer?: InitializerIdentifier;
  /**
   * Initializer of the moving variance. Default `'ones'`.
   *
   * @defaultValue `'ones'`
   */
  movingVarianceInitializer?: InitializerIdentifier;
  /**
   * Penalty on `beta` added to the loss. Default none.
   *
   * @defaultValue none
   */
  betaRegularizer?: RegularizerIdentifier;
  /**
   * Penalty on `gamma` added to the loss. Default none.
   *
   * @defaultValue none
   */
  gammaRegularizer?: RegularizerIdentifier;
}

/**
 * Batch normalisation over every axis but `axis`.
 *
 * Training (`training: true` and the layer trainable): normalises with the
 * batch mean and (biased) variance, and updates the non-trainable moving
 * statistics `moving = momentum · moving + (1 − momentum) · batch`, with the
 * batch variance Bessel-corrected (n / (n − 1)) as in Keras's fused kernel and
 * tfjs-layers. The update is a `variable.assign` of a value computed without
 * the tape's help, so it is safe inside `variableGrads`.
 * Inference: normalises with the moving statistics.
 *
 * @example
 * ```ts
 * import { BatchNormalization, Conv2D, ReLU } from '@convkit/layers';
 *
 * // conv → batch norm → relu, the usual order
 * const block = [new Conv2D({ filters: 32, kernelSize: 3, useBias: false }), new BatchNormalization(), new ReLU()];
 * ```
 */
export class BatchNormalization extends Layer {
  static override readonly className = 'BatchNormalization';

  /** The feature axis. */
  readonly axis: number;
  /** Moving-average momentum. */
  readonly momentum: number;
  /** Added to the variance. */
  readonly epsilon: number;
  /** Whether the offset `beta` is learnt. */
  readonly center: boolean;
  /** Whether the scale `gamma` is learnt. */
  readonly scale: boolean;
  /** Initializer of `beta`. */
  readonly betaInitializer: Initializer;
  /** Initializer of `gamma`. */
  readonly gammaInitializer: Initializer;
  /** Initializer of the moving mean. */
  readonly movingMeanInitializer: Initializer;
  /** Initializer of the moving variance. */
  readonly movingVarianceInitializer: Initializer;
  /** Penalty on `beta`, if any. */
  readonly betaRegularizer?: Regularizer;
  /** Penalty on `gamma`, if any. */
  readonly gammaRegularizer?: Regularizer;
  /** Learnt scale, once built (absent without `scale`). */
  gamma?: LayerWeight;
  /** Learnt offset, once built (absent without `center`). */
  beta?: LayerWeight;
  /** Moving mean used at inference, once built. */
  movingMean?: LayerWeight;
  /** Moving variance used at inference, once built. */
  movingVariance?: LayerWeight;

  /**
   * @param args - `axis` (default -1), `momentum` (default 0.99), `epsilon` (default 1e-3), `center`, `scale`, initializers, regularizers; see {@link BatchNormalizationArgs}.
   * @throws {ConfigError} when an option is invalid.
   */
  constructor(args: BatchNormalizationArgs = {}) {
    super(args);
    const d = this.describe();
    this.axis = integer(d, 'axis', args.axis ?? -1);
    this.momentum = numberInRange(d, 'momentum', args.momentum ?? 0.99, 0, 1);
    this.epsilon = numberInRange(d, 'epsilon', args.epsilon ?? 1e-3, 0, Number.POSITIVE_INFINITY, {
      minInclusive: false,
    });
    this.center = optionalBoolean(d, 'center', args.center, true);
    this.scale = optionalBoolean(d, 'scale', args.scale, true);
    this.betaInitializer = getInitializer(args.betaInitializer ?? 'zeros');
    this.gammaInitializer = getInitializer(args.gammaInitializer ?? 'ones');
    this.movingMeanInitializer = getInitializer(args.movingMeanInitializer ?? 'zeros');
    this.movingVarianceInitializer = getInitializer(args.movingVarianceInitializer ?? 'ones');
    if (args.betaRegularizer) this.betaRegularizer = getRegularizer(args.betaRegularizer);
    if (args.gammaRegularizer) this.gammaRegularizer = getRegularizer(args.gammaRegularizer);
  }

  /** The normalised axis as a non-negative index for an input of `rank`. */
  private axisFor(shape: Shape): number {
    const ax = this.axis < 0 ? shape.length + this.axis : this.axis;
    if (ax < 1 || ax >= shape.length) {
      throw new ShapeError(
        `${this.describe()}: axis ${this.axis} is not a feature axis of an input of shape ${formatShape(shape)}`,
      );
    }
    return ax;
  }

  /** `gamma [n]` (with `scale`), `beta [n]` (with `center`), `moving_mean [n]`, `moving_variance [n]`; n = size on `axis`. */
  override weightSpecs(inputShape: Shape | Shape[]): WeightSpec[] {
    const s = singleShape(this, inputShape);
    const n = s[this.axisFor(s)];
    if (n === null)
      throw new ShapeError(`${this.describe()} needs a known size on axis ${this.axis}, received ${formatShape(s)}`);
    const names = [
      ...(this.scale ? ['gamma'] : []),
      ...(this.center ? ['beta'] : []),
      'moving_mean',
      'moving_variance',
    ];
    return names.map((name) => ({ name, shape: [n] }));
  }

  override build(inputShape: Shape | Shape[]): void {
    // Every weight has the same shape [n].
    const n = this.weightSpecs(inputShape)[0].shape;
    if (this.scale)
      this.gamma = this.addWeight('gamma', n, this.gammaInitializer, { regularizer: this.gammaRegularizer });
    if (this.center) this.beta = this.addWeight('beta', n, this.betaInitializer, { regularizer: this.betaRegularizer });
    this.movingMean = this.addWeight('moving_mean', n, this.movingMeanInitializer, { trainable: false });
    this.movingVariance = this.addWeight('moving_variance', n, this.movingVarianceInitializer, { trainable: false });
  }

  /** Same rank and the same size on the normalised axis as at build time. */
  protected override checkInputShape(inputShape: Shape | Shape[]): void {
    const built = this.builtInputShape as Shape | undefined;
    const s = singleShape(this, inputShape);
    if (!built) return;
    if (s.length !== built.length || s[this.axisFor(s)] !== built[this.axisFor(built)]) {
      throw new ShapeError(
        `${this.describe()} was built for inputs of shape ${formatShape(built)}, received ${formatShape(s)}`,
      );
    }
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = singleShape(this, inputShape);
    this.axisFor(s);
    return s;
  }

  call(inputs: Tensor | Tensor[], ctx: CallContext): Tensor {
    const x = singleTensor(this, inputs);
    this.checkInputShape(x.shape);
    const ax = this.axisFor(x.shape);
    const rank = x.rank;
    const reduceAxes = [...Array(rank).keys()].filter((i) => i !== ax);
    // Per-feature vectors broadcast along `ax`.
    const bshape = x.shape.map((d, i) => (i === ax ? d : 1));
    const useBatch = ctx.training && this.trainable;
    return tidy(() => {
      let mean: Tensor;
      let variance: Tensor;
      if (useBatch) {
        const m = ops.moments(x, reduceAxes, true);
        mean = m.mean;
        variance = m.variance;
        this.updateMovingStats(x, mean, variance, reduceAxes);
      } else {
        mean = ops.reshape(this.movingMean!.variable, bshape);
        variance = ops.reshape(this.movingVariance!.variable, bshape);
      }
      let y = ops.mul(ops.sub(x, mean), ops.rsqrt(ops.add(variance, this.epsilon)));
      if (this.gamma) y = ops.mul(y, ops.reshape(this.gamma.variable, bshape));
      if (this.beta) y = ops.add(y, ops.reshape(this.beta.variable, bshape));
      return y;
    });
  }

  private updateMovingStats(x: Tensor, mean: Tensor, variance: Tensor, reduceAxes: number[]): void {
    const n = reduceAxes.reduce((a, i) => a * x.shape[i], 1);
    const correction = n / Math.max(n - 1, 1);
    const m = this.momentum;
    tidy(() => {
      const features = [this.movingMean!.shape[0]];
      const batchMean = ops.reshape(mean, features);
      const batchVar = ops.mul(ops.reshape(variance, features), correction);
      const mm = this.movingMean!.variable;
      const mv = this.movingVariance!.variable;
      mm.assign(ops.add(ops.mul(mm, m), ops.mul(batchMean, 1 - m)));
      mv.assign(ops.add(ops.mul(mv, m), ops.mul(batchVar, 1 - m)));
    });
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      axis: this.axis,
      momentum: this.momentum,
      epsilon: this.epsilon,
      center: this.center,
      scale: this.scale,
      betaInitializer: serializeInitializer(this.betaInitializer),
      gammaInitializer: serializeInitializer(this.gammaInitializer),
      movingMeanInitializer: serializeInitializer(this.movingMeanInitializer),
      movingVarianceInitializer: serializeInitializer(this.movingVarianceInitializer),
      ...(this.betaRegularizer && { betaRegularizer: serializeRegularizer(this.betaRegularizer) }),
      ...(this.gammaRegularizer && { gammaRegularizer: serializeRegularizer(this.gammaRegularizer) }),
    };
  }
}
