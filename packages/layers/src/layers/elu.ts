import { ops, type Tensor, tidy } from '@convkit/core';
import type { LayerArgs } from '../engine/layer';
import { ElementwiseLayer } from './elementwise';
import { numberInRange } from './utils';

/** Options of `ELU`. */
export interface ELUArgs extends LayerArgs {
  /**
   * Scale of the negative part. Default 1.
   *
   * @defaultValue `1`
   */
  alpha?: number;
}

/** `x` for x > 0, `alpha · (exp(x) − 1)` otherwise. */
export class ELU extends ElementwiseLayer {
  static override readonly className = 'ELU';

  /** The slope/scale parameter. */
  readonly alpha: number;

  constructor(args: ELUArgs = {}) {
    super(args);
    this.alpha = numberInRange(this.describe(), 'alpha', args.alpha ?? 1, 0, Number.POSITIVE_INFINITY);
  }

  protected forward(x: Tensor): Tensor {
    if (this.alpha === 1) return ops.elu(x);
    // relu(x) + alpha·(exp(min(x, 0)) − 1): no comparison op, so it is differentiable in tfjs.
    return tidy(() => ops.add(ops.relu(x), ops.mul(this.alpha, ops.sub(ops.exp(ops.minimum(x, 0)), 1))));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), alpha: this.alpha };
  }
}
