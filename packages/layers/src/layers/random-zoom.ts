import { ConfigError, type Rng } from '@convkit/core';
import { type AffineMap, zoomMap } from './image-warp';
import { RandomAffineLayer, type RandomAffineLayerArgs } from './random-affine-layer';
import { type FactorRange, factorRange, rangeConfig } from './random-factor';

/** Options of `RandomZoom`. */
export interface RandomZoomArgs extends RandomAffineLayerArgs {
  /**
   * Vertical zoom range, as Keras: `0.2` draws from [−0.2, 0.2]. A positive
   * factor zooms out (0.2: the content shrinks to 1/1.2 of its size), a
   * negative one zooms in (−0.5: the content doubles). Ends greater than −1.
   */
  heightFactor: FactorRange;
  /**
   * Horizontal zoom range, like `heightFactor`. When omitted, each image's
   * height factor is used for its width too (the aspect ratio is kept).
   *
   * @defaultValue each image's height factor
   */
  widthFactor?: FactorRange;
}

const BOUNDS = { min: -1, max: Number.MAX_VALUE, minExclusive: true };

/**
 * Zooms each training image in or out about its centre by a random factor;
 * the identity at inference. Keras's `RandomZoom`: `heightFactor`,
 * `widthFactor`, `fillMode` (default `'reflect'`), `interpolation` (default
 * `'bilinear'`), `fillValue`, `seed`.
 *
 * @example
 * ```ts
 * import { RandomZoom } from '@convkit/layers';
 *
 * const zoom = new RandomZoom({ heightFactor: [-0.1, 0.1], fillMode: 'constant' });
 * ```
 */
export class RandomZoom extends RandomAffineLayer {
  static override readonly className = 'RandomZoom';

  /** The vertical range as given. */
  readonly heightFactor: FactorRange;
  /** The horizontal range as given, if any. */
  readonly widthFactor?: FactorRange;
  private readonly heightRange: [number, number];
  private readonly widthRange?: [number, number];

  /**
   * @param args - `heightFactor` (required), `widthFactor`, `fillMode`, `interpolation`, `fillValue`, `seed`.
   * @throws {ConfigError} when a factor is missing, reaches −1 or below, or another option is invalid.
   */
  constructor(args: RandomZoomArgs) {
    super(args);
    const d = this.describe();
    if (args?.heightFactor === undefined) throw new ConfigError(`${d}: heightFactor is required (e.g. 0.1)`);
    this.heightRange = factorRange(d, 'heightFactor', args.heightFactor, BOUNDS);
    this.heightFactor = rangeConfig(args.heightFactor);
    if (args.widthFactor !== undefined) {
      this.widthRange = factorRange(d, 'widthFactor', args.widthFactor, BOUNDS);
      this.widthFactor = rangeConfig(args.widthFactor);
    }
  }

  protected sampleMap(rng: Rng, h: number, w: number): AffineMap {
    const fy = rng.uniform(this.heightRange[0], this.heightRange[1]);
    const fx = this.widthRange ? rng.uniform(this.widthRange[0], this.widthRange[1]) : fy;
    return zoomMap(fy, fx, h, w);
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      heightFactor: rangeConfig(this.heightFactor),
      ...(this.widthFactor !== undefined && { widthFactor: rangeConfig(this.widthFactor) }),
    };
  }
}
