/**
 * The optimizer contract between `@convkit/layers` (which computes gradients)
 * and `@convkit/optim` (which implements update rules). Layers only ever see
 * this interface, so any object honouring it can train a model.
 */
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import { ConfigError } from './errors';

/** One trainable variable and its gradient for the current step. */
export interface GradientPair {
  variable: Variable;
  gradient: Tensor;
}

/** A named tensor of optimizer state (moments, accumulators), for checkpoints. */
export interface NamedState {
  name: string;
  tensor: Tensor;
}

/** A learning-rate schedule: the learning rate to use at a given optimizer step (0-based). */
export interface LearningRateSchedule {
  (step: number): number;
  /** Serialisable description, e.g. `{ className: 'CosineDecay', config: {...} }`. */
  readonly config?: { className: string; config: Record<string, unknown> };
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
  /** Applies one update. Does not dispose the gradients; the caller owns them. */
  applyGradients(pairs: readonly GradientPair[]): void;
  /** Hyper-parameters for serialisation. */
  getConfig(): Record<string, unknown>;
  /** Copies of the optimizer state, for checkpoints (the caller disposes them). */
  getState(): NamedState[];
  /** Restores state saved by `getState` (copies the tensors). */
  setState(state: readonly NamedState[], iterations: number): void;
  /** Frees the optimizer's state tensors. */
  dispose(): void;
}

/** Factory registered under a name so that `compile({ optimizer: 'adam' })` works. */
export type OptimizerFactory = (config?: Record<string, unknown>) => Optimizer;

const optimizerFactories = new Map<string, OptimizerFactory>();

/** Registers an optimizer under a case-insensitive name (done by `@convkit/optim` on import). */
export function registerOptimizer(name: string, factory: OptimizerFactory): void {
  if (typeof name !== 'string' || name.length === 0) {
    throw new ConfigError('registerOptimizer: name must be a non-empty string');
  }
  if (typeof factory !== 'function') throw new ConfigError(`registerOptimizer('${name}'): factory must be a function`);
  optimizerFactories.set(name.toLowerCase(), factory);
}

/** The registered optimizer names (lower case, sorted); empty until `@convkit/optim` is imported. */
export function registeredOptimizers(): string[] {
  return [...optimizerFactories.keys()].sort();
}

/**
 * Builds a registered optimizer by name (case-insensitive; a `Map` lookup, so
 * `'constructor'` or `'__proto__'` are unknown names like any other).
 * Throws a `ConfigError` listing the registered names.
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

/** True when `value` looks like an `Optimizer`. */
export function isOptimizer(value: unknown): value is Optimizer {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Optimizer).applyGradients === 'function' &&
    typeof (value as Optimizer).className === 'string'
  );
}
