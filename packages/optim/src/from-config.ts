/** The optimizer classes by serialised name, and rebuilding an optimizer from `{ className, config }`. */
import { ConfigError, type Optimizer } from '@convkit/core';
import { Adadelta } from './adadelta';
import { Adagrad } from './adagrad';
import { Adam } from './adam';
import { AdamW } from './adamw';
import { RMSprop } from './rmsprop';
import { SGD } from './sgd';

/**
 * A constructor of one of convkit's optimizers.
 *
 * @param options - The optimizer's options (e.g. {@link AdamOptions}).
 */
export type OptimizerConstructor = new (options?: Record<string, unknown>) => Optimizer;

const CLASSES = [SGD, Adam, AdamW, RMSprop, Adadelta, Adagrad];

/** Optimizer classes by `className` (`'SGD'`, `'Adam'`, ...). */
export const OPTIMIZERS: Readonly<Record<string, OptimizerConstructor>> = Object.freeze(
  Object.fromEntries(CLASSES.map((c) => [c.className, c as unknown as OptimizerConstructor])),
);

/**
 * Rebuilds an optimizer from `{ className, config }` as `optimizer.getConfig()`
 * and a saved model's training section hold it; a serialised schedule is
 * rebuilt too. Fresh state: restore it with `setState`.
 *
 * @param value - `className` (`'SGD'`, `'Adam'`, `'AdamW'`, `'RMSprop'`, `'Adadelta'`, `'Adagrad'`)
 *   and the constructor options as `config`.
 * @returns A new optimizer with fresh state.
 * @throws {ConfigError} for an unknown `className` or invalid options.
 *
 * @example
 * ```ts
 * import { optimizerFromConfig } from '@convkit/optim';
 *
 * const opt = optimizerFromConfig({ className: 'AdamW', config: { learningRate: 1e-3, weightDecay: 0.05 } });
 * ```
 */
export function optimizerFromConfig(value: { className: string; config?: Record<string, unknown> }): Optimizer {
  const ctor = Object.hasOwn(OPTIMIZERS, value?.className ?? '') ? OPTIMIZERS[value.className] : undefined;
  if (!ctor) {
    throw new ConfigError(
      `Unknown optimizer '${String(value?.className)}'. Known: ${Object.keys(OPTIMIZERS).join(', ')}`,
    );
  }
  return new ctor({ ...(value.config ?? {}) });
}
