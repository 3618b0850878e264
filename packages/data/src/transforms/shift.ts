/** Random translation by whole pixels with a constant fill. */
import { ConfigError } from '@convkit/core';
import { type ImageTransform, type RandomTransformOptions, rngSource } from './transform';
import { translateImage } from './translate';

/** Options of `randomShift`. */
export interface RandomShiftOptions extends RandomTransformOptions {
  /** Largest shift in pixels, along each axis independently (uniform in -maxShift..maxShift). */
  maxShift: number;
  /** Value of the pixels uncovered by the shift (default 0). */
  fill?: number;
}

/** Moves each sample by a random whole number of pixels, up to `maxShift` in each direction. */
export function randomShift(options: RandomShiftOptions): ImageTransform {
  const { maxShift } = options;
  if (!Number.isInteger(maxShift) || maxShift < 0) {
    throw new ConfigError(`randomShift: maxShift must be a non-negative integer, got ${maxShift}`);
  }
  const fill = options.fill ?? 0;
  const rng = rngSource(options.seed);
  return (sample) => {
    const r = rng();
    const dy = r.int(2 * maxShift + 1) - maxShift;
    const dx = r.int(2 * maxShift + 1) - maxShift;
    return { ...sample, image: translateImage(sample.image, sample.shape, dy, dx, fill) };
  };
}
