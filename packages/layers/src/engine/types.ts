/**
 * Contracts shared by layers, models and their helpers (initializers,
 * regularizers, activations). Kept in one small file so every part of the
 * package agrees on them without importing implementations.
 */
import type { Rng, Shape, Tensor } from '@convkit/core';

/** `{ className, config }` — the serialised form of any configurable object (Keras convention). */
export interface Serialized {
  className: string;
  config: Record<string, unknown>;
}

/** Produces the initial value of a weight. */
export interface Initializer {
  readonly className: string;
  /** A new tensor of `shape`. `fanIn`/`fanOut` follow Keras (receptive field × channels). */
  init(shape: readonly number[], rng: Rng): Tensor;
  getConfig(): Record<string, unknown>;
}

/** Adds a penalty on a weight to the training loss. */
export interface Regularizer {
  readonly className: string;
  /** Scalar penalty for `weight` (a tensor the caller owns; do not dispose it). */
  apply(weight: Tensor): Tensor;
  getConfig(): Record<string, unknown>;
}

/** An element-wise (or softmax) activation function. */
export interface ActivationFn {
  readonly name: string;
  (x: Tensor): Tensor;
}

/** What a layer's `call` knows about the step it runs in. */
export interface CallContext {
  /** True during `fit` (dropout drops, batch norm uses batch statistics and updates moving ones). */
  training: boolean;
}

export type { Shape };
