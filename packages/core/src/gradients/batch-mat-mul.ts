/**
 * Gradient of BatchMatMul under batch broadcasting. tfjs-core's returns the
 * products at the output's batch shape, so an operand that was broadcast
 * (`a[1,M,K] × b[4,K,N]`, or a plain matrix against a batch) got a gradient
 * of the wrong shape. This one sums each gradient over the batch axes its
 * operand was broadcast along.
 */
import * as tf from '@tensorflow/tfjs-core';
import { matMul } from '../op-wrappers/mat-mul';

/** Sums `g` over the leading axes `shape` lacks and the axes where `shape` has 1, then reshapes to `shape`. */
export function sumToShape(g: tf.Tensor, shape: readonly number[]): tf.Tensor {
  if (g.rank === shape.length && g.shape.every((d, i) => d === shape[i])) return g;
  const lead = g.rank - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < g.rank; i++) {
    if (i < lead || (shape[i - lead] === 1 && g.shape[i] !== 1)) axes.push(i);
  }
  const summed = axes.length > 0 ? tf.sum(g, axes) : g;
  return tf.reshape(summed, [...shape]);
}

/** Replaces tfjs-core's BatchMatMul gradient (registered by kernel name). */
export const batchMatMulGradConfig: tf.GradConfig = {
  kernelName: tf.BatchMatMul,
  inputsToSave: ['a', 'b'],
  gradFunc: (dy, saved, attrs) => {
    const [a, b] = saved;
    const { transposeA, transposeB } = attrs as unknown as tf.BatchMatMulAttrs;
    const g = dy as tf.Tensor;
    let da: () => tf.Tensor;
    let db: () => tf.Tensor;
    if (!transposeA && !transposeB) {
      da = () => matMul(g, b, false, true);
      db = () => matMul(a, g, true, false);
    } else if (!transposeA && transposeB) {
      da = () => matMul(g, b, false, false);
      db = () => matMul(g, a, true, false);
    } else if (transposeA && !transposeB) {
      da = () => matMul(b, g, false, true);
      db = () => matMul(a, g, false, false);
    } else {
      da = () => matMul(b, g, true, true);
      db = () => matMul(g, a, true, true);
    }
    return {
      a: () => tf.tidy(() => sumToShape(da(), a.shape)),
      b: () => tf.tidy(() => sumToShape(db(), b.shape)),
    };
  },
};
