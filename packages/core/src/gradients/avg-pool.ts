/**
 * Gradients of AvgPool and AvgPool3D that match their forward pass. Where a
 * window overlaps the padding ('same', or a numeric pad), the forward divides
 * by the number of in-bounds elements, but tfjs's AvgPoolGrad / AvgPool3DGrad
 * kernels divide by the full window on every backend (a corner of a 3×3
 * input under a 3×3 'same' window got 4/9 instead of 1/4+1/6+1/6+1/9).
 *
 * 2-D: each output gradient is divided by its window's in-bounds count, then
 * spread over the window's inputs by the transpose of a depthwise convolution
 * with an all-ones filter (DepthwiseConv2dNativeBackpropInput, which also
 * honours `dimRoundingMode`, unlike tfjs's AvgPoolGrad).
 * 3-D: the gradient is rescaled by (full window / in-bounds count) before
 * AvgPool3DGrad's division by the full window.
 */
import * as tf from '@tensorflow/tfjs-core';
import { runKernel } from './run-kernel';

/** In-bounds element count of each output window along one axis. */
function windowCounts(input: number, out: number, filter: number, stride: number, padBefore: number): Float64Array {
  const counts = new Float64Array(out);
  for (let o = 0; o < out; o++) {
    const start = o * stride - padBefore;
    counts[o] = Math.max(0, Math.min(start + filter, input) - Math.max(start, 0));
  }
  return counts;
}

/** `value(count)` for every output position, as a tensor of `shape` (count = product over the axes). */
function perWindow(
  axes: { input: number; out: number; filter: number; stride: number; pad: number }[],
  shape: number[],
  value: (count: number) => number,
): tf.Tensor {
  const counts = axes.map((a) => windowCounts(a.input, a.out, a.filter, a.stride, a.pad));
  const size = axes.reduce((n, a) => n * a.out, 1);
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    let rest = i;
    let count = 1;
    for (let k = axes.length - 1; k >= 0; k--) {
      count *= counts[k][rest % axes[k].out];
      rest = Math.floor(rest / axes[k].out);
    }
    values[i] = count > 0 ? value(count) : 0;
  }
  return tf.tensor(values, shape);
}

/** Replaces tfjs-core's AvgPool gradient (registered by kernel name). */
export const avgPoolGradConfig: tf.GradConfig = {
  kernelName: tf.AvgPool,
  inputsToSave: ['x'],
  gradFunc: (dy, saved, attrs) => {
    const [x] = saved as [tf.Tensor4D];
    const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as tf.AvgPoolAttrs;
    return {
      x: () =>
        tf.tidy(() => {
          const info = tf.backend_util.computePool2DInfo(x.shape, filterSize, strides, 1, pad, dimRoundingMode);
          const inverse = perWindow(
            [
              {
                input: info.inHeight,
                out: info.outHeight,
                filter: info.filterHeight,
                stride: info.strideHeight,
                pad: info.padInfo.top,
              },
              {
                input: info.inWidth,
                out: info.outWidth,
                filter: info.filterWidth,
                stride: info.strideWidth,
                pad: info.padInfo.left,
              },
            ],
            [1, info.outHeight, info.outWidth, 1],
            (count) => 1 / count,
          );
          const ones = tf.ones([info.filterHeight, info.filterWidth, info.inChannels, 1]);
          const inputs = { dy: tf.mul(dy as tf.Tensor, inverse), filter: ones };
          const kernelAttrs = { strides, pad, dimRoundingMode, dilations: [1, 1], inputShape: x.shape };
          return runKernel(tf.DepthwiseConv2dNativeBackpropInput, inputs, kernelAttrs);
        }),
    };
  },
};

/** Replaces tfjs-core's AvgPool3D gradient (registered by kernel name). */
export const avgPool3DGradConfig: tf.GradConfig = {
  kernelName: tf.AvgPool3D,
  inputsToSave: ['x'],
  gradFunc: (dy, saved, attrs) => {
    const [x] = saved as [tf.Tensor5D];
    const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as tf.AvgPool3DAttrs;
    return {
      x: () =>
        tf.tidy(() => {
          const info = tf.backend_util.computePool3DInfo(x.shape, filterSize, strides, 1, pad, dimRoundingMode);
          const full = info.filterDepth * info.filterHeight * info.filterWidth;
          const scale = perWindow(
            [
              {
                input: info.inDepth,
                out: info.outDepth,
                filter: info.filterDepth,
                stride: info.strideDepth,
                pad: info.padInfo.front,
              },
              {
                input: info.inHeight,
                out: info.outHeight,
                filter: info.filterHeight,
                stride: info.strideHeight,
                pad: info.padInfo.top,
              },
              {
                input: info.inWidth,
                out: info.outWidth,
                filter: info.filterWidth,
                stride: info.strideWidth,
                pad: info.padInfo.left,
              },
            ],
            [1, info.outDepth, info.outHeight, info.outWidth, 1],
            (count) => full / count,
          );
          const inputs = { dy: tf.mul(dy as tf.Tensor, scale), input: x };
          const kernelAttrs = { filterSize, strides, pad, dimRoundingMode };
          return runKernel(tf.AvgPool3DGrad, inputs, kernelAttrs);
        }),
    };
  },
};
