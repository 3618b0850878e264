/**
 * `ops.fused.conv2d` while gradients are recorded, for the case a CNN trains
 * most (NHWC, dilation 1, a per-channel bias or none, relu or no activation):
 * the forward pass is one FusedConv2D kernel (conv, bias and relu in the
 * kernel's epilogue, no separate Add and Relu passes over the activations),
 * and its gradient is the one convkit registers for FusedConv2D
 * (`../gradients/fused-conv2d.ts`): the gradients of the unfused ops (conv2d,
 * add, relu) to the bit, each computed only when needed.
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
 * conv2d + bias + relu/linear as one FusedConv2D kernel, recorded on the tape
 * with the gradient of `../gradients/fused-conv2d.ts`. Call only with what
 * {@link trainableFusedConvArgs} accepted.
 */
export function trainableFusedConv(
  args: Conv2DArgs,
  t: { x: tf.Tensor4D; filter: tf.Tensor4D; bias?: tf.Tensor1D; relu: boolean },
): tf.Tensor4D {
  const { strides, pad, dimRoundingMode } = args;
  const inputs: tf.NamedTensorMap = t.bias ? { x: t.x, filter: t.filter, bias: t.bias } : { x: t.x, filter: t.filter };
  const attrs = {
    strides,
    pad,
    dataFormat: 'NHWC',
    dilations: [1, 1],
    dimRoundingMode,
    activation: t.relu ? 'relu' : 'linear',
  };
  return runKernel(tf.FusedConv2D, inputs, attrs) as tf.Tensor4D;
}
