/**
 * A dilated convolution is a plain one with `d − 1` zeros inserted between
 * the filter taps. The gradients of dilated Conv2D / DepthwiseConv2dNative
 * run the backend's dilation-1 backprop kernels on that zero-inserted filter
 * (which every backend implements correctly) and read the filter gradient
 * back at the real taps.
 */
import * as tf from '@tensorflow/tfjs-core';

/** `[h, w]` from tfjs's `number | [number, number]` attribute (undefined means 1). */
export function pair(v: number | readonly number[] | undefined): [number, number] {
  if (v === undefined || v === null) return [1, 1];
  return typeof v === 'number' ? [v, v] : [v[0], v[1]];
}

/** Filter `[fh, fw, a, b]` with `dh − 1` / `dw − 1` zeros between taps: `[(fh−1)·dh+1, (fw−1)·dw+1, a, b]`. */
export function dilateFilter(filter: tf.Tensor, dh: number, dw: number): tf.Tensor4D {
  if (dh === 1 && dw === 1) return filter as tf.Tensor4D;
  return tf.tidy(() => {
    const [fh, fw, a, b] = filter.shape;
    const spread = tf.pad(tf.reshape(filter, [fh, 1, fw, 1, a, b]), [
      [0, 0],
      [0, dh - 1],
      [0, 0],
      [0, dw - 1],
      [0, 0],
      [0, 0],
    ]);
    const full = tf.reshape(spread, [fh * dh, fw * dw, a, b]);
    return tf.slice(full, [0, 0, 0, 0], [(fh - 1) * dh + 1, (fw - 1) * dw + 1, a, b]) as tf.Tensor4D;
  });
}

/** The taps of a zero-inserted filter's gradient that belong to real filter taps (every `dh`-th row, `dw`-th column). */
export function undilateFilterGrad(grad: tf.Tensor, dh: number, dw: number): tf.Tensor4D {
  if (dh === 1 && dw === 1) return grad as tf.Tensor4D;
  const [eh, ew, a, b] = grad.shape;
  return tf.stridedSlice(grad, [0, 0, 0, 0], [eh, ew, a, b], [dh, dw, 1, 1]) as tf.Tensor4D;
}

/** Shape of `filter` ([kh, kw, in, out|multiplier]) once dilated by (dh, dw): the shape `dilateFilter` returns. */
export function dilatedFilterShape(filter: tf.Tensor4D, dh: number, dw: number): [number, number, number, number] {
  const [kh, kw, c, m] = filter.shape;
  return [(kh - 1) * dh + 1, (kw - 1) * dw + 1, c, m];
}
