import { ops, type Tensor, type Variable } from '@convkit/core';
import { BaseOptimizer, checkNonNegative, checkUnitInterval, lerp, type OptimizerOptions } from './base';

/** Options of `Adadelta`. */
export interface AdadeltaOptions extends OptimizerOptions {
  /** Decay of the running averages. Default 0.9. */
  rho?: number;
  /** Default 1e-6. */
  epsilon?: number;
}

/**
 * Adadelta (Zeiler), as PyTorch: `s = ρ·s + (1-ρ)·g²`,
 * `Δ = sqrt(u + ε) / sqrt(s + ε) · g`, `u = ρ·u + (1-ρ)·Δ²`, `p -= lr·Δ`.
 * Default learning rate 1.0.
 */
export class Adadelta extends BaseOptimizer {
  readonly className = 'Adadelta';
  readonly rho: number;
  readonly epsilon: number;

  constructor(options: AdadeltaOptions = {}) {
    super('Adadelta', options, 1.0);
    this.rho = options.rho ?? 0.9;
    this.epsilon = options.epsilon ?? 1e-6;
    checkUnitInterval('Adadelta', 'rho', this.rho);
    checkNonNegative('Adadelta', 'epsilon', this.epsilon);
  }

  protected updateVariable(v: Variable, g: Tensor, lr: number): void {
    const s = this.slot('accumGrad', v);
    const u = this.slot('accumUpdate', v);
    const sNext = lerp(s, ops.square(g), this.rho, 1 - this.rho);
    const delta = ops.mul(ops.div(ops.sqrt(ops.add(u, this.epsilon)), ops.sqrt(ops.add(sNext, this.epsilon))), g);
    s.assign(sNext);
    u.assign(lerp(u, ops.square(delta), this.rho, 1 - this.rho));
    v.assign(ops.sub(v, ops.mul(delta, lr)));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), rho: this.rho, epsilon: this.epsilon };
  }
}
