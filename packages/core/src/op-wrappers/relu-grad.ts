/**
 * The ReLU gradient `dy * step(y)` of the trainable fused conv (see
 * `../gradients/fused-conv2d.ts`) as one kernel where the active backend
 * registers one: `@convkit/backend-wasm` then skips the Step tensor, and uses
 * the product that its MaxPoolGrad computed along with `dy`. Elsewhere the
 * two tfjs ops, `mul(dy, step(y))`, exactly as before.
 */
import * as tf from '@tensorflow/tfjs-core';

/** Kernel name of the ReLU gradient (inputs `dy`, `y`; no attributes). */
export const RELU_GRAD_KERNEL = 'ConvkitReluGrad';

/**
 * `dy * step(y)` (step: 1 above 0, 0 otherwise, NaN for NaN): the gradient of
 * `y = relu(z)` with respect to `z`, from the gradient `dy` of `y`.
 *
 * @param dy - Gradient of the ReLU output.
 * @param y - The ReLU output (same shape as `dy`).
 * @returns The gradient of the ReLU input.
 */
export function reluGrad(dy: tf.Tensor, y: tf.Tensor): tf.Tensor {
  if (
    tf.getKernel(RELU_GRAD_KERNEL, tf.getBackend()) &&
    dy.dtype === 'float32' &&
    y.dtype === 'float32' &&
    tf.util.arraysEqual(dy.shape, y.shape)
  ) {
    return tf.engine().runKernel(RELU_GRAD_KERNEL, { dy, y }, {}) as tf.Tensor;
  }
  return tf.mul(dy, tf.step(y));
}
