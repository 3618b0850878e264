/**
 * `LayersModel`: what `Sequential` and the functional `Model` share —
 * compile, fit, evaluate, predict, summary, weights. The loops live beside
 * it: `fit.ts` (training loop), `train-step.ts` (the guarded step),
 * `evaluate.ts`, and the checks in `batch-checks.ts` / `dataset-checks.ts`.
 * Everything a call creates is freed, so the live tensor count is the same
 * before and after every call, failed ones included.
 */
import {
  type BatchSource,
  ConfigError,
  createOptimizer,
  dispose,
  isOptimizer,
  type Optimizer,
  ops,
  type Shape,
  ShapeError,
  type Tensor,
  tidy,
} from '@convkit/core';
import { getActivation } from '../activations';
import type { Layer, LayerWeight } from '../engine/layer';
import type { ActivationFn, Serialized } from '../engine/types';
import { checkModelInput, checkPair } from './batch-checks';
import { isTensor, positiveInt, sliceBatch, tensorBatches } from './batches';
import type { Logs } from './callbacks/callback';
import { evaluateBatches } from './evaluate';
import { withNonFiniteRows } from './finite';
import { type FitOptions, fitModel } from './fit';
import type { History } from './history';
import type { ModelArtifacts } from './io/artifacts';
import type { SaveHandler, SaveOptions } from './io/handlers';
import { type ModelJson, modelJsonOf } from './io/model-json';
import type { TfjsArtifacts } from './io/tfjs-artifacts';
import { getLoss, type LossFn } from './losses';
import { getMetric, type Metric } from './metrics/index';
import type { CallOptions, CompileOptions, EvaluateOptions, LayerTap, PredictOptions } from './model-options';
import { type ModelSummary, summarizeModel, summaryLines } from './summary';
import { guardedTrainStep } from './train-step';

export { isTensor, sliceBatch } from './batches';
export type { BatchTransform, BatchTransformInfo, FitOptions } from './fit';

export type { CallOptions, CompileOptions, EvaluateOptions, LayerTap, PredictOptions } from './model-options';

/**
 * A model-level inference route (`LayersModel.inferenceOverride`): the model's
 * output for a batch, or `undefined` to let the layers run.
 */
export interface ModelInferenceOverride {
  (x: Tensor): Tensor | undefined;
  /**
   * True when the route itself gives an all-NaN output row to every sample
   * whose input holds NaN or ±Infinity (and returns a new tensor each call):
   * `predict` then returns its output as is instead of adding its own
   * per-sample NaN guard (a few kernel calls, a sizeable part of a batch-1 call).
   */
  readonly keepsNonFiniteRows?: boolean;
}

/** Base of `Sequential` and `Model`. */
export abstract class LayersModel {
  /** Model name, e.g. `'sequential_1'`. */
  readonly name: string;
  /** Set by a callback to end `fit` after the current batch. */
  stopTraining = false;
  /** The optimizer set by `compile`. */
  optimizer?: Optimizer;
  /** The loss function set by `compile`. */
  lossFn?: LossFn;
  /** The metrics set by `compile`. */
  metrics: Metric[] = [];
  /** Loss and metric names given to `compile`, for saving. */
  protected compileConfig?: {
    /** Loss name. */
    loss: string;
    /** Metric names. */
    metrics: string[];
  };

  /**
   * Optional hook used by compression tools (`@convkit/compress`) to run the
   * whole model on a specialised inference kernel (e.g. an int8 chain that
   * keeps activations as integers from layer to layer): when set, forward
   * passes that are not training and have no `tap` (`predict`, `evaluate`,
   * `call`) return its result in place of running the layers one by one,
   * unless it returns `undefined` (then the layers run, with their own
   * `inferenceOverride`s). It must compute what the layers compute (up to the
   * kernels' rounding), and must check itself that the layers are still as it
   * was made for. Not serialised.
   */
  inferenceOverride?: ModelInferenceOverride;

  /** @param name - Model name. */
  protected constructor(name: string) {
    this.name = name;
  }

  /** The layers in execution order (each once). */
  abstract get layers(): Layer[];
  /** Input shape with a `null` batch dimension. */
  abstract get inputShape(): Shape;
  /** Output shape with a `null` batch dimension. */
  abstract get outputShape(): Shape;
  /** Runs the model on a batch, passing each layer's output through `tap` when given. */
  protected abstract forward(x: Tensor, training: boolean, tap?: LayerTap): Tensor;

  /** `forward`, or the model's `inferenceOverride` for an inference pass without a tap. */
  private forwardOrOverride(x: Tensor, training: boolean, tap?: LayerTap): Tensor {
    if (!training && !tap && this.inferenceOverride) {
      const fast = this.inferenceOverride(x);
      if (fast !== undefined) return fast;
    }
    return this.forward(x, training, tap);
  }
  /** Output shape of every layer (batch dimension `null`), in `layers` order. */
  abstract layerOutputShapes(): Shape[];
  /** `{ className, config }` describing the architecture (no weights). */
  abstract toConfig(): Serialized;

  /**
   * The model's `model.json` in convkit's format: `{ format: 'convkit-model',
   * version: 1, topology: { className, config }, weightsManifest, training? }`.
   * Weight values are not included (see `toArtifacts` / `saveModel`), so
   * `JSON.stringify(model)` is cheap and never touches the device.
   *
   * @returns The model description, without weight values.
   */
  toJSON(): ModelJson {
    return modelJsonOf(this);
  }

  /** `Model "name"`, for error messages. */
  describe(): string {
    return `Model "${this.name}"`;
  }

  /** Every weight, each once, in layer order. */
  get weights(): LayerWeight[] {
    const seen = new Set<LayerWeight>();
    for (const l of this.layers) for (const w of l.weights) seen.add(w);
    return [...seen];
  }

  /** Weights `fit` updates. */
  get trainableWeights(): LayerWeight[] {
    return this.weights.filter((w) => w.trainable);
  }

  /** Weights `fit` does not update by gradient (frozen layers, batch-norm moving statistics). */
  get nonTrainableWeights(): LayerWeight[] {
    return this.weights.filter((w) => !w.trainable);
  }

  /**
   * Copies of all weight values in `weights` order (the caller disposes them).
   *
   * @returns New tensors, one per weight.
   */
  getWeights(): Tensor[] {
    return this.weights.map((w) => ops.add(w.variable, 0));
  }

  /**
   * Assigns all weight values in `weights` order.
   *
   * @param values - One tensor per weight, in `weights` order; the caller keeps them.
   * @throws {ShapeError} when the count or a shape differs.
   */
  setWeights(values: readonly Tensor[]): void {
    const ws = this.weights;
    if (values.length !== ws.length) {
      throw new ShapeError(`${this.describe()} has ${ws.length} weights, received ${values.length} values`);
    }
    ws.forEach((w, i) => w.write(values[i]));
  }

  /**
   * Total number of parameters.
   *
   * @returns Trainable and non-trainable parameters together.
   */
  countParams(): number {
    return this.weights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
  }

  /**
   * The layer called `name`.
   *
   * @param name - A layer name.
   * @returns The layer.
   * @throws {ConfigError} when no layer has that name.
   */
  getLayer(name: string): Layer {
    const layer = this.layers.find((l) => l.name === name);
    if (!layer)
      throw new ConfigError(
        `${this.describe()} has no layer '${name}'. Layers: ${this.layers.map((l) => l.name).join(', ')}`,
      );
    return layer;
  }

  /**
   * Sets the optimizer, loss and metrics used by `fit` and `evaluate`. Every
   * option is resolved first: an unknown name is a `ConfigError` listing the
   * known ones and leaves the model as it was.
   *
   * Compiling again (say, after unfreezing layers for fine-tuning, with a
   * lower learning rate) replaces the optimizer: the previous one's state
   * (moments, iteration slots) is freed with its `dispose()`, so re-compiling
   * leaks nothing; that instance stays usable and starts from fresh state.
   * Passing the same instance again keeps its state. Changing a layer's
   * `trainable` takes effect at the next step either way: only trainable
   * weights get gradients and optimizer state.
   *
   * @param options - `optimizer` (instance or registered name), `loss` (name or function) and `metrics`.
   * @throws {ConfigError} for an unknown optimizer, loss or metric name (the message lists the known ones).
   *
   * @example
   * ```ts
   * import { Adam } from '@convkit/optim';
   *
   * model.compile({
   *   optimizer: new Adam({ learningRate: 1e-3 }),
   *   loss: 'sparseCategoricalCrossentropy',
   *   metrics: ['accuracy'],
   * });
   * ```
   */
  compile(options: CompileOptions): void {
    const lossFn = getLoss(options.loss);
    const metrics = (options.metrics ?? []).map(getMetric);
    const opt = typeof options.optimizer === 'string' ? createOptimizer(options.optimizer) : options.optimizer;
    if (!isOptimizer(opt))
      throw new ConfigError(`${this.describe()}.compile: optimizer must implement Optimizer or be a registered name`);
    if (this.optimizer && this.optimizer !== opt) this.optimizer.dispose();
    this.optimizer = opt;
    this.lossFn = lossFn;
    this.metrics = metrics;
    this.compileConfig = { loss: lossFn.lossName, metrics: metrics.map((m) => m.name) };
  }

  /** Loss name and metric names given to `compile`, for saving. */
  get trainingConfig():
    | {
        /** Loss name. */
        loss: string;
        /** Metric names. */
        metrics: string[];
        /** The optimizer's `{ className, config }`. */
        optimizer?: Serialized;
      }
    | undefined {
    if (!this.compileConfig) return undefined;
    return {
      ...this.compileConfig,
      optimizer: this.optimizer
        ? { className: this.optimizer.className, config: this.optimizer.getConfig() }
        : undefined,
    };
  }

  private requireCompiled(what: string): { optimizer: Optimizer; lossFn: LossFn } {
    if (!this.optimizer || !this.lossFn) {
      throw new ConfigError(`${this.describe()}: call compile({ optimizer, loss }) before ${what}`);
    }
    return { optimizer: this.optimizer, lossFn: this.lossFn };
  }

  /**
   * Throws a `ShapeError` (shape) or `DataFormatError` (dtype) unless `x` fits the model's input.
   *
   * @param x - The input.
   * @param what - Names the call in messages.
   * @throws {ShapeError} when the shape does not fit the model's input.
   * @throws {DataFormatError} when the dtype is not float32.
   */
  protected checkInput(x: Tensor, what: string): void {
    checkModelInput(this, x, `${this.describe()}.${what}`);
  }

  /**
   * Runs the model on one batch and returns its output, with `training: true`
   * for training behaviour (dropout, batch statistics). Unlike `predict` it
   * does not split `x` into batches and creates intermediate tensors in the
   * caller's scope: call it inside `tidy` or a gradient function (custom
   * training loops, distillation). `tap` sees every layer's output and may
   * replace it (see `LayerTap`).
   *
   * @param x - One batch, `[batch, ...inputShape]`.
   * @param options - `training` (default false), `tap` (see `LayerTap`) and
   *   `logits` (skip the output activation).
   * @returns The output.
   * @throws {ShapeError} when the shape does not fit the model's input.
   */
  call(x: Tensor, options: CallOptions = {}): Tensor {
    this.checkInput(x, 'call');
    const run = () => this.forwardOrOverride(x, options.training ?? false, options.tap);
    if (!options.logits) return run();
    const last = this.layers[this.layers.length - 1] as unknown as { activation: ActivationFn } & Layer;
    if (this.outputActivation() !== 'softmax') {
      throw new ConfigError(
        `${this.describe()}.call: logits: true needs an output layer with a softmax activation; ${last ? `${last.describe()} has activation '${this.outputActivation() ?? 'none'}'` : 'it has no layers'}`,
      );
    }
    const softmax = last.activation;
    last.activation = getActivation('linear');
    try {
      return run();
    } finally {
      last.activation = softmax;
    }
  }

  /**
   * The name of the output layer's `activation` option (`'softmax'`,
   * `'linear'`, `'relu'`, …), or undefined when the output layer has none
   * (e.g. a `Softmax` or `Flatten` layer).
   */
  outputActivation(): string | undefined {
    const last = this.layers[this.layers.length - 1] as unknown as { activation?: unknown } | undefined;
    return typeof last?.activation === 'function' ? (last.activation as ActivationFn).name : undefined;
  }

  /**
   * Runs the model on `x` in inference mode, in batches. Returns a new tensor.
   * A sample whose input holds NaN or ±Infinity gets an all-NaN output row on
   * every backend (some kernels, such as a clip on the wasm backend, would
   * otherwise turn it into plausible-looking scores), so `isNaN` on the
   * result finds it. Refuses a wrong shape (`ShapeError`) or a non-float32
   * input (`DataFormatError`) before creating any tensor.
   *
   * @param x - Inputs, `[n, ...inputShape]`, float32.
   * @param options - `batchSize` (default 32).
   * @returns A new tensor `[n, ...outputShape]`, owned by the caller.
   * @throws {ShapeError} when the shape does not fit the model's input.
   * @throws {DataFormatError} when `x` is not float32.
   *
   * @example
   * ```ts
   * import { dispose, ops } from '@convkit/core';
   *
   * const probs = model.predict(xs, { batchSize: 256 });
   * const classes = ops.argMax(probs, -1);
   * console.log(await classes.data());
   * dispose([probs, classes]);
   * ```
   */
  predict(x: Tensor, options: PredictOptions = {}): Tensor {
    this.checkInput(x, 'predict');
    const batchSize = positiveInt('batchSize', options.batchSize ?? 32);
    const n = x.shape[0];
    const run = (xs: Tensor) =>
      tidy(() => {
        const route = this.inferenceOverride;
        const fast = route?.(xs);
        // The route's output as is when it keeps non-finite samples NaN itself.
        if (fast !== undefined && route?.keepsNonFiniteRows) return fast;
        // Plus 0 for finite samples, NaN for the others, broadcast over each output row.
        return withNonFiniteRows(fast ?? this.forward(xs, false), xs);
      });
    if (n <= batchSize) return run(x);
    const parts: Tensor[] = [];
    try {
      for (let start = 0; start < n; start += batchSize) {
        const size = Math.min(batchSize, n - start);
        parts.push(tidy(() => run(sliceBatch(x, start, size))));
      }
      return ops.concat(parts, 0);
    } finally {
      dispose(parts);
    }
  }

  /**
   * Loss and metrics over `x, y` (or a batch source), in inference mode.
   * Checks like `fit`: the shapes against the model and the loss
   * (`ShapeError`), targets invalid for the loss (`DataFormatError`), and
   * NaN or ±Infinity in the inputs, targets, predictions or loss: those
   * reject with a `NonFiniteError` naming the batch and samples rather than
   * reporting numbers computed from them.
   *
   * @param x - Inputs, or a re-iterable source of batches.
   * @param y - Targets when `x` is a tensor; otherwise the options.
   * @param options - `batchSize` (default 32, when `x` and `y` are tensors) and extra `metrics`
   *   (e.g. a `ConfusionMatrix`) fed with every batch of this call.
   * @returns Resolves to `{ loss, ...metrics }` averaged over all samples.
   * @throws {ConfigError} when the model is not compiled or an option is invalid.
   * @throws {ShapeError} when shapes do not fit the model or the loss.
   * @throws {DataFormatError} when targets are invalid for the loss.
   * @throws {NonFiniteError} when inputs, targets, predictions or the loss are not finite.
   *
   * @example
   * ```ts
   * const { loss, accuracy } = await model.evaluate(xTest, yTest, { batchSize: 256 });
   * ```
   */
  async evaluate(x: Tensor | BatchSource, y?: Tensor | EvaluateOptions, options: EvaluateOptions = {}): Promise<Logs> {
    const { lossFn } = this.requireCompiled('evaluate');
    const context = `${this.describe()}.evaluate`;
    let source: BatchSource;
    let opts = options;
    if (isTensor(x)) {
      if (!isTensor(y)) throw new ConfigError(`${context}(x, y): y is missing`);
      checkPair(this, lossFn, x, y, context, 'the evaluation set');
      source = tensorBatches(x, y, positiveInt('batchSize', options.batchSize ?? 32), null);
    } else {
      source = x;
      if (y !== undefined && !isTensor(y)) opts = y;
    }
    const extra = opts.metrics ?? [];
    if (!Array.isArray(extra) || extra.some((m) => typeof m?.reset !== 'function' || typeof m?.update !== 'function')) {
      throw new ConfigError(`${context}: options.metrics must be an array of metrics or accumulators (reset, update)`);
    }
    return evaluateBatches(this, lossFn, [...this.metrics, ...extra], source, context);
  }

  /**
   * One optimisation step on a batch; resolves to the batch loss. The step is
   * guarded the same way on every backend: when the inputs or targets hold
   * NaN or ±Infinity, or the loss, a gradient, a weight or the optimizer
   * state becomes non-finite, it rejects with a `NonFiniteError` and leaves
   * the weights and the optimizer state as they were (targets invalid for the
   * loss: `DataFormatError`; wrong shapes: `ShapeError`). The checks are read
   * with the loss, in one asynchronous read.
   *
   * @param xs - One batch of inputs.
   * @param ys - Its targets.
   * @returns Resolves to the batch loss.
   * @throws {ConfigError} when the model is not compiled.
   * @throws {ShapeError} when shapes do not fit.
   * @throws {DataFormatError} when targets are invalid for the loss.
   * @throws {NonFiniteError} when the step would produce a non-finite loss, gradient, weight or optimizer state (nothing is changed).
   */
  async trainOnBatch(xs: Tensor, ys: Tensor): Promise<number> {
    const { optimizer, lossFn } = this.requireCompiled('trainOnBatch');
    return guardedTrainStep(
      { model: this, optimizer, lossFn, metrics: this.metrics, context: `${this.describe()}.trainOnBatch` },
      xs,
      ys,
    );
  }

  /**
   * Trains the model. `fit(x, y, options)` takes tensors; `fit(source, options)`
   * takes a re-iterable source of batches (e.g. a `@convkit/data` dataset) and
   * disposes each batch after its step. Resolves to the `History`.
   *
   * @param x - Inputs, `[n, ...inputShape]`, float32.
   * @param y - Targets, `[n, ...]`.
   * @param options - `epochs` (default 1), `batchSize` (default 32), `validationSplit`, `validationData`,
   *   `shuffle` (default true), `callbacks`, `verbose` (default 0), `initialEpoch` (default 0).
   * @returns Resolves to the per-epoch `loss`, metrics, `val_*` values and `lr`.
   * @throws {ConfigError} when the model is not compiled or an option is invalid.
   * @throws {ShapeError} when shapes do not fit the model or the loss.
   * @throws {DataFormatError} when targets are invalid for the loss or inputs are not float32.
   * @throws {NonFiniteError} when a step produces a non-finite loss, gradient or weight (the weights keep their last finite values).
   *
   * @example
   * ```ts
   * import { EarlyStopping } from '@convkit/layers';
   *
   * const history = await model.fit(xTrain, yTrain, {
   *   epochs: 10,
   *   batchSize: 64,
   *   validationSplit: 0.1,
   *   callbacks: [new EarlyStopping({ monitor: 'val_loss', patience: 2 })],
   * });
   * console.log(history.history.val_accuracy);
   * ```
   */
  async fit(x: Tensor, y: Tensor, options?: FitOptions): Promise<History>;
  /**
   * Trains the model on a re-iterable source of batches (e.g. a `@convkit/data`
   * dataset), disposing each batch after its step.
   *
   * @param source - Batches of `{ xs, ys }`; iterated once per epoch.
   * @param options - As for tensors; `batchSize`, `validationSplit` and `shuffle` do not apply.
   * @returns Resolves to the `History`.
   * @throws {ConfigError} when the model is not compiled or an option is invalid.
   * @throws {ShapeError} when shapes do not fit the model or the loss.
   * @throws {DataFormatError} when targets are invalid for the loss.
   * @throws {NonFiniteError} when a step produces a non-finite loss, gradient or weight.
   *
   * @example
   * ```ts
   * import { loadMnist } from '@convkit/data/node';
   *
   * const { train, test } = await loadMnist('./mnist');
   * await model.fit(train.shuffle(train.size).batch(128), { epochs: 3, validationData: test.batch(512), verbose: 1 });
   * ```
   */
  async fit(source: BatchSource, options?: FitOptions): Promise<History>;
  async fit(a: Tensor | BatchSource, b?: Tensor | FitOptions, c?: FitOptions): Promise<History> {
    const compiled = this.requireCompiled('fit');
    const options: FitOptions = (isTensor(a) ? c : (b as FitOptions | undefined)) ?? {};
    return fitModel(this, compiled, a, isTensor(a) ? b : undefined, options);
  }

  /**
   * The data behind `summary()`: per layer its name, class, output shape and
   * parameters, and the model's totals — for apps that draw their own table.
   *
   * @returns A plain object (no tensors); see `ModelSummary`.
   * @example
   * ```ts
   * const { layers, totalParams } = model.summaryData();
   * for (const l of layers) console.log(l.name, l.outputShape, l.params);
   * ```
   */
  summaryData(): ModelSummary {
    return summarizeModel(this);
  }

  /**
   * A Keras-style table of layers, output shapes and parameter counts, then the
   * total, trainable and non-trainable parameters. When some layer is frozen
   * (`trainable: false`), a Trainable column says Y or N for each layer (Keras'
   * `show_trainable`). Printed with `print` (default `console.log`).
   *
   * @param print - Called with each line; `null` prints nothing. Default `console.log`.
   * @returns The whole table.
   *
   * @example
   * ```ts
   * model.summary(); // one row per layer: name (type), output shape, parameters; then the totals
   * ```
   */
  summary(print: ((line: string) => void) | null = console.log): string {
    const lines = summaryLines(this.summaryData());
    const text = lines.join('\n');
    if (print) for (const line of lines) print(line);
    return text;
  }

  /**
   * Saves the model, as `saveModel(this, target, options)` does (the
   * TensorFlow.js `model.save(url)` habit): a directory path or `file://`
   * URL in Node, `indexeddb://name` or `downloads://name` in the browser, or a
   * `{ save }` handler; `{ format: 'tfjs' }` writes the TensorFlow.js Layers
   * format there instead of convkit's.
   *
   * @example
   * ```ts
   * await model.save('indexeddb://digits'); // later: await loadModel('indexeddb://digits')
   * await model.save('downloads://digits', { format: 'tfjs' }); // for tf.loadLayersModel
   * ```
   *
   * @param target - Where to save; see `saveModel`.
   * @param options - `format`: `'convkit'` (default) or `'tfjs'`.
   * @returns Resolves to the saved artifacts.
   * @throws {ConfigError} for an unsupported scheme or a target that may not be written.
   */
  async save(target: string, options: SaveOptions & { format: 'tfjs' }): Promise<TfjsArtifacts>;
  async save(target: string | SaveHandler, options?: SaveOptions & { format?: 'convkit' }): Promise<ModelArtifacts>;
  async save(target: string | SaveHandler, options: SaveOptions = {}): Promise<ModelArtifacts | TfjsArtifacts> {
    // Loaded on use: the save code imports the model classes, which import this one.
    const { saveModel } = await import('./io/handlers');
    return saveModel(this, target as string, options as SaveOptions & { format: 'tfjs' });
  }

  /** Frees every weight and the optimizer state. */
  dispose(): void {
    for (const l of this.layers) l.dispose();
    this.optimizer?.dispose();
  }
}
