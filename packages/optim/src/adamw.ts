import { ops, type Tensor, type Variable } from '@convkit/core';
import { Adam, type AdamOptions } from './adam';
import { checkNonNegative } from './base';

/** Options of `AdamW`. */
export interface AdamWOptions extends AdamOptions {
  /** Decoupled weight decay coefficient. Default 0.01 (as PyTorch). */
  weightDecay?: number;
}

/**
 * Adam with decoupled weight decay (Loshchilov & Hutter), as PyTorch's
 * `AdamW`: first `p ← p·(1 − lr·weightDecay)`, then the Adam step. Unlike an
 * L2 term in the loss, the decay does not pass through Adam's scaling.
 */
export class AdamW extends Adam {
  override readonly className: string = 'AdamW';
  readonly weightDecay: number;

  constructor(options: AdamWOptions = {}) {
    super(options, 'AdamW');
    this.weightDecay = options.weightDecay ?? 0.01;
    checkNonNegative('AdamW', 'weightDecay', this.weightDecay);
  }

  protected override updateVariable(v: Variable, g: Tensor, lr: number, step: number): void {
    const decayed = this.weightDecay > 0 ? ops.mul(v, 1 - lr * this.weightDecay) : v;
    this.adamStep(v, decayed, g, lr, step);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), weightDecay: this.weightDecay };
  }
}
