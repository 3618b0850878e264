/**
 * `ops.matMul` with NumPy / PyTorch batch broadcasting on both sides.
 *
 * The BatchMatMul kernels (tfjs's cpu and wasm ones, convkit's wasm one) are
 * right when the two batch shapes are equal or one of them holds a single
 * matrix; for anything else (`a[3,1,M,K] × b[1,5,K,N]`) they reported the
 * broadcast shape but computed a fraction of the batches. `matMul` hands the
 * kernel only those two cases: an operand whose batch shape differs from the
 * broadcast one (and holds more than one matrix) is broadcast explicitly, and
 * both operands are given the output's rank (a free reshape).
 */
import * as tf from '@tensorflow/tfjs-core';
import { formatShape, ShapeError } from '../errors';

function product(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** The broadcast of two batch shapes, or a ShapeError naming the operands. */
function broadcastBatch(a: tf.Tensor, b: tf.Tensor, where: string): number[] {
  const ba = a.shape.slice(0, -2);
  const bb = b.shape.slice(0, -2);
  const rank = Math.max(ba.length, bb.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = ba[ba.length - rank + i] ?? 1;
    const db = bb[bb.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(
        `${where}: batch dimensions of a ${formatShape(a.shape)} and b ${formatShape(b.shape)} do not broadcast ` +
          `(${da} vs ${db} at batch axis ${i} counted from the left of the longer batch shape); ` +
          'each batch dimension must be equal or 1',
      );
    }
    out.push(da === 1 ? db : da);
  }
  return out;
}

function checkOperands(a: tf.Tensor, b: tf.Tensor, transposeA: boolean, transposeB: boolean, where: string): void {
  if (a.rank < 2 || b.rank < 2) {
    throw new ShapeError(
      `${where}: both operands need rank 2 or more (matrices, or batches of them), got a ${formatShape(a.shape)} and b ${formatShape(b.shape)}`,
    );
  }
  const innerA = transposeA ? a.shape[a.rank - 2] : a.shape[a.rank - 1];
  const innerB = transposeB ? b.shape[b.rank - 1] : b.shape[b.rank - 2];
  if (innerA !== innerB) {
    throw new ShapeError(
      `${where}: inner dimensions differ: a ${formatShape(a.shape)} (transposeA=${transposeA}) has ${innerA} columns, ` +
        `b ${formatShape(b.shape)} (transposeB=${transposeB}) has ${innerB} rows`,
    );
  }
}

/**
 * Both operands shaped for a BatchMatMul kernel: the output's rank, and each
 * batch shape either the broadcast batch shape or all ones. New tensors are
 * created only where an operand must be broadcast or reshaped.
 */
export function conformBatches(
  a: tf.Tensor,
  b: tf.Tensor,
  transposeA: boolean,
  transposeB: boolean,
  where = 'ops.matMul',
): [tf.Tensor, tf.Tensor] {
  checkOperands(a, b, transposeA, transposeB, where);
  const batch = broadcastBatch(a, b, where);
  const conform = (t: tf.Tensor): tf.Tensor => {
    const own = t.shape.slice(0, -2);
    const matrix = t.shape.slice(-2);
    const padded = [...new Array<number>(batch.length - own.length).fill(1), ...own];
    if (product(own) > 1 && padded.some((d, i) => d !== batch[i])) return tf.broadcastTo(t, [...batch, ...matrix]);
    return t.rank === batch.length + 2 ? t : tf.reshape(t, [...padded, ...matrix]);
  };
  return [conform(a), conform(b)];
}

/**
 * Matrix product of the last two axes of `a` and `b` (optionally transposed),
 * broadcasting the leading (batch) axes as NumPy and PyTorch do: the result
 * of `a[3,1,M,K] × b[1,5,K,N]` is `[3,5,M,N]`.
 *
 * @param a - Left operand, rank ≥ 2.
 * @param b - Right operand, rank ≥ 2.
 * @param transposeA - Transpose the last two axes of `a` first; default false.
 * @param transposeB - Transpose the last two axes of `b` first; default false.
 * @returns The product, `[...batch, M, N]`.
 * @throws {ShapeError} when the inner dimensions differ or the batch dimensions do not broadcast.
 */
export function matMul<T extends tf.Tensor = tf.Tensor>(
  a: tf.Tensor | tf.TensorLike,
  b: tf.Tensor | tf.TensorLike,
  transposeA = false,
  transposeB = false,
): T {
  const ta = a instanceof tf.Tensor ? a : tf.tensor(a);
  const tb = b instanceof tf.Tensor ? b : tf.tensor(b);
  try {
    return tf.tidy(() => {
      const [ca, cb] = conformBatches(ta, tb, transposeA, transposeB);
      return tf.matMul(ca, cb, transposeA, transposeB);
    }) as T;
  } finally {
    if (ta !== a) ta.dispose();
    if (tb !== b) tb.dispose();
  }
}
