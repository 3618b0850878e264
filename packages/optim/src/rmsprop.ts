import { ops, type Tensor, type Variable } from '@convkit/core';
import { BaseOptimizer, checkNonNegative, checkUnitInterval, lerp, type OptimizerOptions } from './base';

/** Options of `RMSprop`. */
export interface RMSpropOptions extends OptimizerOptions {
  /** Decay of the squared-gradient average. Default 0.9. */
  rho?: number;
  /** Momentum in [0, 1). Default 0. */
  momentum?: number;
  /** Divide by the gradient's variance estimate instead of its raw second moment. Default false. */
  centered?: boolean;
  /** Added to the denominator. Default 1e-7. */
  epsilon?: number;
}

/**
 * RMSprop, following PyTorch's formula:
 * `s = ρ·s + (1-ρ)·g²`; centered: `ḡ = ρ·ḡ + (1-ρ)·g`, `s' = s − ḡ²`;
 * `d = g / (sqrt(s') + ε)`; with momentum `buf = μ·buf + d`, `p -= lr·buf`,
 * else `p -= lr·d`. Default learning rate 1e-3.
 */
export class RMSprop extends BaseOptimizer {
  readonly className = 'RMSprop';
  readonly rho: number;
  readonly momentum: number;
  readonly centered: boolean;
  readonly epsilon: number;

  constructor(options: RMSpropOptions = {}) {
    super('RMSprop', options, 1e-3);
    this.rho = options.rho ?? 0.9;
    this.momentum = options.momentum ?? 0;
    this.centered = options.centered ?? false;
    this.epsilon = options.epsilon ?? 1e-7;
    checkUnitInterval('RMSprop', 'rho', this.rho);
    checkUnitInterval('RMSprop', 'momentum', this.momentum);
    checkNonNegative('RMSprop', 'epsilon', this.epsilon);
  }

  protected updateVariable(v: Variable, g: Tensor, lr: number): void {
    const s = this.slot('rms', v);
    const sNext = lerp(s, ops.square(g), this.rho, 1 - this.rho);
    s.assign(sNext);
    let avg = sNext;
    if (this.centered) {
      const mg = this.slot('mg', v);
      const mgNext = lerp(mg, g, this.rho, 1 - this.rho);
      mg.assign(mgNext);
      avg = ops.sub(sNext, ops.square(mgNext));
    }
    let d = ops.div(g, ops.add(ops.sqrt(avg), this.epsilon));
    if (this.momentum > 0) {
      const buf = this.slot('momentum', v);
      d = ops.add(ops.mul(buf, this.momentum), d);
      buf.assign(d);
    }
    v.assign(ops.sub(v, ops.mul(d, lr)));
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      rho: this.rho,
      momentum: this.momentum,
      centered: this.centered,
      epsilon: this.epsilon,
    };
  }
}
