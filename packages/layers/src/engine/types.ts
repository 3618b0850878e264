/**
 * Contracts shared by layers, models and their helpers (initializers,
 * regularizers, activations). Kept in one small file so every part of the
 * package agrees on them without importing implementations.
 */
import type { Rng, Shape, Tensor } from '@convkit/core';

/** `{ className, config }` — the serialised form of any configurable object (Keras convention). */
export interface Serialized {
  /** Registered class name, e.g. `'Conv2D'` or `'GlorotUniform'`. */
  className: string;
  /** Constructor options that rebuild the object. */
  config: Record<string, unknown>;
}

/** Produces the initial value of a weight. */
export interface Initializer {
  /** Registered class name, e.g. `'GlorotUniform'`. */
  readonly className: string;
  /**
   * A new tensor of `shape`. `fanIn`/`fanOut` follow Keras (receptive field × channels).
   *
   * @param shape - Weight shape.
   * @param rng - Generator to draw from unless the initializer has its own seed.
   * @returns The initial value, owned by the caller.
   */
  init(shape: readonly number[], rng: Rng): Tensor;
  /**
   * Options that rebuild this initializer (`{ className, config }` once serialised).
   *
   * @returns A JSON-able object.
   */
  getConfig(): Record<string, unknown>;
}

/** Adds a penalty on a weight to the training loss. */
export interface Regularizer {
  /** Registered class name, e.g. `'L2'`. */
  readonly className: string;
  /**
   * Scalar penalty for `weight` (a tensor the caller owns; do not dispose it).
   *
   * @param weight - The weight's current value.
   * @returns A new scalar tensor.
   */
  apply(weight: Tensor): Tensor;
  /**
   * Options that rebuild this regularizer (`{ className, config }` once serialised).
   *
   * @returns A JSON-able object.
   */
  getConfig(): Record<string, unknown>;
}

/** An element-wise (or softmax) activation function. */
export interface ActivationFn {
  /** Serialised name, e.g. `'relu'`. */
  readonly name: string;
  /**
   * @param x - Pre-activation values.
   * @returns Activated values, same shape.
   */
  (x: Tensor): Tensor;
}

/** What a layer's `call` knows about the step it runs in. */
export interface CallContext {
  /** True during `fit` (dropout drops, batch norm uses batch statistics and updates moving ones). */
  training: boolean;
}

export type { Shape };
