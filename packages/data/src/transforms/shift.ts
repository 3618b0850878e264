/** Random translation by whole pixels with a constant fill. */
import { checkInteger, checkOptionalNumber, checkOptions } from '../check';
import { type ImageTransform, type RandomTransformOptions, rngSource } from './transform';
import { translateImage } from './translate';

/** Options of `randomShift`. */
export interface RandomShiftOptions extends RandomTransformOptions {
  /** Largest shift in pixels, along each axis independently (uniform in -maxShift..maxShift). */
  maxShift: number;
  /**
   * Value of the pixels uncovered by the shift, a finite number (default 0).
   *
   * @defaultValue `0`
   */
  fill?: number;
}

/**
 * Moves each sample by a random whole number of pixels, up to `maxShift` in each direction.
 *
 * @param options - `maxShift` (required), `fill` (default 0), `seed`.
 * @returns A transform for `dataset.map`.
 * @throws {ConfigError} when an option is invalid.
 */
export function randomShift(options: RandomShiftOptions): ImageTransform {
  const fn = 'randomShift';
  const opts = checkOptions(fn, options);
  const maxShift = checkInteger(fn, 'options.maxShift', opts.maxShift, { min: 0 });
  const fill = checkOptionalNumber(fn, 'options.fill', opts.fill) ?? 0;
  const rng = rngSource(fn, opts.seed);
  return (sample) => {
    const r = rng();
    const dy = r.int(2 * maxShift + 1) - maxShift;
    const dx = r.int(2 * maxShift + 1) - maxShift;
    return { ...sample, image: translateImage(sample.image, sample.shape, dy, dx, fill) };
  };
}
