/**
 * `ops.fused`: conv2d, depthwiseConv2d and matMul followed by a bias and an
 * activation, run as one fused kernel for inference.
 *
 * While gradients are recorded (inside `grad`, `variableGrads`, ...) the op
 * runs unfused (the op, then `add`, then the activation), like tfjs already
 * does for every activation but 'linear'. tfjs's fused ops carry their own
 * gradients, which refuse dilations above 1 and drop `dimRoundingMode`; the
 * unfused ops use convkit's corrected gradients (`../gradients`). `matMul`
 * broadcasts batch dimensions on both sides (see `./mat-mul`).
 */
import * as tf from '@tensorflow/tfjs-core';
import { trainableFusedConv, trainableFusedConvArgs } from './fused-conv-train';
import { matMul as broadcastingMatMul, conformBatches } from './mat-mul';

type Activation = 'linear' | 'relu' | 'prelu' | 'elu' | 'relu6' | 'leakyrelu' | 'sigmoid';

function recordingGradients(): boolean {
  return tf.engine().state.gradientDepth > 0;
}

function asTensor(t: tf.Tensor | tf.TensorLike | undefined): tf.Tensor | undefined {
  return t === undefined || t instanceof tf.Tensor ? t : tf.tensor(t);
}

/** tfjs's `applyActivation` for fused ops (not exported by tfjs-core). */
function activate(
  y: tf.Tensor,
  activation: Activation | undefined,
  prelu: tf.Tensor | tf.TensorLike | undefined,
  leakyreluAlpha: number | undefined,
): tf.Tensor {
  switch (activation ?? 'linear') {
    case 'linear':
      return y;
    case 'relu':
      return tf.relu(y);
    case 'relu6':
      return tf.relu6(y);
    case 'elu':
      return tf.elu(y);
    case 'sigmoid':
      return tf.sigmoid(y);
    case 'leakyrelu':
      return tf.leakyRelu(y, leakyreluAlpha ?? 0.2);
    case 'prelu':
      return tf.prelu(y, asTensor(prelu) as tf.Tensor);
    default:
      throw new Error(`Unknown fused activation ${String(activation)}`);
  }
}

/** A per-channel bias of an NCHW output, shaped to broadcast over H and W. */
function nchwBias(bias: tf.Tensor, dataFormat: string | undefined): tf.Tensor {
  return dataFormat === 'NCHW' && bias.rank === 1 ? tf.reshape(bias, [bias.shape[0], 1, 1]) : bias;
}

type Conv2DArgs<T extends tf.Tensor3D | tf.Tensor4D> = Parameters<typeof tf.fused.conv2d<T>>[0];
type DepthwiseArgs<T extends tf.Tensor3D | tf.Tensor4D> = Parameters<typeof tf.fused.depthwiseConv2d<T>>[0];
type MatMulArgs = Parameters<typeof tf.fused.matMul>[0];

/** The unfused form of a fused conv: `conv(x, filter, ...)`, then `+ bias`, then the activation. */
function unfusedConv<T extends tf.Tensor3D | tf.Tensor4D>(
  conv: typeof tf.conv2d | typeof tf.depthwiseConv2d,
  args: Conv2DArgs<T> | DepthwiseArgs<T>,
): T {
  const { x, filter, strides, pad, dataFormat, dilations, dimRoundingMode, bias } = args;
  return tf.tidy(() => {
    let y: tf.Tensor = conv(
      x as tf.Tensor4D,
      filter as tf.Tensor4D,
      strides,
      pad,
      dataFormat,
      dilations,
      dimRoundingMode,
    );
    if (bias !== undefined) y = tf.add(y, nchwBias(asTensor(bias)!, dataFormat));
    return activate(y, args.activation, args.preluActivationWeights, args.leakyreluAlpha);
  }) as T;
}

/**
 * `conv2d(x, filter, ...)` + `bias`, then `activation`: one FusedConv2D kernel
 * for inference, and while gradients are recorded too when the input is NHWC
 * rank 4 with dilation 1, a per-channel bias (or none) and relu or no
 * activation (`./fused-conv-train.ts`, same values and gradients as the
 * unfused ops); otherwise conv2d, add and the activation while gradients are recorded.
 *
 * @param args - tfjs-core's fused conv2d arguments (`x`, `filter`, `strides`, `pad`, `bias`, `activation`, ...).
 * @returns The activated convolution.
 */
export function conv2d<T extends tf.Tensor3D | tf.Tensor4D>(args: Conv2DArgs<T>): T {
  if (!recordingGradients()) return tf.fused.conv2d(args);
  const trainable = trainableFusedConvArgs(args as Conv2DArgs<tf.Tensor4D>);
  if (trainable) return trainableFusedConv(args as Conv2DArgs<tf.Tensor4D>, trainable) as T;
  return unfusedConv(tf.conv2d, args);
}

/**
 * `depthwiseConv2d(x, filter, ...)` + `bias`, then `activation`: one fused
 * kernel for inference; the three ops while gradients are recorded.
 *
 * @param args - tfjs-core's fused depthwiseConv2d arguments (`x`, `filter`, `strides`, `pad`, `bias`, `activation`, ...).
 * @returns The activated depthwise convolution.
 */
export function depthwiseConv2d<T extends tf.Tensor3D | tf.Tensor4D>(args: DepthwiseArgs<T>): T {
  return recordingGradients() ? unfusedConv(tf.depthwiseConv2d, args) : tf.fused.depthwiseConv2d(args);
}

/**
 * `matMul(a, b, transposeA, transposeB)` + `bias`, then `activation`, with the
 * batch broadcasting of `ops.matMul`: one fused kernel for inference; the
 * three ops while gradients are recorded.
 *
 * @param args - `a`, `b`, `transposeA`, `transposeB`, `bias`, `activation`, ... as tfjs-core's fused matMul.
 * @returns The activated product.
 * @throws {ShapeError} when the inner dimensions differ or the batch dimensions do not broadcast.
 */
export function matMul(args: MatMulArgs): tf.Tensor {
  const { transposeA = false, transposeB = false } = args;
  return tf.tidy(() => {
    const a = asTensor(args.a)!;
    const b = asTensor(args.b)!;
    if (recordingGradients()) {
      let y = broadcastingMatMul(a, b, transposeA, transposeB);
      if (args.bias !== undefined) y = tf.add(y, asTensor(args.bias)!);
      return activate(y, args.activation, args.preluActivationWeights, args.leakyreluAlpha);
    }
    const [ca, cb] = conformBatches(a, b, transposeA, transposeB, 'ops.fused.matMul');
    return tf.fused.matMul({ ...args, a: ca, b: cb });
  });
}
