import { ops, type Tensor, type Tensor4D, tensor4d, tidy } from '@convkit/core';
import { Pooling2D, type Pooling2DArgs } from './pooling2d';

/** TensorFlow's `'same'` padding for one axis: output size and the pad before. */
function samePadding(input: number, k: number, s: number): { out: number; before: number; after: number } {
  const out = Math.ceil(input / s);
  const total = Math.max((out - 1) * s + k - input, 0);
  const before = Math.floor(total / 2);
  return { out, before, after: total - before };
}

/** How many real (unpadded) input positions each output window covers along one axis. */
function validCounts(input: number, k: number, s: number, out: number, before: number): number[] {
  const counts: number[] = [];
  for (let o = 0; o < out; o++) {
    const start = o * s - before;
    counts.push(Math.min(start + k, input) - Math.max(start, 0));
  }
  return counts;
}

/**
 * Mean over `poolSize` windows of an NHWC input. Keras `AveragePooling2D`.
 * With `'same'` padding the mean is over the real elements only (TensorFlow's
 * rule). tfjs's avgPool gradient divides by the full window size there, so
 * `'same'` is computed as zero-pad → valid average → per-window rescale,
 * whose gradient is exact.
 */
export class AvgPool2D extends Pooling2D {
  static override readonly className = 'AvgPool2D';

  constructor(args: Pooling2DArgs = {}) {
    super(args);
  }

  protected pool(x: Tensor4D): Tensor {
    if (this.padding === 'valid') return ops.avgPool(x, this.poolSize, this.strides, 'valid');
    const [kh, kw] = this.poolSize;
    const [sh, sw] = this.strides;
    const [, h, w] = x.shape;
    const ph = samePadding(h, kh, sh);
    const pw = samePadding(w, kw, sw);
    if (ph.before + ph.after + pw.before + pw.after === 0) return ops.avgPool(x, this.poolSize, this.strides, 'valid');
    return tidy(() => {
      const padded = ops.pad(x, [
        [0, 0],
        [ph.before, ph.after],
        [pw.before, pw.after],
        [0, 0],
      ]);
      const mean = ops.avgPool(padded, this.poolSize, this.strides, 'valid');
      const rows = validCounts(h, kh, sh, ph.out, ph.before);
      const cols = validCounts(w, kw, sw, pw.out, pw.before);
      const scale = new Float32Array(ph.out * pw.out);
      for (let i = 0; i < ph.out; i++)
        for (let j = 0; j < pw.out; j++) scale[i * pw.out + j] = (kh * kw) / (rows[i] * cols[j]);
      return ops.mul(mean, tensor4d(scale, [1, ph.out, pw.out, 1]));
    });
  }
}
