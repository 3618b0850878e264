/**
 * Gradient of MaxPool that keeps `dimRoundingMode`. tfjs-core's drops it, so a
 * numeric pad with 'ceil' (or 'round' rounding up) sized the gradient's
 * windows for one output row and column fewer than the forward pass had.
 */
import * as tf from '@tensorflow/tfjs-core';
import { runKernel } from './run-kernel';

/** Replaces tfjs-core's MaxPool gradient (registered by kernel name). */
export const maxPoolGradConfig: tf.GradConfig = {
  kernelName: tf.MaxPool,
  inputsToSave: ['x'],
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => {
    const [x, y] = saved;
    const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as tf.MaxPoolAttrs;
    return {
      x: () =>
        runKernel(
          tf.MaxPoolGrad,
          { dy: dy as tf.Tensor, input: x, output: y },
          { filterSize, strides, pad, dimRoundingMode },
        ),
    };
  },
};
