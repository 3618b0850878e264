/**
 * Synchronous checks of what `fit`, `evaluate`, `trainOnBatch` and `predict`
 * receive, done before any tensor is created so that a refused call leaks
 * nothing: the input's shape and dtype against the model, the batch sizes of
 * inputs and targets, and the targets' shape against the loss.
 */
import { ConfigError, DataFormatError, formatShape, type Shape, ShapeError, type Tensor } from '@convkit/core';
import { isTensor } from './batches';
import { checkNumericDtype, checkTargetShape, withBatch } from './loss-targets';
import type { LossFn } from './losses';

/** What the checks need from a model. */
export interface CheckedModel {
  describe(): string;
  readonly inputShape: Shape;
  readonly outputShape: Shape;
}

/**
 * Throws unless `x` is a float32 tensor of the model's input shape (any batch
 * size): a `ShapeError` for the shape, a `DataFormatError` for the dtype.
 * `context` starts the message, e.g. `Model "m".predict`.
 */
export function checkModelInput(model: CheckedModel, x: unknown, context: string): asserts x is Tensor {
  if (!isTensor(x)) throw new ConfigError(`${context}: the input must be a tensor, received ${describeValue(x)}`);
  const expected = model.inputShape;
  const ok = x.rank === expected.length && expected.every((d, i) => i === 0 || d === null || d === x.shape[i]);
  if (!ok) {
    throw new ShapeError(
      `${context}: expected input of shape ${formatShape(expected)}, received ${formatShape(x.shape)}`,
    );
  }
  if (x.dtype !== 'float32') {
    throw new DataFormatError(
      `${context}: expected a float32 input, received a ${x.dtype} tensor of shape ${formatShape(x.shape)}; convert it with ops.cast(x, 'float32') (and scale pixel values, e.g. to [0, 1])`,
    );
  }
}

/**
 * Throws unless `y` holds numeric targets for `n` samples whose shape fits
 * the model's output for the loss (`lossFn` undefined: batch size only).
 */
export function checkTargets(
  model: CheckedModel,
  lossFn: LossFn | undefined,
  y: unknown,
  n: number,
  context: string,
): asserts y is Tensor {
  if (!isTensor(y)) throw new ConfigError(`${context}: the targets (y) must be a tensor, received ${describeValue(y)}`);
  checkNumericDtype(context, 'the targets (y)', y);
  if (y.rank === 0) {
    throw new ShapeError(`${context}: the targets (y) are a scalar; give one target per sample, shape [${n}, ...]`);
  }
  if (y.shape[0] !== n) {
    throw new ShapeError(
      `${context}: x has ${n} samples but y has ${y.shape[0]} (y ${formatShape(y.shape)}); give one target per input`,
    );
  }
  if (lossFn) checkTargetShape(context, lossFn.lossName, lossFn.targets, y.shape, withBatch(model.outputShape, n));
}

/**
 * `checkModelInput` and `checkTargets` for one batch or one `(x, y)` pair,
 * plus a `DataFormatError` when it holds no sample (`what` names it in the
 * message: "the batch", "the training set").
 */
export function checkPair(
  model: CheckedModel,
  lossFn: LossFn | undefined,
  x: unknown,
  y: unknown,
  context: string,
  what = 'the batch',
): void {
  checkModelInput(model, x, context);
  checkTargets(model, lossFn, y, x.shape[0], context);
  if (x.shape[0] === 0) throw new DataFormatError(`${context}: ${what} is empty (0 samples)`);
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length} elements (wrap it with tensor(...))`;
  return typeof v === 'object' ? `an object (${Object.prototype.toString.call(v)})` : `${typeof v} ${String(v)}`;
}
