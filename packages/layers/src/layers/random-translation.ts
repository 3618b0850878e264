import { ConfigError, type Rng } from '@convkit/core';
import { type AffineMap, translationMap } from './image-warp';
import { RandomAffineLayer, type RandomAffineLayerArgs } from './random-affine-layer';
import { type FactorRange, factorRange, rangeConfig } from './random-factor';

/** Options of `RandomTranslation`. */
export interface RandomTranslationArgs extends RandomAffineLayerArgs {
  /**
   * Vertical shift range as a fraction of the height, as Keras: `0.1` draws
   * from [−10%, 10%]; positive values move the content down. Ends within ±1.
   */
  heightFactor: FactorRange;
  /** Horizontal shift range as a fraction of the width; positive values move the content right. Ends within ±1. */
  widthFactor: FactorRange;
}

const BOUNDS = { min: -1, max: 1 };

/**
 * Moves each training image by a random fraction of its height and width
 * (sub-pixel shifts are interpolated); the identity at inference. Keras's
 * `RandomTranslation`: `heightFactor`, `widthFactor`, `fillMode` (default
 * `'reflect'`), `interpolation` (default `'bilinear'`), `fillValue`, `seed`.
 *
 * @example
 * ```ts
 * import { RandomTranslation } from '@convkit/layers';
 *
 * const shift = new RandomTranslation({ heightFactor: 0.1, widthFactor: 0.1, fillMode: 'constant' });
 * ```
 */
export class RandomTranslation extends RandomAffineLayer {
  static override readonly className = 'RandomTranslation';

  /** The vertical range as given. */
  readonly heightFactor: FactorRange;
  /** The horizontal range as given. */
  readonly widthFactor: FactorRange;
  private readonly heightRange: [number, number];
  private readonly widthRange: [number, number];

  /**
   * @param args - `heightFactor` and `widthFactor` (required), `fillMode`, `interpolation`, `fillValue`, `seed`.
   * @throws {ConfigError} when a factor is missing or outside [−1, 1], or another option is invalid.
   */
  constructor(args: RandomTranslationArgs) {
    super(args);
    const d = this.describe();
    if (args?.heightFactor === undefined || args.widthFactor === undefined) {
      throw new ConfigError(`${d}: heightFactor and widthFactor are required (fractions of the size, e.g. 0.1)`);
    }
    this.heightRange = factorRange(d, 'heightFactor', args.heightFactor, BOUNDS);
    this.widthRange = factorRange(d, 'widthFactor', args.widthFactor, BOUNDS);
    this.heightFactor = rangeConfig(args.heightFactor);
    this.widthFactor = rangeConfig(args.widthFactor);
  }

  protected sampleMap(rng: Rng, h: number, w: number): AffineMap {
    const dy = rng.uniform(this.heightRange[0], this.heightRange[1]) * h;
    const dx = rng.uniform(this.widthRange[0], this.widthRange[1]) * w;
    return translationMap(dy, dx);
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      heightFactor: rangeConfig(this.heightFactor),
      widthFactor: rangeConfig(this.widthFactor),
    };
  }
}
