/** Adadelta. */
import { ops, type Tensor, type Variable } from '@convkit/core';
import { BaseOptimizer, type OptimizerOptions } from './base';
import { ema } from './ema';
import { checkNonNegative, checkUnitInterval } from './validate';

/** Options of `Adadelta`. */
export interface AdadeltaOptions extends OptimizerOptions {
  /**
   * Decay ρ of both running averages, in [0, 1). Default 0.9.
   *
   * @defaultValue `0.9`
   */
  rho?: number;
  /**
   * Added inside both roots. Default 1e-6 (PyTorch).
   *
   * @defaultValue `1e-6`
   */
  epsilon?: number;
}

/**
 * Adadelta (Zeiler), as PyTorch: `s = ρ·s + (1−ρ)·g²`,
 * `Δ = sqrt(u + ε) / sqrt(s + ε) · g`, `u = ρ·u + (1−ρ)·Δ²`, `p -= lr·Δ`.
 * Default learning rate 1.0 (PyTorch; Keras uses 1e-3).
 *
 * @example
 * ```ts
 * import { Adadelta } from '@convkit/optim';
 *
 * const opt = new Adadelta({ rho: 0.95 });
 * ```
 */
export class Adadelta extends BaseOptimizer {
  static override readonly className: string = 'Adadelta';
  static override readonly optionKeys: readonly string[] = ['rho', 'epsilon'];
  /** Decay ρ of both running averages. */
  readonly rho: number;
  /** Added inside both roots. */
  readonly epsilon: number;
  /**
   * @param options - See {@link AdadeltaOptions}; every field is optional.
   * @throws {ConfigError} when an option is unknown, out of range or of the wrong type.
   */

  constructor(options: AdadeltaOptions = {}) {
    super(options, 1.0);
    this.rho = options.rho ?? 0.9;
    this.epsilon = options.epsilon ?? 1e-6;
    checkUnitInterval(this.className, 'rho', this.rho);
    checkNonNegative(this.className, 'epsilon', this.epsilon);
  }

  protected updateVariable(v: Variable, g: Tensor, lr: number): void {
    const s = this.slot('accumGrad', v);
    const u = this.slot('accumUpdate', v);
    const sNext = ema(s, ops.square(g), this.rho);
    const delta = ops.mul(ops.div(ops.sqrt(ops.add(u, this.epsilon)), ops.sqrt(ops.add(sNext, this.epsilon))), g);
    s.assign(sNext);
    u.assign(ema(u, ops.square(delta), this.rho));
    v.assign(ops.sub(v, ops.mul(delta, lr)));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), rho: this.rho, epsilon: this.epsilon };
  }
}
