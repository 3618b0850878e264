/**
 * The optimizer contract between `@convkit/layers` (which computes gradients)
 * and `@convkit/optim` (which implements update rules). Layers only ever see
 * this interface, so any object honouring it can train a model.
 */
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import { ConfigError } from './errors';

/** One trainable variable and its gradient for the current step. */
export interface GradientPair {
  /** The trainable variable to update. */
  variable: Variable;
  /** Gradient of the loss with respect to `variable` (same shape); owned by the caller. */
  gradient: Tensor;
}

/** A named tensor of optimizer state (moments, accumulators), for checkpoints. */
export interface NamedState {
  /** Stable name of the slot, e.g. `'dense_1/kernel/m'`. */
  name: string;
  /** The slot's value. */
  tensor: Tensor;
}

/** A learning-rate schedule: the learning rate to use at a given optimizer step (0-based). */
export interface LearningRateSchedule {
  /**
   * @param step - Optimizer step, counted from 0.
   * @returns The learning rate for that step.
   */
  (step: number): number;
  /** Serialisable description, e.g. `{ className: 'CosineDecay', config: {...} }`. */
  readonly config?: {
    /** The schedule's class name, e.g. `'CosineDecay'`. */
    className: string;
    /** Its constructor options. */
    config: Record<string, unknown>;
  };
}

/** Update rule applied to a model's trainable variables. */
export interface Optimizer {
  /** Stable name used in saved configs, e.g. `'Adam'`. */
  readonly className: string;
  /**
   * Current learning rate. Callbacks such as `ReduceLROnPlateau` set it; when
   * the optimizer was built with a schedule, setting it replaces the schedule
   * by a constant.
   */
  learningRate: number;
  /** Number of `applyGradients` calls so far. */
  readonly iterations: number;
  /**
   * Applies one update. Does not dispose the gradients; the caller owns them.
   *
   * @param pairs - Each trainable variable with its gradient for this step.
   */
  applyGradients(pairs: readonly GradientPair[]): void;
  /**
   * Hyper-parameters for serialisation.
   *
   * @returns A plain JSON-able object.
   */
  getConfig(): Record<string, unknown>;
  /**
   * Copies of the optimizer state, for checkpoints.
   *
   * @returns New tensors, which the caller disposes.
   */
  getState(): NamedState[];
  /**
   * Restores state saved by `getState` (copies the tensors).
   *
   * @param state - Slots as returned by `getState`.
   * @param iterations - The step count to resume from.
   */
  setState(state: readonly NamedState[], iterations: number): void;
  /** Frees the optimizer's state tensors. */
  dispose(): void;
}

/**
 * Factory registered under a name so that `compile({ optimizer: 'adam' })` works.
 *
 * @param config - Constructor options of the optimizer, e.g. `{ learningRate: 1e-3 }`.
 * @returns A new optimizer.
 */
export type OptimizerFactory = (config?: Record<string, unknown>) => Optimizer;

const optimizerFactories = new Map<string, OptimizerFactory>();

/**
 * Registers an optimizer under a case-insensitive name (done by `@convkit/optim` on import).
 *
 * @param name - Name accepted by {@link createOptimizer} and `compile({ optimizer })`.
 * @param factory - Builds a new optimizer from its options.
 * @throws {ConfigError} when `name` is empty or `factory` is not a function.
 */
export function registerOptimizer(name: string, factory: OptimizerFactory): void {
  if (typeof name !== 'string' || name.length === 0) {
    throw new ConfigError('registerOptimizer: name must be a non-empty string');
  }
  if (typeof factory !== 'function') throw new ConfigError(`registerOptimizer('${name}'): factory must be a function`);
  optimizerFactories.set(name.toLowerCase(), factory);
}

/**
 * The registered optimizer names; empty until `@convkit/optim` is imported.
 *
 * @returns Lower-case names, sorted.
 */
export function registeredOptimizers(): string[] {
  return [...optimizerFactories.keys()].sort();
}

/**
 * Builds a registered optimizer by name (case-insensitive; a `Map` lookup, so
 * `'constructor'` or `'__proto__'` are unknown names like any other).
 *
 * @param name - A registered name such as `'adam'` or `'sgd'`.
 * @param config - Options passed to the optimizer's factory.
 * @returns A new optimizer.
 * @throws {ConfigError} for an unknown name; the message lists the registered names.
 *
 * @example
 * ```ts
 * import { createOptimizer } from '@convkit/core';
 * import '@convkit/optim'; // registers 'sgd', 'adam', ...
 *
 * const opt = createOptimizer('adam', { learningRate: 1e-3 });
 * ```
 */
export function createOptimizer(name: string, config?: Record<string, unknown>): Optimizer {
  const factory = typeof name === 'string' ? optimizerFactories.get(name.toLowerCase()) : undefined;
  if (!factory) {
    const known = registeredOptimizers();
    const shown = typeof name === 'string' ? `'${name.slice(0, 100)}'` : `of type ${typeof name}`;
    throw new ConfigError(
      known.length === 0
        ? `Unknown optimizer ${shown}: no optimizers are registered. Install @convkit/optim and pass an instance, e.g. \`new Adam({ learningRate: 1e-3 })\`.`
        : `Unknown optimizer ${shown}. Registered: ${known.join(', ')}`,
    );
  }
  return factory(config);
}

/**
 * Whether `value` looks like an {@link Optimizer} (has `applyGradients` and `className`).
 *
 * @param value - Anything.
 * @returns True for optimizer-like objects.
 */
export function isOptimizer(value: unknown): value is Optimizer {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Optimizer).applyGradients === 'function' &&
    typeof (value as Optimizer).className === 'string'
  );
}
