/**
 * Gradient of the ReLU gradient kernel (`RELU_GRAD_KERNEL`, `dy * step(y)`),
 * for second derivatives through `ops.fused.conv2d`: as for tfjs's
 * `mul(dy, step(y))`, `d/d dy = g * step(y)` and `d/d y = 0` (Step's gradient).
 */
import * as tf from '@tensorflow/tfjs-core';
import { RELU_GRAD_KERNEL } from '../op-wrappers/relu-grad';

/** The ReLU gradient kernel's gradient (registered by kernel name). */
export const reluGradGradConfig: tf.GradConfig = {
  kernelName: RELU_GRAD_KERNEL,
  inputsToSave: ['y'],
  gradFunc: (g, saved) => {
    const [y] = saved;
    return { dy: () => tf.mul(g as tf.Tensor, tf.step(y)), y: () => tf.zerosLike(y) };
  },
};
