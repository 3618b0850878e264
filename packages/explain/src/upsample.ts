/**
 * Bilinear resizing of maps `[N, h, w]` to `[N, H, W]` as two matrix
 * products with interpolation matrices built in JavaScript, so it runs on
 * every backend with the kernels training already needs. Pixel centres are
 * aligned as in `tf.image.resizeBilinear` with half-pixel centres.
 */
import { ops, type Tensor, tensor2d } from '@convkit/core';

/** Matrix `[to, from]` whose row i interpolates output pixel i from the input pixels. */
function interpolationMatrix(from: number, to: number): Tensor {
  const m = new Float32Array(to * from);
  const scale = from / to;
  for (let i = 0; i < to; i++) {
    const src = Math.min(Math.max((i + 0.5) * scale - 0.5, 0), from - 1);
    const lo = Math.floor(src);
    const hi = Math.min(lo + 1, from - 1);
    const frac = src - lo;
    m[i * from + lo] += 1 - frac;
    m[i * from + hi] += frac;
  }
  return tensor2d(m, [to, from]);
}

/** `maps` `[N, h, w]` resized to `[N, height, width]`. Creates intermediates in the caller's scope. */
export function resizeBilinear(maps: Tensor, height: number, width: number): Tensor {
  const [n, h, w] = maps.shape;
  if (h === height && w === width) return ops.add(maps, 0);
  const rows = ops.matMul(interpolationMatrix(h, height), maps); // [N, H, w]
  const out = ops.matMul(rows, ops.transpose(interpolationMatrix(w, width))); // [N, H, W]
  return ops.reshape(out, [n, height, width]);
}
