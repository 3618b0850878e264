import { ConfigError, ops, type Tensor, type Variable } from '@convkit/core';
import { BaseOptimizer, checkNonNegative, checkUnitInterval, type OptimizerOptions } from './base';

/** Options of `SGD`. */
export interface SGDOptions extends OptimizerOptions {
  /** Momentum factor μ in [0, 1). Default 0 (plain SGD). */
  momentum?: number;
  /** Nesterov momentum (needs `momentum > 0`). Default false. */
  nesterov?: boolean;
  /** Decoupled weight decay: `p -= lr * weightDecay * p` each step. Default 0. */
  weightDecay?: number;
}

/**
 * Stochastic gradient descent with optional (Nesterov) momentum, following
 * PyTorch's `torch.optim.SGD`:
 * `buf = μ·buf + g`; `d = nesterov ? g + μ·buf : buf`; `p -= lr·d`.
 * Default learning rate 0.01.
 */
export class SGD extends BaseOptimizer {
  readonly className = 'SGD';
  readonly momentum: number;
  readonly nesterov: boolean;
  readonly weightDecay: number;

  constructor(options: SGDOptions = {}) {
    super('SGD', options, 0.01);
    this.momentum = options.momentum ?? 0;
    this.nesterov = options.nesterov ?? false;
    this.weightDecay = options.weightDecay ?? 0;
    checkUnitInterval('SGD', 'momentum', this.momentum);
    checkNonNegative('SGD', 'weightDecay', this.weightDecay);
    if (this.nesterov && this.momentum === 0) throw new ConfigError('SGD: nesterov needs momentum > 0');
  }

  protected updateVariable(v: Variable, g: Tensor, lr: number): void {
    let p: Tensor = v;
    if (this.weightDecay > 0) p = ops.mul(p, 1 - lr * this.weightDecay);
    let d = g;
    if (this.momentum > 0) {
      const buf = this.slot('momentum', v);
      const next = ops.add(ops.mul(buf, this.momentum), g);
      buf.assign(next);
      d = this.nesterov ? ops.add(g, ops.mul(next, this.momentum)) : next;
    }
    v.assign(ops.sub(p, ops.mul(d, lr)));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), momentum: this.momentum, nesterov: this.nesterov, weightDecay: this.weightDecay };
  }
}
