/**
 * Gradient of Conv2D for every dilation rate. tfjs-core's refuses dilations
 * above 1 and drops `dimRoundingMode` (so a numeric `pad` with a rounding
 * mode got gradients of the wrong size); this one runs the dilation-1
 * backprop kernels on the zero-inserted filter (see `dilate-filter.ts`).
 */
import * as tf from '@tensorflow/tfjs-core';
import { dilatedFilterShape, dilateFilter, pair, undilateFilterGrad } from './dilate-filter';
import { runKernel } from './run-kernel';

/** Replaces tfjs-core's Conv2D gradient (registered by kernel name). */
export const conv2DGradConfig: tf.GradConfig = {
  kernelName: tf.Conv2D,
  inputsToSave: ['x', 'filter'],
  gradFunc: (dy, saved, attrs) => {
    const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
    const { strides, pad, dataFormat, dilations, dimRoundingMode } = attrs as unknown as tf.Conv2DAttrs;
    const [dh, dw] = pair(dilations);
    const common = { strides, pad, dataFormat, dimRoundingMode };
    return {
      x: () =>
        tf.tidy(() => {
          const dilated = dilateFilter(filter, dh, dw);
          const inputs = { dy: dy as tf.Tensor, filter: dilated };
          return runKernel(tf.Conv2DBackpropInput, inputs, { ...common, inputShape: x.shape });
        }),
      filter: () =>
        tf.tidy(() => {
          const filterShape = dilatedFilterShape(filter, dh, dw);
          const inputs = { x, dy: dy as tf.Tensor };
          const g = runKernel(tf.Conv2DBackpropFilter, inputs, { ...common, filterShape });
          return undilateFilterGrad(g, dh, dw);
        }),
    };
  },
};
