/** Horizontal (left–right) mirroring. */
import { checkOptionalNumber, checkOptions } from '../check';
import type { ImageShape } from '../image-sample';
import { checkImage, type ImageTransform, type RandomTransformOptions, rngSource } from './transform';

/** Options of `randomFlipHorizontal`. */
export interface RandomFlipOptions extends RandomTransformOptions {
  /** Probability of flipping a sample, in [0, 1] (default 0.5). */
  probability?: number;
}

/** A mirrored copy of `image`: `out[y, x] = image[y, w - 1 - x]`. */
export function flipImageHorizontal(image: Float32Array, shape: ImageShape): Float32Array {
  const [h, w, c] = checkImage('flipImageHorizontal', image, shape);
  const out = new Float32Array(image.length);
  for (let y = 0; y < h; y++) {
    const row = y * w * c;
    for (let x = 0; x < w; x++) {
      const src = row + (w - 1 - x) * c;
      const dst = row + x * c;
      for (let ch = 0; ch < c; ch++) out[dst + ch] = image[src + ch];
    }
  }
  return out;
}

/** Mirrors each sample left–right with probability `probability`. */
export function randomFlipHorizontal(options: RandomFlipOptions = {}): ImageTransform {
  const fn = 'randomFlipHorizontal';
  const opts = checkOptions(fn, options);
  const p = checkOptionalNumber(fn, 'options.probability', opts.probability, { min: 0, max: 1 }) ?? 0.5;
  const rng = rngSource(fn, opts.seed);
  return (sample) =>
    rng().next() < p ? { ...sample, image: flipImageHorizontal(sample.image, sample.shape) } : sample;
}
