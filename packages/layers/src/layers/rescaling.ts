import { clone, ops, type Tensor, tidy } from '@convkit/core';
import type { LayerArgs } from '../engine/layer';
import { ElementwiseLayer } from './elementwise';
import { numberInRange } from './utils';

/** Options of `Rescaling`. */
export interface RescalingArgs extends LayerArgs {
  /** Multiplier applied to every input value, e.g. `1 / 255` for 8-bit pixels. */
  scale: number;
  /**
   * Added after scaling, e.g. `-1` with `scale: 1 / 127.5` to map `[0, 255]` to `[-1, 1]`.
   *
   * @defaultValue `0`
   */
  offset?: number;
}

/**
 * `x · scale + offset`, element-wise: input normalisation inside the model
 * (Keras's and TensorFlow.js's `Rescaling`), so a saved model takes raw pixels.
 * No weights; any input shape.
 *
 * @example
 * ```ts
 * import { Conv2D, Rescaling, Sequential } from '@convkit/layers';
 *
 * const model = new Sequential({
 *   layers: [
 *     new Rescaling({ scale: 1 / 255, inputShape: [28, 28, 1] }), // raw 0..255 pixels in
 *     new Conv2D({ filters: 8, kernelSize: 3, activation: 'relu' }),
 *   ],
 * });
 * ```
 */
export class Rescaling extends ElementwiseLayer {
  static override readonly className = 'Rescaling';

  /** The multiplier. */
  readonly scale: number;
  /** The value added after scaling. */
  readonly offset: number;

  /**
   * @param args - `scale` (required) and `offset` (default 0), plus the common layer options.
   * @throws {ConfigError} when `scale` or `offset` is missing, not a number, or not finite.
   */
  constructor(args: RescalingArgs) {
    super(args);
    const inf = Number.POSITIVE_INFINITY;
    this.scale = numberInRange(this.describe(), 'scale', args?.scale, -inf, inf);
    this.offset = numberInRange(this.describe(), 'offset', args?.offset ?? 0, -inf, inf);
  }

  protected forward(x: Tensor): Tensor {
    if (this.scale === 1 && this.offset === 0) return clone(x);
    return tidy(() => {
      const scaled = this.scale === 1 ? x : ops.mul(x, this.scale);
      return this.offset === 0 ? scaled : ops.add(scaled, this.offset);
    });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), scale: this.scale, offset: this.offset };
  }
}
