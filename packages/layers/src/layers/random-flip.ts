import { ConfigError, clone, type Tensor } from '@convkit/core';
import { preview } from '../engine/preview';
import { permutePixels } from './image-warp';
import { RandomImageLayer, type RandomImageLayerArgs } from './random-image-layer';

/** Which axes `RandomFlip` mirrors. */
export type FlipMode = 'horizontal' | 'vertical' | 'horizontal_and_vertical';

const MODES: readonly FlipMode[] = ['horizontal', 'vertical', 'horizontal_and_vertical'];

/** Options of `RandomFlip`. */
export interface RandomFlipArgs extends RandomImageLayerArgs {
  /**
   * `'horizontal'` (left–right), `'vertical'` (top–bottom) or
   * `'horizontal_and_vertical'` (each axis on its own draw).
   *
   * @defaultValue `'horizontal_and_vertical'`
   */
  mode?: FlipMode;
}

/**
 * Mirrors each training image with probability 1/2 along each axis of
 * `mode`; the identity at inference. Keras's `RandomFlip`. Gradients flow
 * through to the layers before it.
 *
 * @example
 * ```ts
 * import { RandomFlip } from '@convkit/layers';
 *
 * const flip = new RandomFlip({ mode: 'horizontal', inputShape: [32, 32, 3] });
 * ```
 */
export class RandomFlip extends RandomImageLayer {
  static override readonly className = 'RandomFlip';

  /** The axes that may be flipped. */
  readonly mode: FlipMode;

  /**
   * @param args - `mode` (default `'horizontal_and_vertical'`), `seed` and the common layer options.
   * @throws {ConfigError} when `mode` or `seed` is invalid.
   */
  constructor(args: RandomFlipArgs = {}) {
    super(args);
    const mode = args?.mode;
    if (mode !== undefined && !MODES.includes(mode)) {
      throw new ConfigError(
        `${this.describe()}: mode must be one of ${MODES.map((m) => `'${m}'`).join(', ')}, got ${preview(mode)}`,
      );
    }
    this.mode = mode ?? 'horizontal_and_vertical';
  }

  protected augment(x: Tensor): Tensor {
    const [b, h, w] = x.shape;
    const rng = this.rng();
    // One draw per image and axis, horizontal first (the order of the dataset transform `randomFlip`).
    const source = new Int32Array(b * h * w);
    let flipped = 0;
    for (let i = 0; i < b; i++) {
      const fx = this.mode !== 'vertical' && rng.next() < 0.5;
      const fy = this.mode !== 'horizontal' && rng.next() < 0.5;
      if (fx || fy) flipped++;
      const base = i * h * w;
      for (let y = 0; y < h; y++) {
        const sy = fy ? h - 1 - y : y;
        for (let x0 = 0; x0 < w; x0++) source[base + y * w + x0] = base + sy * w + (fx ? w - 1 - x0 : x0);
      }
    }
    return flipped === 0 ? clone(x) : permutePixels(x, source);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), mode: this.mode };
  }
}
