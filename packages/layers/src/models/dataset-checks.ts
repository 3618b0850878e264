/**
 * Value checks of whole tensors, done once by `fit` before the first step:
 * the training targets, and the validation inputs and targets, so that a bad
 * label or a NaN in the validation set is refused before training rather than
 * after a batch or an epoch, with its index in the user's tensor. (Training
 * inputs are checked by every guarded step, whose error names the epoch and
 * batch.) The tensors are probed in chunks of rows, so the transient memory
 * stays small, and read once.
 */
import { DataFormatError, ops, type Shape, scalar, type Tensor, tidy } from '@convkit/core';
import { sliceBatch } from './batches';
import { nonFiniteProbe } from './finite';
import { countInvalidTargets, throwInvalidTargets } from './loss-targets';
import type { LossFn } from './losses';
import { refuseNonFiniteRows } from './train-step';

/** Elements per probed chunk. */
const CHUNK_ELEMENTS = 1 << 20;

/**
 * Throws a `NonFiniteError` when `x` (unless `undefined`) or `y` holds NaN or
 * ±Infinity, or a `DataFormatError` when `y` holds targets invalid for the
 * loss (class ids outside the model's outputs, probabilities outside
 * [0, 1]). `what` names the data in messages ("the training set").
 */
export async function checkDataValues(
  outputShape: Shape,
  lossFn: LossFn,
  x: Tensor | undefined,
  y: Tensor,
  context: string,
  what: string,
): Promise<void> {
  const n = y.shape[0];
  if (n === 0) return;
  const rowSize = Math.max(1, (x?.size ?? 0) / n, y.size / n);
  const rows = Math.max(1, Math.floor(CHUNK_ELEMENTS / rowSize));
  const last = outputShape[outputShape.length - 1];
  const k = last ?? Number.POSITIVE_INFINITY;
  const probes = tidy(() => {
    const xs: Tensor[] = [];
    const ys: Tensor[] = [];
    const invalid: Tensor[] = [];
    for (let start = 0; start < n; start += rows) {
      const size = Math.min(rows, n - start);
      const yc = sliceBatch(y, start, size);
      if (x) xs.push(nonFiniteProbe([sliceBatch(x, start, size)]));
      ys.push(nonFiniteProbe([yc]));
      invalid.push(countInvalidTargets(lossFn.targets, yc, k) ?? scalar(0));
    }
    return ops.stack([xs.length > 0 ? ops.addN(xs) : scalar(0), ops.addN(ys), ops.addN(invalid)]);
  });
  let flags: ArrayLike<number>;
  try {
    flags = await probes.data();
  } finally {
    probes.dispose();
  }
  const outcome = 'training did not start';
  if (x && !Number.isFinite(flags[0])) await refuseNonFiniteRows(context, `inputs (x) of ${what}`, x, outcome);
  if (!Number.isFinite(flags[1])) await refuseNonFiniteRows(context, `targets (y) of ${what}`, y, outcome);
  if (flags[2] !== 0 && lossFn.targets) {
    if (last === null)
      throw new DataFormatError(`${context}: ${what} holds targets invalid for loss '${lossFn.lossName}'`);
    await throwInvalidTargets(`${context} (${what})`, lossFn.lossName, lossFn.targets, y, last);
  }
}
