/**
 * Automatic differentiation, delegated to the tfjs-core tape. Gradients are
 * declared per kernel in tfjs-core, so any backend that implements the
 * forward and backward kernels trains every layer.
 */
import * as tf from '@tensorflow/tfjs-core';
import { adviseFasterBackend } from './backend';

export { customGrad, grad, grads, valueAndGrad, valueAndGrads } from '@tensorflow/tfjs-core';

/**
 * Gradients of the scalar `f()` with respect to `varList` (every trainable
 * variable when omitted), and its value: tfjs-core's `variableGrads`. The
 * first call on the cpu backend says once that a faster backend exists
 * (`adviseFasterBackend`).
 */
export function variableGrads(
  f: () => tf.Scalar,
  varList?: tf.Variable[],
): { value: tf.Scalar; grads: tf.NamedTensorMap } {
  adviseFasterBackend();
  return tf.variableGrads(f, varList);
}
