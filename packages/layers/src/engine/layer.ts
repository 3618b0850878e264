/**
 * The `Layer` base class. A layer owns its weights (tfjs variables), builds
 * them lazily from the first input shape it sees, computes its output shape
 * without running, and can be applied either to real tensors (eager) or to
 * `SymbolicTensor`s (to wire a functional `Model`).
 */
import {
  ConfigError,
  clone,
  formatShape,
  getRng,
  ops,
  type Shape,
  ShapeError,
  type Tensor,
  type Variable,
  variable,
} from '@convkit/core';
import { toSnakeCase, uniqueLayerName } from './names';
import { preview } from './preview';
import { isSymbolic, SymbolicTensor } from './symbolic-tensor';
import type { CallContext, Initializer, Regularizer } from './types';

export { resetLayerNames, toSnakeCase, uniqueLayerName } from './names';
export { isSymbolic, SymbolicTensor } from './symbolic-tensor';

/** Options every layer accepts. */
export interface LayerArgs {
  /**
   * Unique name; defaults to the class name in snake case plus a counter (`conv2d_1`).
   *
   * @defaultValue the class name in snake case plus a counter, e.g. `conv2d_1`
   */
  name?: string;
  /**
   * When false, the layer's weights are not updated by `fit`. Default true.
   *
   * @defaultValue `true`
   */
  trainable?: boolean;
  /** Shape of one sample, without the batch dimension. Marks the first layer of a `Sequential`. */
  inputShape?: number[];
}

/** One weight of a layer: a variable plus how it is trained and regularised. */
export class LayerWeight {
  /**
   * Created by {@link Layer.addWeight}; not meant to be built by hand.
   *
   * @param name - Full name, `layerName/weightName`.
   * @param variable - The tfjs variable holding the value.
   * @param ownTrainable - Whether the weight itself is trainable (batch-norm moving statistics are not).
   * @param owner - The layer that owns it.
   * @param regularizer - Penalty added to the loss, if any.
   */
  constructor(
    /** Full name, `layerName/weightName`. */
    readonly name: string,
    /** The variable holding the value (its own name is made unique per process). */
    readonly variable: Variable,
    private readonly ownTrainable: boolean,
    private readonly owner: Layer,
    /** Penalty on this weight added to the training loss, if any. */
    readonly regularizer?: Regularizer,
  ) {}

  /** Trainable when both the weight and its layer are. */
  get trainable(): boolean {
    return this.ownTrainable && this.owner.trainable;
  }

  /** Shape of the value. */
  get shape(): number[] {
    return this.variable.shape;
  }

  /**
   * Replaces the value, checking the shape. The caller keeps ownership of `value`.
   *
   * @param value - New value of the same shape (cast to the weight's dtype when needed).
   * @throws {ShapeError} when the shape differs.
   */
  write(value: Tensor): void {
    const a = this.variable.shape;
    const b = value.shape;
    if (a.length !== b.length || a.some((d, i) => d !== b[i])) {
      throw new ShapeError(
        `Weight '${this.name}' has shape ${formatShape(a)}; cannot assign a value of shape ${formatShape(b)}`,
      );
    }
    this.variable.assign(value.dtype === this.variable.dtype ? value : ops.cast(value, this.variable.dtype));
  }
}

/** A weight `build` would create: its short name (`kernel`) and shape. */
export interface WeightSpec {
  /** Short name, e.g. `'kernel'`. */
  name: string;
  /** Full shape of the weight. */
  shape: number[];
}

/**
 * The parameter budget of the model being rebuilt from a config (see
 * `withWeightBudget`): `addWeight` refuses a weight that does not fit before
 * allocating it, whatever layer class asks for it.
 */
let budget: { remaining: number; describe: string } | undefined;

/**
 * Runs `fn` (which builds layers) with at most `maxParams` parameters to
 * spend: an `addWeight` past it throws a `ConfigError` saying `describe` (e.g.
 * `'maxParams = 100000000'`) instead of allocating. Budgets do not nest: an
 * inner call replaces the outer one until it returns. Used by the model
 * loaders as a backstop behind `planTopology`, which counts the built-in
 * layers' parameters without building anything.
 *
 * @param maxParams - Parameters allowed in total.
 * @param describe - Names the limit in messages.
 * @param fn - Builds the layers.
 * @returns What `fn` returned.
 * @throws {ConfigError} from `addWeight` when a weight would exceed the budget.
 */
export function withWeightBudget<T>(maxParams: number, describe: string, fn: () => T): T {
  const outer = budget;
  budget = { remaining: maxParams, describe };
  try {
    return fn();
  } finally {
    budget = outer;
  }
}

/** Base class of every layer. */
export abstract class Layer {
  /** Serialisation name; every concrete layer overrides it and registers itself. */
  static readonly className: string = 'Layer';

  /** Unique layer name, e.g. `'conv2d_1'`; prefixes its weights' names. */
  readonly name: string;
  /** When false, `fit` leaves this layer's weights unchanged (fine-tuning, transfer learning). */
  trainable: boolean;
  /** Whether the weights have been created (by the first call or `build`). */
  built = false;
  /** `[null, ...inputShape]` when `inputShape` was given. */
  readonly batchInputShape?: Shape;
  /** The input shape the layer was built for (with the batch dimension). */
  protected builtInputShape?: Shape | Shape[];
  private readonly ownWeights: LayerWeight[] = [];
  /**
   * Optional hook used by compression tools (`@convkit/compress`): when set,
   * layers with kernels (Conv2D, DepthwiseConv2D, SeparableConv2D, Dense) read
   * each weight through it, e.g. to fake-quantize it during training. It runs
   * inside the layer's `tidy` and under the gradient tape, so it must return a
   * tensor computed from `value` (or `value` itself). Not serialised.
   */
  weightTransform?: (weight: LayerWeight, value: Tensor) => Tensor;
  /**
   * Optional hook applied to the layer's output on real tensors (not symbolic
   * ones), e.g. to fake-quantize activations. Runs under the gradient tape; the
   * returned tensor replaces the output. Not serialised.
   */
  outputTransform?: (output: Tensor, ctx: CallContext) => Tensor;
  /**
   * Optional hook used by compression tools (`@convkit/compress`) to run a
   * compressed layer on specialised inference kernels (int8, sparse): when set,
   * calls that are not training (`predict`, `evaluate`, `apply` without
   * `training: true`) return its result in place of `call` followed by
   * `outputTransform`, unless it returns `undefined`. Training calls never use
   * it. It must compute what `call` + `outputTransform` compute (up to the
   * kernels' rounding). Not serialised.
   */
  inferenceOverride?: (inputs: Tensor | Tensor[]) => Tensor | undefined;

  /**
   * @param args - `name`, `trainable` and `inputShape`; see {@link LayerArgs}.
   * @throws {ConfigError} when `name` is empty, `trainable` is not a boolean or `inputShape` is not a list of positive integers.
   */
  constructor(args: LayerArgs = {}) {
    const opts: LayerArgs = typeof args === 'object' && args !== null ? args : {};
    if (opts.name !== undefined && (typeof opts.name !== 'string' || opts.name.length === 0)) {
      throw new ConfigError(`${this.className} layer: name must be a non-empty string, got ${preview(opts.name)}`);
    }
    this.name = opts.name ?? uniqueLayerName(toSnakeCase(this.className));
    if (opts.trainable !== undefined && typeof opts.trainable !== 'boolean') {
      throw new ConfigError(`${this.describe()}: trainable must be true or false, got ${preview(opts.trainable)}`);
    }
    this.trainable = opts.trainable ?? true;
    if (opts.inputShape !== undefined) {
      if (
        !Array.isArray(opts.inputShape) ||
        opts.inputShape.some((d) => typeof d !== 'number' || !Number.isSafeInteger(d) || d <= 0)
      ) {
        throw new ConfigError(
          `${this.describe()}: inputShape must be an array of positive integers, got ${preview(opts.inputShape)}`,
        );
      }
      this.batchInputShape = [null, ...opts.inputShape];
    }
  }

  /**
   * The input shape the layer was built for, batch dimension included (`null`
   * or the size of the first batch it saw); undefined until it is built. A
   * `Sequential` whose first layer is already built (say, a layer of a loaded
   * model, reused under a new head) takes its input shape from it.
   */
  get inputShapeBuilt(): Shape | Shape[] | undefined {
    return this.builtInputShape;
  }

  /** The registered class name (`Conv2D`, `Dense`, ...). */
  get className(): string {
    return (this.constructor as typeof Layer).className;
  }

  /** `Layer "conv2d_1" (Conv2D)`, for error messages. */
  describe(): string {
    return `${this.className} layer "${this.name ?? '?'}"`;
  }

  /**
   * Creates the weights for an input of `inputShape` (batch dimension included, may be `null`).
   *
   * @param _inputShape - Input shape, batch dimension included (may be `null`).
   * @throws {ShapeError} when the layer cannot take this input (wrong rank, unknown channel dimension, ...).
   * @throws {ConfigError} when the model's parameter budget would be exceeded.
   */
  build(_inputShape: Shape | Shape[]): void {}

  /**
   * The weights `build(inputShape)` creates (short name and shape), computed
   * from the config alone: no tensor is created. The loaders sum these to
   * refuse a model that asks for too many parameters before building it.
   * Throws like `build` for an input it cannot take. Default: no weights; a
   * layer that creates weights overrides it (and builds from it, so the two
   * cannot disagree).
   *
   * @param _inputShape - Input shape, batch dimension included.
   * @returns One entry per weight, in creation order.
   */
  weightSpecs(_inputShape: Shape | Shape[]): WeightSpec[] {
    return [];
  }

  /**
   * Output shape for an input shape, without running the layer. Default: unchanged.
   *
   * @param inputShape - Input shape, batch dimension included.
   * @returns The output shape.
   * @throws {ShapeError} when the layer cannot take this input.
   */
  computeOutputShape(inputShape: Shape | Shape[]): Shape {
    if (isShapeList(inputShape)) {
      throw new ShapeError(`${this.describe()} takes one input, received ${inputShape.length}`);
    }
    return inputShape;
  }

  /**
   * The layer's forward computation on real tensors.
   *
   * @param inputs - Input tensor(s), already checked against the built shape.
   * @param ctx - `training`: true inside `fit`.
   * @returns The output; intermediates are freed.
   */
  abstract call(inputs: Tensor | Tensor[], ctx: CallContext): Tensor;

  /**
   * Checks that an input shape is acceptable once built. The default requires
   * the same rank and the same last (channel/feature) dimension as at build time.
   *
   * @param inputShape - Shape of the new input.
   * @throws {ShapeError} when it is not compatible with the built shape.
   */
  protected checkInputShape(inputShape: Shape | Shape[]): void {
    const built = this.builtInputShape;
    if (built === undefined || isShapeList(inputShape) || isShapeList(built)) return;
    const rankOk = built.length === inputShape.length;
    const lastOk = built[built.length - 1] === null || built[built.length - 1] === inputShape[inputShape.length - 1];
    if (!rankOk || !lastOk) {
      throw new ShapeError(
        `${this.describe()} was built for inputs of shape ${formatShape(built)}, received ${formatShape(inputShape)}`,
      );
    }
  }

  /**
   * Builds the layer for `inputShape` if needed, then validates the shape.
   *
   * @param inputShape - Input shape, batch dimension included.
   * @throws {ShapeError} when the layer cannot take this input.
   */
  ensureBuilt(inputShape: Shape | Shape[]): void {
    if (!this.built) {
      this.build(inputShape);
      this.builtInputShape = inputShape;
      this.built = true;
    } else {
      this.checkInputShape(inputShape);
    }
  }

  /**
   * Applies the layer to symbolic tensors (functional API): builds it for their
   * shape and returns the symbolic output.
   *
   * @param inputs - Output(s) of {@link Input} or of other layers.
   * @returns The symbolic output, for wiring a {@link Model}.
   * @throws {ShapeError} when the layer cannot take this input.
   *
   * @example
   * ```ts
   * import { Conv2D, Dense, Flatten, Input, Model } from '@convkit/layers';
   *
   * const input = Input({ shape: [28, 28, 1] });
   * const features = new Flatten().apply(new Conv2D({ filters: 8, kernelSize: 3, activation: 'relu' }).apply(input));
   * const model = new Model({ inputs: input, outputs: new Dense({ units: 10, activation: 'softmax' }).apply(features) });
   * ```
   */
  apply(inputs: SymbolicTensor | SymbolicTensor[]): SymbolicTensor;
  /**
   * Applies the layer to real tensors (eager), building it on first use.
   *
   * @param inputs - Input tensor(s), batch dimension first.
   * @param ctx - `training` (default false): dropout and batch norm behave as in `fit`.
   * @returns The output, owned by the caller.
   * @throws {ShapeError} when the input's shape does not fit the layer.
   */
  apply(inputs: Tensor | Tensor[], ctx?: Partial<CallContext>): Tensor;
  apply(
    inputs: SymbolicTensor | SymbolicTensor[] | Tensor | Tensor[],
    ctx: Partial<CallContext> = {},
  ): SymbolicTensor | Tensor {
    if (isSymbolic(inputs)) {
      const list = Array.isArray(inputs) ? inputs : [inputs];
      const shapes = list.map((t) => t.shape);
      const inShape = Array.isArray(inputs) ? shapes : shapes[0];
      this.ensureBuilt(inShape);
      const outShape = this.computeOutputShape(inShape);
      return new SymbolicTensor(outShape, this, list, `${this.name}/output`);
    }
    const tensors = inputs as Tensor | Tensor[];
    const inShape = Array.isArray(tensors) ? tensors.map((t) => t.shape as Shape) : (tensors.shape as Shape);
    this.ensureBuilt(inShape);
    const callCtx: CallContext = { training: ctx.training ?? false };
    if (this.inferenceOverride && !callCtx.training) {
      const fast = this.inferenceOverride(tensors);
      if (fast !== undefined) return fast;
    }
    const out = this.call(tensors, callCtx);
    if (!this.outputTransform) return out;
    // `out` is not disposed here: the gradient tape may need it; the caller's tidy frees it.
    return this.outputTransform(out, callCtx);
  }

  /**
   * The value of `weight` as the forward pass should use it: the variable, or `weightTransform`'s result.
   *
   * @param weight - One of this layer's weights.
   * @returns The tensor to compute with.
   */
  protected weightValue(weight: LayerWeight): Tensor {
    return this.weightTransform ? this.weightTransform(weight, weight.variable) : weight.variable;
  }

  /**
   * Creates a weight. Call from `build`.
   *
   * @param name - Short name, e.g. `'kernel'`.
   * @param shape - Full shape.
   * @param initializer - Produces the initial value.
   * @param opts - `trainable` (default true) and `regularizer`.
   * @returns The new weight.
   * @throws {ConfigError} when the weight would exceed the parameter budget of a model being loaded.
   */
  protected addWeight(
    name: string,
    shape: number[],
    initializer: Initializer,
    opts: { trainable?: boolean; regularizer?: Regularizer } = {},
  ): LayerWeight {
    if (shape.some((d) => !Number.isSafeInteger(d) || d <= 0)) {
      throw new ShapeError(`${this.describe()}: cannot create weight '${name}' of shape ${formatShape(shape)}`);
    }
    const fullName = `${this.name}/${name}`;
    if (budget) {
      const size = shape.reduce((a, b) => a * b, 1);
      if (size > budget.remaining) {
        throw new ConfigError(
          `${this.describe()}: weight '${fullName}' of shape ${formatShape(shape)} (${size} parameters) would take the model past ${budget.describe}; nothing was allocated for it`,
        );
      }
      budget.remaining -= size;
    }
    const init = initializer.init(shape, getRng());
    const v = uniqueVariable(init, opts.trainable ?? true, fullName);
    init.dispose();
    const w = new LayerWeight(fullName, v, opts.trainable ?? true, this, opts.regularizer);
    this.ownWeights.push(w);
    return w;
  }

  /** All weights, in creation order. */
  get weights(): readonly LayerWeight[] {
    return this.ownWeights;
  }

  /** Weights `fit` updates (none when `trainable` is false). */
  get trainableWeights(): LayerWeight[] {
    return this.ownWeights.filter((w) => w.trainable);
  }

  /** Weights `fit` does not update by gradient (e.g. batch-norm moving statistics). */
  get nonTrainableWeights(): LayerWeight[] {
    return this.ownWeights.filter((w) => !w.trainable);
  }

  /**
   * Number of scalar parameters (trainable and not).
   *
   * @returns The total size of all weights.
   */
  countParams(): number {
    return this.ownWeights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
  }

  /**
   * Copies of the weight values, in `weights` order. The caller disposes them.
   *
   * @returns New tensors, one per weight.
   */
  getWeights(): Tensor[] {
    // `clone` as a function: tfjs-core alone does not install the chained tensor methods.
    return this.ownWeights.map((w) => clone(w.variable));
  }

  /**
   * Assigns weight values in `weights` order, checking count and shapes.
   *
   * @param values - One tensor per weight, in `weights` order; the caller keeps them.
   * @throws {ShapeError} when the count or a shape differs.
   */
  setWeights(values: readonly Tensor[]): void {
    if (values.length !== this.ownWeights.length) {
      throw new ShapeError(
        `${this.describe()} has ${this.ownWeights.length} weights, received ${values.length} values`,
      );
    }
    this.ownWeights.forEach((w, i) => w.write(values[i]));
  }

  /**
   * This layer's regularisation penalties, one scalar per regularised weight.
   *
   * @returns New scalar tensors, one per regularised weight (empty when none).
   */
  regularizationLosses(): Tensor[] {
    return this.ownWeights.filter((w) => w.regularizer && w.trainable).map((w) => w.regularizer!.apply(w.variable));
  }

  /**
   * Constructor options that rebuild this layer (Keras `get_config`). Subclasses extend it.
   *
   * @returns JSON-able options.
   */
  getConfig(): Record<string, unknown> {
    const config: Record<string, unknown> = { name: this.name, trainable: this.trainable };
    if (this.batchInputShape) config.inputShape = this.batchInputShape.slice(1);
    return config;
  }

  /** Frees the layer's weights. The layer cannot be used afterwards. */
  dispose(): void {
    for (const w of this.ownWeights) w.variable.dispose();
    this.ownWeights.length = 0;
    this.built = false;
  }
}

/**
 * tfjs registers variables by name in one global table, so a second layer with
 * the same name (a deserialised copy, a loaded model beside the original) would
 * throw. The variable keeps `name` when it is free and gets `name_N` otherwise;
 * `LayerWeight.name` is unchanged. Key gradients by `weight.variable.name`.
 */
function uniqueVariable(init: Tensor, trainable: boolean, name: string): Variable {
  for (let i = 0; ; i++) {
    try {
      return variable(init, trainable, i === 0 ? name : `${name}_${i}`);
    } catch (e) {
      if (!/already registered/.test(String(e)) || i > 10_000) throw e;
    }
  }
}

/** True for a list of shapes (multi-input layers), false for a single shape. */
export function isShapeList(shape: Shape | Shape[]): shape is Shape[] {
  return shape.length > 0 && Array.isArray(shape[0]);
}
