/** Horizontal (left–right) mirroring. */
import type { ImageShape } from '../image-sample';
import { type ImageTransform, type RandomTransformOptions, rngSource } from './transform';

/** Options of `randomFlipHorizontal`. */
export interface RandomFlipOptions extends RandomTransformOptions {
  /** Probability of flipping a sample (default 0.5). */
  probability?: number;
}

/** A mirrored copy of `image`: `out[y, x] = image[y, w - 1 - x]`. */
export function flipImageHorizontal(image: Float32Array, shape: ImageShape): Float32Array {
  const [h, w, c] = shape;
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
  const p = options.probability ?? 0.5;
  const rng = rngSource(options.seed);
  return (sample) =>
    rng().next() < p ? { ...sample, image: flipImageHorizontal(sample.image, sample.shape) } : sample;
}
