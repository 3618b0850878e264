import { ConfigError, ops, type Tensor, tensor, tidy } from '@convkit/core';
import { preview } from '../engine/preview';
import { RandomImageLayer, type RandomImageLayerArgs } from './random-image-layer';

/** Options of `RandomContrast`. */
export interface RandomContrastArgs extends RandomImageLayerArgs {
  /**
   * As Keras: each image's contrast factor is drawn from `[1 − lower, 1 + upper]`,
   * with `factor` = `lower` = `upper` or `[lower, upper]`, each in [0, 1].
   */
  factor: number | readonly [lower: number, upper: number];
  /**
   * Clip the output into `[min, max]` (e.g. `[0, 1]` or `[0, 255]`). Keras 3
   * clips into its `value_range`; here clipping is opt-in, so normalised
   * inputs pass unchanged.
   *
   * @defaultValue none (no clipping)
   */
  valueRange?: readonly [min: number, max: number];
}

/**
 * Changes the contrast of each training image by a random factor `k`: per
 * channel, `mean + k · (x − mean)` with the mean over the image's pixels; the
 * identity at inference. Keras's `RandomContrast`. Differentiable with respect
 * to its input.
 *
 * @example
 * ```ts
 * import { RandomContrast } from '@convkit/layers';
 *
 * const contrast = new RandomContrast({ factor: 0.2, valueRange: [0, 1] });
 * ```
 */
export class RandomContrast extends RandomImageLayer {
  static override readonly className = 'RandomContrast';

  /** The factor as given. */
  readonly factor: number | readonly [number, number];
  /** The clipping range, if any. */
  readonly valueRange?: readonly [number, number];
  private readonly lower: number;
  private readonly upper: number;

  /**
   * @param args - `factor` (required), `valueRange`, `seed` and the common layer options.
   * @throws {ConfigError} when `factor` is missing or outside [0, 1], or `valueRange` is not `[min, max]` with min < max.
   */
  constructor(args: RandomContrastArgs) {
    super(args);
    const d = this.describe();
    const f = args?.factor;
    const pair = typeof f === 'number' ? [f, f] : f;
    const ok =
      Array.isArray(pair) &&
      pair.length === 2 &&
      pair.every((v) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1);
    if (!ok) {
      throw new ConfigError(
        `${d}: factor must be a number in [0, 1] or a pair [lower, upper] of them, got ${preview(f)}`,
      );
    }
    this.lower = pair[0];
    this.upper = pair[1];
    this.factor = typeof f === 'number' ? f : [pair[0], pair[1]];
    const r = args.valueRange;
    if (r !== undefined) {
      const valid =
        Array.isArray(r) &&
        r.length === 2 &&
        r.every((v) => typeof v === 'number' && Number.isFinite(v)) &&
        r[0] < r[1];
      if (!valid) {
        throw new ConfigError(
          `${d}: valueRange must be [min, max] of finite numbers with min < max, got ${preview(r)}`,
        );
      }
      this.valueRange = [r[0], r[1]];
    }
  }

  protected augment(x: Tensor): Tensor {
    const b = x.shape[0];
    const rng = this.rng();
    const k = new Float32Array(b);
    for (let i = 0; i < b; i++) k[i] = rng.uniform(1 - this.lower, 1 + this.upper);
    return tidy(() => {
      const mean = ops.mean(x, [1, 2], true);
      const y = ops.add(mean, ops.mul(tensor(k, [b, 1, 1, 1], 'float32'), ops.sub(x, mean)));
      return this.valueRange ? ops.clipByValue(y, this.valueRange[0], this.valueRange[1]) : y;
    });
  }

  override getConfig(): Record<string, unknown> {
    const f = this.factor;
    return {
      ...super.getConfig(),
      factor: typeof f === 'number' ? f : [f[0], f[1]],
      ...(this.valueRange && { valueRange: [this.valueRange[0], this.valueRange[1]] }),
    };
  }
}
