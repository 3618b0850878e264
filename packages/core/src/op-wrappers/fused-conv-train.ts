/**
 * `ops.fused.conv2d` while gradients are recorded, for the case a CNN trains
 * most (NHWC, dilation 1, a per-channel bias or none, relu or no activation):
 * the forward pass is one FusedConv2D kernel (conv, bias and relu in the
 * kernel's epilogue, no separate Add and Relu passes over the activations),
 * with its gradient written out here:
 * `d = relu ? dy·step(y) : dy`, `dx = Conv2DBackpropInput(d, filter)`,
 * `dfilter = Conv2DBackpropFilter(x, d)`, `dbias = Σ_{n,h,w} d`.
 * Those are the gradients of the unfused ops (conv2d, add, relu) to the bit:
 * `step(y) = step(conv + bias)` since relu keeps the sign, and the bias sum is
 * the reduction the gradient of the broadcast `add` runs.
 */
import * as tf from '@tensorflow/tfjs-core';
import { pair } from '../gradients/dilate-filter';
import { runKernel } from '../gradients/run-kernel';

type Conv2DArgs = Parameters<typeof tf.fused.conv2d<tf.Tensor4D>>[0];

/**
 * The arguments as tensors when the trainable fused path handles them, else null
 * (rank-3 input, NCHW, dilations, other activations, non-float32 or broadcast biases).
 */
export function trainableFusedConvArgs(
  args: Conv2DArgs,
): { x: tf.Tensor4D; filter: tf.Tensor4D; bias?: tf.Tensor1D; relu: boolean } | null {
  const { x, filter, bias, activation = 'linear', dataFormat = 'NHWC', dilations = 1 } = args;
  if (!(x instanceof tf.Tensor) || !(filter instanceof tf.Tensor)) return null;
  if (bias !== undefined && !(bias instanceof tf.Tensor)) return null;
  if (activation !== 'relu' && activation !== 'linear') return null;
  if (dataFormat !== 'NHWC' || x.rank !== 4 || filter.rank !== 4) return null;
  const [dh, dw] = pair(dilations);
  if (dh !== 1 || dw !== 1 || args.preluActivationWeights !== undefined) return null;
  if (x.dtype !== 'float32' || filter.dtype !== 'float32') return null;
  if (bias && (bias.rank !== 1 || bias.shape[0] !== filter.shape[3] || bias.dtype !== 'float32')) return null;
  return {
    x: x as tf.Tensor4D,
    filter: filter as tf.Tensor4D,
    bias: bias as tf.Tensor1D | undefined,
    relu: activation === 'relu',
  };
}

/**
 * conv2d + bias + relu/linear as one FusedConv2D kernel with a hand-written
 * gradient (see the module comment). Call only with what
 * {@link trainableFusedConvArgs} accepted.
 */
export function trainableFusedConv(
  args: Conv2DArgs,
  t: { x: tf.Tensor4D; filter: tf.Tensor4D; bias?: tf.Tensor1D; relu: boolean },
): tf.Tensor4D {
  const { strides, pad, dimRoundingMode } = args;
  const activation = t.relu ? 'relu' : 'linear';
  const convAttrs = { strides, pad, dataFormat: 'NHWC', dilations: [1, 1], dimRoundingMode };
  const backward = (dy: tf.Tensor, x: tf.Tensor4D, filter: tf.Tensor4D, y: tf.Tensor): tf.Tensor[] => {
    const d = t.relu ? tf.mul(dy, tf.step(y)) : dy;
    const dx = runKernel(tf.Conv2DBackpropInput, { dy: d, filter }, { ...convAttrs, inputShape: x.shape });
    const df = runKernel(tf.Conv2DBackpropFilter, { x, dy: d }, { ...convAttrs, filterShape: filter.shape });
    return t.bias ? [dx, df, tf.sum(d, [0, 1, 2])] : [dx, df];
  };
  const forward = (x: tf.Tensor4D, filter: tf.Tensor4D, bias?: tf.Tensor1D): tf.Tensor4D => {
    const inputs: tf.NamedTensorMap = bias ? { x, filter, bias } : { x, filter };
    return runKernel(tf.FusedConv2D, inputs, { ...convAttrs, activation }) as tf.Tensor4D;
  };
  if (t.bias) {
    const op = tf.customGrad((x, filter, bias, save) => {
      const y = forward(x as tf.Tensor4D, filter as tf.Tensor4D, bias as tf.Tensor1D);
      (save as tf.GradSaveFunc)([x as tf.Tensor, filter as tf.Tensor, y]);
      return {
        value: y,
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) =>
          backward(dy, saved[0] as tf.Tensor4D, saved[1] as tf.Tensor4D, saved[2]),
      };
    });
    return op(t.x, t.filter, t.bias) as tf.Tensor4D;
  }
  const op = tf.customGrad((x, filter, save) => {
    const y = forward(x as tf.Tensor4D, filter as tf.Tensor4D);
    (save as tf.GradSaveFunc)([x as tf.Tensor, filter as tf.Tensor, y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) =>
        backward(dy, saved[0] as tf.Tensor4D, saved[1] as tf.Tensor4D, saved[2]),
    };
  });
  return op(t.x, t.filter) as tf.Tensor4D;
}
