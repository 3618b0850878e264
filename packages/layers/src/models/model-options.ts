/**
 * The option types of `LayersModel`'s methods (`compile`, `call`, `predict`,
 * `evaluate`, `save`) and the `LayerTap` hook, apart from the class so that
 * the class file stays about the model.
 */
import type { Optimizer, Tensor } from '@convkit/core';
import type { Layer } from '../engine/layer';
import type { LossIdentifier } from './losses';
import type { BatchAccumulator, Metric, MetricIdentifier } from './metrics/index';

/** Options of `compile`. */
export interface CompileOptions {
  /** An optimizer instance (from `@convkit/optim`) or a registered name such as `'adam'`. */
  optimizer: Optimizer | string;
  /** A loss name (`'sparseCategoricalCrossentropy'`, `'mse'`, ...) or function. */
  loss: LossIdentifier;
  /** Metric names (`'accuracy'`, `'precision'`, ...) or `Metric` instances. */
  metrics?: MetricIdentifier[];
}

/**
 * Sees each layer's output while `call` runs the model, and returns what the
 * next layers receive: `output` itself, or a tensor of the same shape derived
 * from it. Interpretation methods use it to read a layer's activations and to
 * take gradients with respect to them (Grad-CAM: `(l, out) => l === conv ?
 * ops.add(out, delta) : out`). A layer called twice in a functional model is
 * seen twice; a functional model's `InputLayer` is not called, so not seen.
 */
export type LayerTap = (layer: Layer, output: Tensor) => Tensor;

/** Options of `call`. */
export interface CallOptions {
  /** Training behaviour (dropout drops, batch norm uses batch statistics). Default false. */
  training?: boolean;
  /** Called with every layer's output, in execution order; see `LayerTap`. */
  tap?: LayerTap;
  /**
   * Return the output layer's scores before its softmax activation (the
   * logits), for a model whose output layer has `activation: 'softmax'`
   * (see `outputActivation`). Interpretation methods differentiate these:
   * a confident softmax output has vanishing gradients. Default false.
   */
  logits?: boolean;
}

/** Options of `predict`. */
export interface PredictOptions {
  /**
   * Samples per batch. Default 32.
   *
   * @defaultValue `32`
   */
  batchSize?: number;
}

/** Options of `evaluate`. */
export interface EvaluateOptions extends PredictOptions {
  /**
   * More metrics or accumulators to feed with every batch of this call, besides the compiled
   * metrics: e.g. a `ConfusionMatrix` (read its `report()` afterwards) or a `RocAuc`. Each is
   * reset first; those with a `name` and `result()` are reported in the returned logs too.
   * Their values are read with each batch's loss, in the same read.
   */
  metrics?: readonly (Metric | BatchAccumulator)[];
}
