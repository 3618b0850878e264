import { ops, type Tensor } from '@convkit/core';
import type { LayerArgs } from '../engine/layer';
import { ElementwiseLayer } from './elementwise';
import { numberInRange } from './utils';

/** Options of `LeakyReLU`. */
export interface LeakyReLUArgs extends LayerArgs {
  /**
   * Slope for x < 0. Default 0.3 (Keras).
   *
   * @defaultValue `0.3`
   */
  alpha?: number;
}

/** `x` for x ≥ 0, `alpha · x` otherwise. */
export class LeakyReLU extends ElementwiseLayer {
  static override readonly className = 'LeakyReLU';

  /** The slope/scale parameter. */
  readonly alpha: number;

  constructor(args: LeakyReLUArgs = {}) {
    super(args);
    this.alpha = numberInRange(this.describe(), 'alpha', args.alpha ?? 0.3, 0, Number.POSITIVE_INFINITY);
  }

  protected forward(x: Tensor): Tensor {
    return ops.leakyRelu(x, this.alpha);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), alpha: this.alpha };
  }
}
