/** Moving an image by whole pixels, filling what is uncovered with a constant. */
import { checkInteger, checkNumber } from '../check';
import type { ImageShape } from '../image-sample';
import { checkImage } from './transform';

/**
 * A copy of `image` moved `dy` pixels down and `dx` pixels right (negative
 * values move up / left); pixels that come from outside are `fill`.
 * `out[y, x] = image[y - dy, x - dx]`.
 *
 * @param image - HWC pixels.
 * @param shape - `[height, width, channels]`.
 * @param dy - Rows to move down (negative: up), an integer.
 * @param dx - Columns to move right (negative: left), an integer.
 * @param fill - Value of uncovered pixels; default 0.
 * @returns A new image of the same shape.
 * @throws {ConfigError} when `image` is not a Float32Array.
 * @throws {ShapeError} when `shape` is not three positive integers or disagrees with `image.length`.
 * @throws {ConfigError} when `dy`, `dx` or `fill` is invalid.
 */
export function translateImage(image: Float32Array, shape: ImageShape, dy: number, dx: number, fill = 0): Float32Array {
  const fn = 'translateImage';
  const [h, w, c] = checkImage(fn, image, shape);
  checkInteger(fn, 'dy', dy);
  checkInteger(fn, 'dx', dx);
  checkNumber(fn, 'fill', fill);
  const out = new Float32Array(h * w * c);
  if (fill !== 0) out.fill(fill);
  const y0 = Math.max(0, dy);
  const y1 = Math.min(h, h + dy);
  const x0 = Math.max(0, dx);
  const x1 = Math.min(w, w + dx);
  if (x0 >= x1) return out;
  for (let y = y0; y < y1; y++) {
    const src = ((y - dy) * w + (x0 - dx)) * c;
    out.set(image.subarray(src, src + (x1 - x0) * c), (y * w + x0) * c);
  }
  return out;
}
