import { ConfigError, clone, ops, type Tensor, tensor, tidy } from '@convkit/core';
import { preview } from '../engine/preview';
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
    const b = x.shape[0];
    const rng = this.rng();
    // One draw per image and axis, horizontal first (the order of the dataset transform `randomFlip`).
    const horizontal = new Float32Array(b);
    const vertical = new Float32Array(b);
    for (let i = 0; i < b; i++) {
      if (this.mode !== 'vertical') horizontal[i] = rng.next() < 0.5 ? 1 : 0;
      if (this.mode !== 'horizontal') vertical[i] = rng.next() < 0.5 ? 1 : 0;
    }
    return tidy(() => {
      let y = flipWhere(x, horizontal, 2);
      y = flipWhere(y, vertical, 1);
      return y === x ? clone(x) : y;
    });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), mode: this.mode };
  }
}

/** `x` with the images whose `mask` is 1 reversed along `axis`, as a differentiable blend. */
function flipWhere(x: Tensor, mask: Float32Array, axis: number): Tensor {
  const count = mask.reduce((a, v) => a + v, 0);
  if (count === 0) return x;
  const flipped = ops.reverse(x, axis);
  if (count === mask.length) return flipped;
  const m = tensor(mask, [mask.length, 1, 1, 1], 'float32');
  return ops.add(x, ops.mul(m, ops.sub(flipped, x)));
}
