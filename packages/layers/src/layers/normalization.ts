import { ConfigError, formatShape, ops, type Shape, ShapeError, type Tensor, tensor, tidy } from '@convkit/core';
import { Layer, type LayerArgs, type LayerWeight, type WeightSpec } from '../engine/layer';
import { preview } from '../engine/preview';
import type { CallContext } from '../engine/types';
import { getInitializer } from '../initializers';
import { optionalBoolean, singleShape, singleTensor } from './utils';

/** Options of `Normalization` (Keras's names and defaults). */
export interface NormalizationArgs extends LayerArgs {
  /**
   * The feature axis whose entries get their own mean and variance; only the last axis, -1.
   *
   * @defaultValue `-1`
   */
  axis?: number;
  /**
   * The mean to subtract: one number, or one per feature. Give `variance` with it; without both,
   * the layer has `mean` and `variance` weights, set by `adapt(data)` or loaded with the model.
   */
  mean?: number | readonly number[];
  /** The variance to divide by the square root of: one number, or one per feature (with `mean`). */
  variance?: number | readonly number[];
  /**
   * Undo the normalisation instead (`x · √variance + mean`).
   *
   * @defaultValue `false`
   */
  invert?: boolean;
}

/** Keras's `backend.epsilon()`: the smallest standard deviation divided by. */
const EPSILON = 1e-7;

/**
 * `(x − mean) / max(√variance, 1e-7)` per feature of the last axis, as
 * Keras's `Normalization` computes it (`invert: true` undoes it). The mean
 * and variance are given as options, or are non-trainable weights that
 * `adapt(data)` computes from data (or that a loaded model brings).
 *
 * @example
 * ```ts
 * import { type Tensor, tensor } from '@convkit/core';
 * import { Normalization } from '@convkit/layers';
 *
 * const norm = new Normalization();
 * const data = tensor([1, 10, 3, 30], [2, 2]);
 * norm.adapt(data); // mean [2, 20], variance [1, 100]
 * console.log(await (norm.apply(data) as Tensor).array()); // [[-1, -1], [1, 1]]
 * ```
 */
export class Normalization extends Layer {
  static override readonly className = 'Normalization';

  /** The feature axis (-1). */
  readonly axis: number;
  /** The given mean, or `undefined` when it is a weight. */
  readonly mean: number | readonly number[] | undefined;
  /** The given variance, or `undefined` when it is a weight. */
  readonly variance: number | readonly number[] | undefined;
  /** Whether the layer undoes the normalisation. */
  readonly invert: boolean;
  private meanWeight?: LayerWeight;
  private varianceWeight?: LayerWeight;

  /**
   * @param args - `mean` and `variance` (both or neither), `invert`, `axis` (-1), plus the common layer options.
   * @throws {ConfigError} for another axis, only one of mean and variance, a negative variance, or values that are not finite numbers.
   */
  constructor(args: NormalizationArgs = {}) {
    super(args);
    const d = this.describe();
    this.axis = args.axis ?? -1;
    if (this.axis !== -1)
      throw new ConfigError(`${d}: axis ${preview(args.axis)} is not supported (only -1, the last axis)`);
    this.invert = optionalBoolean(d, 'invert', args.invert, false);
    if ((args.mean === undefined) !== (args.variance === undefined)) {
      throw new ConfigError(`${d}: give both mean and variance, or neither (then adapt the layer or load its weights)`);
    }
    this.mean = args.mean === undefined ? undefined : values(d, 'mean', args.mean, Number.NEGATIVE_INFINITY);
    this.variance = args.variance === undefined ? undefined : values(d, 'variance', args.variance, 0);
    if (Array.isArray(this.mean) && Array.isArray(this.variance) && this.mean.length !== this.variance.length) {
      throw new ConfigError(
        `${d}: mean has ${this.mean.length} values and variance ${this.variance.length}; give one per feature for both`,
      );
    }
  }

  private get constant(): boolean {
    return this.mean !== undefined;
  }

  /** The size of the last axis, checked against per-feature constants. */
  private features(inputShape: Shape | Shape[]): number {
    const s = singleShape(this, inputShape);
    const n = s[s.length - 1];
    if (s.length < 2 || n === null) {
      throw new ShapeError(`${this.describe()} needs inputs with a known last axis, received ${formatShape(s)}`);
    }
    for (const [name, v] of [
      ['mean', this.mean],
      ['variance', this.variance],
    ] as const) {
      if (Array.isArray(v) && v.length !== 1 && v.length !== n) {
        throw new ShapeError(
          `${this.describe()}: ${name} has ${v.length} values but the input ${formatShape(s)} has ${n} features`,
        );
      }
    }
    return n;
  }

  /** `mean [n]` and `variance [n]` (non-trainable), unless both are given as options. */
  override weightSpecs(inputShape: Shape | Shape[]): WeightSpec[] {
    const n = this.features(inputShape);
    return this.constant
      ? []
      : [
          { name: 'mean', shape: [n] },
          { name: 'variance', shape: [n] },
        ];
  }

  override build(inputShape: Shape | Shape[]): void {
    for (const spec of this.weightSpecs(inputShape)) {
      const w = this.addWeight(spec.name, spec.shape, getInitializer(spec.name === 'mean' ? 'zeros' : 'ones'), {
        trainable: false,
      });
      if (spec.name === 'mean') this.meanWeight = w;
      else this.varianceWeight = w;
    }
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    this.features(inputShape);
    return singleShape(this, inputShape);
  }

  /**
   * Sets the `mean` and `variance` weights to the per-feature mean and
   * (population) variance of `data` over every axis but the last, as Keras's
   * `adapt` does. Builds the layer for `data`'s shape if needed.
   *
   * @param data - Samples, the features on the last axis (e.g. `[n, h, w, c]` images).
   * @throws {ConfigError} when the layer was given `mean` and `variance` as options.
   * @throws {ShapeError} when `data` does not fit the layer.
   */
  adapt(data: Tensor): void {
    if (this.constant)
      throw new ConfigError(`${this.describe()}: it was given mean and variance; adapt() applies only without them`);
    this.ensureBuilt(data.shape);
    tidy(() => {
      const axes = [...Array(data.rank - 1).keys()];
      const { mean, variance } = ops.moments(data, axes);
      this.meanWeight!.variable.assign(mean);
      this.varianceWeight!.variable.assign(variance);
    });
  }

  call(inputs: Tensor | Tensor[], _ctx: CallContext): Tensor {
    const x = singleTensor(this, inputs);
    return tidy(() => {
      const mean = this.meanWeight?.variable ?? constant(this.mean as number | number[]);
      const variance = this.varianceWeight?.variable ?? constant(this.variance as number | number[]);
      const std = ops.maximum(ops.sqrt(variance), EPSILON);
      return this.invert ? ops.add(mean, ops.mul(x, std)) : ops.div(ops.sub(x, mean), std);
    });
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      axis: this.axis,
      invert: this.invert,
      ...(this.constant && { mean: copy(this.mean), variance: copy(this.variance) }),
    };
  }
}

function copy(v: number | readonly number[] | undefined): number | number[] | undefined {
  return Array.isArray(v) ? [...v] : (v as number | undefined);
}

function constant(v: number | readonly number[]): Tensor {
  return Array.isArray(v) ? tensor([...v], [v.length]) : tensor([v as number], [1]);
}

/** One finite number ≥ `min`, or a non-empty list of them (at most 2^20). */
function values(owner: string, name: string, v: unknown, min: number): number | number[] {
  const ok = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= min;
  if (ok(v)) return v;
  if (Array.isArray(v) && v.length > 0 && v.length <= 2 ** 20 && v.every(ok)) return [...v];
  const what = min === 0 ? 'non-negative finite numbers' : 'finite numbers';
  throw new ConfigError(`${owner}: ${name} must be a number or a list of ${what}, got ${preview(v)}`);
}
