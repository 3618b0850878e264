/**
 * Gradient of DepthwiseConv2dNative for every dilation rate. tfjs-core's
 * refuses dilations above 1 (and its backprop kernels ignore the dilation
 * attribute on the cpu backend); this one runs the dilation-1 backprop
 * kernels on the zero-inserted filter (see `dilate-filter.ts`).
 */
import * as tf from '@tensorflow/tfjs-core';
import { dilatedFilterShape, dilateFilter, pair, undilateFilterGrad } from './dilate-filter';
import { runKernel } from './run-kernel';

/** Replaces tfjs-core's DepthwiseConv2dNative gradient (registered by kernel name). */
export const depthwiseConv2dNativeGradConfig: tf.GradConfig = {
  kernelName: tf.DepthwiseConv2dNative,
  inputsToSave: ['x', 'filter'],
  gradFunc: (dy, saved, attrs) => {
    const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
    const { strides, pad, dilations, dimRoundingMode } = attrs as unknown as tf.DepthwiseConv2dNativeAttrs;
    const [dh, dw] = pair(dilations);
    const common = { strides, pad, dimRoundingMode, dilations: [1, 1] as [number, number] };
    return {
      x: () =>
        tf.tidy(() => {
          const inputs = { dy: dy as tf.Tensor, filter: dilateFilter(filter, dh, dw) };
          return runKernel(tf.DepthwiseConv2dNativeBackpropInput, inputs, { ...common, inputShape: x.shape });
        }),
      filter: () =>
        tf.tidy(() => {
          const filterShape = dilatedFilterShape(filter, dh, dw);
          const inputs = { x, dy: dy as tf.Tensor };
          const g = runKernel(tf.DepthwiseConv2dNativeBackpropFilter, inputs, { ...common, filterShape });
          return undilateFilterGrad(g, dh, dw);
        }),
    };
  },
};
