/**
 * Loss functions: `(yTrue, yPred) => scalar` (mean over the batch), usable by
 * name in `compile({ loss: 'sparseCategoricalCrossentropy' })` or as values.
 */
import { ConfigError, ops, type Tensor, tidy } from '@convkit/core';
import { checkTargetShape, type TargetKind } from './loss-targets';

/** A loss: the mean loss of a batch as a scalar tensor. */
export interface LossFn {
  (yTrue: Tensor, yPred: Tensor): Tensor;
  /** Name used in saved configs and logs. */
  readonly lossName: string;
  /**
   * The targets it takes (built-in losses): their shape is checked against the
   * predictions on every call, and `fit` / `evaluate` / `trainOnBatch` also
   * check their values (class ids in range, probabilities in [0, 1]).
   * `undefined` for custom losses, which only get the batch-size check.
   */
  readonly targets?: TargetKind;
}

/** Probabilities are clipped to [EPSILON, 1 − EPSILON] before taking logs (as Keras). */
export const EPSILON = 1e-7;

function named(
  lossName: string,
  targets: TargetKind | undefined,
  fn: (yTrue: Tensor, yPred: Tensor) => Tensor,
): LossFn {
  const loss = (yTrue: Tensor, yPred: Tensor) => {
    checkTargetShape(`${lossName}(yTrue, yPred)`, lossName, targets, yTrue.shape, yPred.shape);
    return tidy(() => fn(yTrue, yPred));
  };
  return Object.assign(loss, { lossName, targets });
}

/**
 * `x` limited to `[lo, hi]`, NaN staying NaN on every backend (the wasm
 * backend's `clipByValue` turns NaN into `lo`, which hid NaN predictions
 * behind a finite loss).
 */
function clip(x: Tensor, lo: number, hi: number): Tensor {
  return ops.minimum(ops.maximum(x, lo), hi);
}

/** `yTrue` as float32 in the shape of `yPred` (targets `[n]` for predictions `[n, 1]`), never broadcast. */
function alignTargets(yTrue: Tensor, yPred: Tensor): Tensor {
  return ops.cast(ops.reshape(yTrue, yPred.shape), 'float32');
}

function logProbs(yPred: Tensor, fromLogits: boolean): Tensor {
  return fromLogits ? ops.logSoftmax(yPred) : ops.log(clip(yPred, EPSILON, 1 - EPSILON));
}

/** Cross-entropy with one-hot (or soft) targets `[batch, classes]`. */
export function categoricalCrossentropy(options: { fromLogits?: boolean; labelSmoothing?: number } = {}): LossFn {
  const fromLogits = options.fromLogits ?? false;
  const smoothing = options.labelSmoothing ?? 0;
  return named('categoricalCrossentropy', 'categorical', (yTrue, yPred) => {
    let target = ops.cast(yTrue, 'float32');
    if (smoothing > 0) {
      const k = yPred.shape[yPred.shape.length - 1];
      target = ops.add(ops.mul(target, 1 - smoothing), smoothing / k);
    }
    return ops.neg(ops.mean(ops.sum(ops.mul(target, logProbs(yPred, fromLogits)), -1)));
  });
}

/** Cross-entropy with integer class targets `[batch]` (or `[batch, 1]`). */
export function sparseCategoricalCrossentropy(options: { fromLogits?: boolean } = {}): LossFn {
  const fromLogits = options.fromLogits ?? false;
  return named('sparseCategoricalCrossentropy', 'sparse', (yTrue, yPred) => {
    const k = yPred.shape[yPred.shape.length - 1];
    const labels = ops.cast(ops.reshape(yTrue, [-1]), 'int32');
    const target = ops.oneHot(labels, k);
    return ops.neg(ops.mean(ops.sum(ops.mul(ops.cast(target, 'float32'), logProbs(yPred, fromLogits)), -1)));
  });
}

/** Binary cross-entropy on probabilities or (with `fromLogits`) logits, averaged over all elements. */
export function binaryCrossentropy(options: { fromLogits?: boolean } = {}): LossFn {
  const fromLogits = options.fromLogits ?? false;
  return named('binaryCrossentropy', 'binary', (yTrue, yPred) => {
    const z = alignTargets(yTrue, yPred);
    if (fromLogits) {
      // max(x, 0) − x·z + log(1 + exp(−|x|)): stable for large |x|.
      return ops.mean(
        ops.add(ops.sub(ops.relu(yPred), ops.mul(yPred, z)), ops.log1p(ops.exp(ops.neg(ops.abs(yPred))))),
      );
    }
    const p = clip(yPred, EPSILON, 1 - EPSILON);
    return ops.neg(ops.mean(ops.add(ops.mul(z, ops.log(p)), ops.mul(ops.sub(1, z), ops.log(ops.sub(1, p))))));
  });
}

/** Mean squared error. */
export const meanSquaredError: LossFn = named('meanSquaredError', 'regression', (yTrue, yPred) =>
  ops.mean(ops.squaredDifference(alignTargets(yTrue, yPred), yPred)),
);

/** Mean absolute error. */
export const meanAbsoluteError: LossFn = named('meanAbsoluteError', 'regression', (yTrue, yPred) =>
  ops.mean(ops.abs(ops.sub(alignTargets(yTrue, yPred), yPred))),
);

/** Huber loss: quadratic within `delta`, linear outside (default delta 1). */
export function huber(options: { delta?: number } = {}): LossFn {
  const delta = options.delta ?? 1;
  if (!(delta > 0)) throw new ConfigError(`huber: delta must be positive, got ${delta}`);
  return named('huber', 'regression', (yTrue, yPred) => {
    const err = ops.abs(ops.sub(alignTargets(yTrue, yPred), yPred));
    const quad = ops.minimum(err, delta);
    const lin = ops.sub(err, quad);
    return ops.mean(ops.add(ops.mul(ops.square(quad), 0.5), ops.mul(lin, delta)));
  });
}

/** KL divergence `Σ yTrue·log(yTrue / yPred)` over the last axis, averaged over the batch. */
export const kullbackLeiblerDivergence: LossFn = named('kullbackLeiblerDivergence', 'categorical', (yTrue, yPred) => {
  const t = clip(ops.cast(yTrue, 'float32'), EPSILON, 1);
  const p = clip(yPred, EPSILON, 1);
  return ops.mean(ops.sum(ops.mul(t, ops.log(ops.div(t, p))), -1));
});

/** Loss factories by name: the built-ins, their Keras snake_case aliases and `registerLoss`'s. A `Map`, so only registered names resolve. */
const LOSSES = new Map<string, () => LossFn>([
  ['categoricalCrossentropy', () => categoricalCrossentropy()],
  ['sparseCategoricalCrossentropy', () => sparseCategoricalCrossentropy()],
  ['binaryCrossentropy', () => binaryCrossentropy()],
  ['meanSquaredError', () => meanSquaredError],
  ['meanAbsoluteError', () => meanAbsoluteError],
  ['huber', () => huber()],
  ['kullbackLeiblerDivergence', () => kullbackLeiblerDivergence],
]);
for (const [alias, name] of [
  ['categorical_crossentropy', 'categoricalCrossentropy'],
  ['sparse_categorical_crossentropy', 'sparseCategoricalCrossentropy'],
  ['binary_crossentropy', 'binaryCrossentropy'],
  ['mse', 'meanSquaredError'],
  ['mean_squared_error', 'meanSquaredError'],
  ['mae', 'meanAbsoluteError'],
  ['mean_absolute_error', 'meanAbsoluteError'],
  ['kld', 'kullbackLeiblerDivergence'],
  ['kl_divergence', 'kullbackLeiblerDivergence'],
  ['kullback_leibler_divergence', 'kullbackLeiblerDivergence'],
]) {
  LOSSES.set(alias, LOSSES.get(name)!);
}

/** A loss by name, or the function itself. */
export type LossIdentifier = string | LossFn | ((yTrue: Tensor, yPred: Tensor) => Tensor);

/**
 * Registers a custom loss under `name`, so `compile({ loss: name })` works and
 * a saved model whose `training.loss` is `name` loads (the loaders check the
 * name). The function's `lossName` becomes `name`.
 */
export function registerLoss(name: string, fn: (yTrue: Tensor, yPred: Tensor) => Tensor): LossFn {
  if (typeof name !== 'string' || name.length === 0)
    throw new ConfigError('registerLoss: name must be a non-empty string');
  if (typeof fn !== 'function') throw new ConfigError(`registerLoss('${name}'): fn must be a function`);
  const loss = named(name, undefined, fn);
  LOSSES.set(name, () => loss);
  return loss;
}

/** Every loss name `getLoss` resolves (built-ins, aliases and registered ones), sorted. */
export function lossNames(): string[] {
  return [...LOSSES.keys()].sort();
}

/** Resolves a loss name (camelCase, Keras snake_case or registered) or function; unknown names are a `ConfigError` listing the known ones. */
export function getLoss(id: LossIdentifier): LossFn {
  if (typeof id === 'function') {
    return 'lossName' in id ? (id as LossFn) : named(id.name || 'customLoss', undefined, id);
  }
  const make = typeof id === 'string' ? LOSSES.get(id) : undefined;
  if (!make) {
    const shown = typeof id === 'string' ? `'${id.slice(0, 100)}'` : `of type ${typeof id}`;
    throw new ConfigError(
      `Unknown loss ${shown}. Known: ${lossNames().join(', ')}. Register a custom loss with registerLoss(name, fn).`,
    );
  }
  return make();
}
