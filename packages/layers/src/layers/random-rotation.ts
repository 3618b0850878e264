import { ConfigError, type Rng } from '@convkit/core';
import { type AffineMap, rotationMap } from './image-warp';
import { RandomAffineLayer, type RandomAffineLayerArgs } from './random-affine-layer';
import { type FactorRange, factorRange, rangeConfig } from './random-factor';

/** Options of `RandomRotation`. */
export interface RandomRotationArgs extends RandomAffineLayerArgs {
  /**
   * Angle range as a fraction of a full turn, as Keras: `0.1` draws from
   * [−36°, 36°], `[0, 0.25]` from [0°, 90°]. Positive angles turn
   * counter-clockwise. Ends within ±1.
   */
  factor: FactorRange;
}

/**
 * Rotates each training image by a random angle about its centre; the
 * identity at inference. Keras's `RandomRotation`: `factor`, `fillMode`
 * (default `'reflect'`), `interpolation` (default `'bilinear'`), `fillValue`, `seed`.
 * Gradients flow through to the layers before it.
 *
 * @example
 * ```ts
 * import { Conv2D, RandomFlip, RandomRotation, Sequential } from '@convkit/layers';
 *
 * const model = new Sequential({
 *   layers: [
 *     new RandomFlip({ mode: 'horizontal', inputShape: [32, 32, 3] }),
 *     new RandomRotation({ factor: 0.05, fillMode: 'constant' }),
 *     new Conv2D({ filters: 16, kernelSize: 3, activation: 'relu' }),
 *   ],
 * });
 * ```
 */
export class RandomRotation extends RandomAffineLayer {
  static override readonly className = 'RandomRotation';

  /** The angle range as given (fractions of a turn). */
  readonly factor: FactorRange;
  private readonly range: [number, number];

  /**
   * @param args - `factor` (required), `fillMode`, `interpolation`, `fillValue`, `seed`.
   * @throws {ConfigError} when `factor` is missing or outside [−1, 1], or another option is invalid.
   */
  constructor(args: RandomRotationArgs) {
    super(args);
    const d = this.describe();
    if (args?.factor === undefined) throw new ConfigError(`${d}: factor is required (a fraction of a turn, e.g. 0.1)`);
    this.range = factorRange(d, 'factor', args.factor, { min: -1, max: 1 });
    this.factor = rangeConfig(args.factor);
  }

  protected sampleMap(rng: Rng, h: number, w: number): AffineMap {
    return rotationMap(rng.uniform(this.range[0], this.range[1]) * 2 * Math.PI, h, w);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), factor: rangeConfig(this.factor) };
  }
}
