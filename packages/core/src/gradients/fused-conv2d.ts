/**
 * Gradient of the FusedConv2D kernel for NHWC, dilation 1 and a relu or no
 * activation: what `ops.fused.conv2d` runs while gradients are recorded (see
 * `../op-wrappers/fused-conv-train.ts`). tfjs-core registers none (its fused
 * op wraps the kernel in `customGrad`). With `d = relu ? dy·step(y) : dy`:
 * `dx = Conv2DBackpropInput(d, filter)`, `dfilter = Conv2DBackpropFilter(x, d)`,
 * `dbias = Σ_{n,h,w} d` — the gradients of conv2d, add and relu to the bit.
 * Each is computed only when the tape needs it (no input gradient for the
 * first layer's images).
 */
import * as tf from '@tensorflow/tfjs-core';
import { reluGrad } from '../op-wrappers/relu-grad';
import { pair } from './dilate-filter';
import { runKernel } from './run-kernel';

/** FusedConv2D's gradient (registered by kernel name). */
export const fusedConv2DGradConfig: tf.GradConfig = {
  kernelName: tf.FusedConv2D,
  inputsToSave: ['x', 'filter'],
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => {
    const [x, filter, y] = saved as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
    const { strides, pad, dataFormat, dilations, dimRoundingMode, activation } =
      attrs as unknown as tf.FusedConv2DAttrs;
    const [dh, dw] = pair(dilations);
    if ((activation !== 'relu' && activation !== 'linear') || dataFormat !== 'NHWC' || dh !== 1 || dw !== 1) {
      throw new Error(
        `FusedConv2D gradient: only NHWC, dilation 1 and activation relu or linear (got ${dataFormat}, dilations ${dh}x${dw}, ${activation}); use ops.fused.conv2d, which unfuses the rest`,
      );
    }
    const common = { strides, pad, dataFormat, dilations: [1, 1], dimRoundingMode };
    // Made once for the three gradients; freed with the backward pass's scope.
    const d = activation === 'relu' ? reluGrad(dy as tf.Tensor, y) : (dy as tf.Tensor);
    return {
      x: () => runKernel(tf.Conv2DBackpropInput, { dy: d, filter }, { ...common, inputShape: x.shape }),
      filter: () => runKernel(tf.Conv2DBackpropFilter, { x, dy: d }, { ...common, filterShape: filter.shape }),
      bias: () => tf.sum(d, [0, 1, 2]),
    };
  },
};
