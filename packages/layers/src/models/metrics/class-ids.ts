/**
 * Class ids of a batch, on the device and on the host. Labels may be sparse
 * (`[b]`, `[b, 1]`) or one-hot (`[b, k]`); predictions are `[b, k]` scores, or
 * `[b]` / `[b, 1]` probabilities for binary problems (thresholded).
 */
import { DataFormatError, formatShape, ops, ShapeError, type Tensor, tidy } from '@convkit/core';

/** The number of score columns of predictions `[b, k]` (1 for `[b]` or `[b, 1]`), checked. */
export function scoreColumns(yTrue: Tensor, yPred: Tensor, who: string): number {
  if (yPred.rank < 1 || yPred.rank > 2) {
    throw new ShapeError(
      `${who}: predictions must be [batch, classes] scores or [batch] probabilities, got ${formatShape(yPred.shape)}`,
    );
  }
  const b = yPred.shape[0];
  if (yTrue.rank < 1 || yTrue.shape[0] !== b) {
    throw new ShapeError(
      `${who}: labels ${formatShape(yTrue.shape)} and predictions ${formatShape(yPred.shape)} differ in batch size`,
    );
  }
  const k = yPred.rank === 2 ? (yPred.shape[1] as number) : 1;
  const sparse = yTrue.size === b && yTrue.rank <= 2;
  const oneHot = k > 1 && yTrue.rank === 2 && yTrue.shape[1] === k;
  if (!sparse && !oneHot) {
    throw new ShapeError(
      `${who}: labels ${formatShape(yTrue.shape)} do not fit predictions ${formatShape(yPred.shape)}: expected class ids [${b}] or [${b}, 1]${k > 1 ? ` or one-hot [${b}, ${k}]` : ''}`,
    );
  }
  return k;
}

/**
 * The true class of each sample as a float32 `[b]` tensor: the label itself
 * (sparse labels, unchecked so the host can refuse non-integers), the argmax
 * of one-hot labels, or for binary predictions the label as given. Call
 * inside `tidy`, after `scoreColumns`.
 */
export function truthTensor(yTrue: Tensor, k: number): Tensor {
  if (k > 1 && yTrue.rank === 2 && yTrue.shape[1] === k) return ops.cast(ops.argMax(yTrue, -1), 'float32');
  return ops.cast(ops.reshape(yTrue, [-1]), 'float32');
}

/**
 * The predicted class of each sample as a float32 `[b]` tensor: the argmax
 * of scores, or `p > threshold` for binary probabilities. Call inside `tidy`.
 */
export function predTensor(yPred: Tensor, k: number, threshold: number): Tensor {
  if (k === 1) return ops.cast(ops.greater(ops.reshape(yPred, [-1]), threshold), 'float32');
  return ops.cast(ops.argMax(yPred, -1), 'float32');
}

/**
 * Refuses labels that are not class ids `0..k-1` (binary labels: 0 or 1).
 *
 * @param truth - Labels read from the device.
 * @param numClasses - Number of classes (2 for binary predictions).
 * @param who - Starts the message, e.g. `RocAuc`.
 * @throws {DataFormatError} naming the first bad label and its sample.
 */
export function checkLabels(truth: ArrayLike<number>, numClasses: number, who: string): void {
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i];
    if (!(Number.isInteger(t) && t >= 0 && t < numClasses)) {
      throw new DataFormatError(
        `${who}: label ${t} of sample ${i} in the batch is not a class id 0..${numClasses - 1}${numClasses === 2 ? ' (binary labels are 0 or 1)' : ''}`,
      );
    }
  }
}

/**
 * True and predicted class ids of a batch, read in one asynchronous read.
 * Labels may be sparse (`[b]`, `[b, 1]`) or one-hot (`[b, k]`); predictions
 * are `[b, k]` scores, or `[b]` / `[b, 1]` probabilities for binary problems
 * (thresholded at `threshold`, labels above 0.5 count as 1).
 *
 * @param yTrue - Labels.
 * @param yPred - Scores or probabilities.
 * @param threshold - Decision threshold for binary predictions; default 0.5.
 * @returns Resolves to the class ids and the number of classes.
 * @throws {ShapeError} when the shapes of labels and predictions do not fit.
 *
 * @example
 * ```ts
 * import { tensor1d, tensor2d } from '@convkit/core';
 * import { classIds } from '@convkit/layers';
 *
 * const { truth, pred } = await classIds(tensor1d([0, 1], 'int32'), tensor2d([[0.9, 0.1], [0.8, 0.2]]));
 * console.log(truth, pred); // Int32Array [0, 1], Int32Array [0, 0]
 * ```
 */
export async function classIds(
  yTrue: Tensor,
  yPred: Tensor,
  threshold = 0.5,
): Promise<{
  /** True class id of each sample. */
  truth: Int32Array;
  /** Predicted class id of each sample. */
  pred: Int32Array;
  /** Number of classes (2 for binary predictions). */
  numClasses: number;
}> {
  const k = scoreColumns(yTrue, yPred, 'classIds');
  const b = yPred.shape[0];
  const both = tidy(() => {
    const truth = k === 1 ? ops.cast(ops.greater(truthTensor(yTrue, k), 0.5), 'float32') : truthTensor(yTrue, k);
    return ops.concat([truth, predTensor(yPred, k, threshold)]);
  });
  let values: Float32Array;
  try {
    values = (await both.data()) as Float32Array;
  } finally {
    both.dispose();
  }
  return {
    truth: Int32Array.from(values.subarray(0, b)),
    pred: Int32Array.from(values.subarray(b)),
    numClasses: k === 1 ? 2 : k,
  };
}
