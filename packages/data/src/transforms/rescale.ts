/** Multiplying pixel values by a constant, e.g. 0..255 bytes to [0, 1]. */
import { checkNumber } from '../check';
import type { ImageTransform } from './transform';

/**
 * Multiplies every pixel by `factor`, a finite number (default 1/255: uint8 range to [0, 1]).
 *
 * @param factor - Multiplier; default 1/255.
 * @returns A transform for `dataset.map`.
 * @throws {ConfigError} when `factor` is not a finite number.
 */
export function rescale(factor = 1 / 255): ImageTransform {
  checkNumber('rescale', 'factor', factor);
  return (sample) => {
    const src = sample.image;
    const image = new Float32Array(src.length);
    for (let i = 0; i < src.length; i++) image[i] = src[i] * factor;
    return { ...sample, image };
  };
}
