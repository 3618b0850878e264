/** Runs a kernel through the engine (recorded on the tape like tfjs's own ops do). */
import * as tf from '@tensorflow/tfjs-core';

/** `engine().runKernel` with a typed attribute object (tfjs's attr types allow no `undefined`). */
export function runKernel(name: string, inputs: tf.NamedTensorMap, attrs: object): tf.Tensor {
  return tf.engine().runKernel(name, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
}
