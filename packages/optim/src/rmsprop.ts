/** RMSprop, plain or centered, with optional momentum. */
import { ops, type Tensor, type Variable } from '@convkit/core';
import { BaseOptimizer, type OptimizerOptions } from './base';
import { ema } from './ema';
import { checkBoolean, checkNonNegative, checkUnitInterval } from './validate';

/** Options of `RMSprop`. */
export interface RMSpropOptions extends OptimizerOptions {
  /**
   * Decay ρ of the squared-gradient average, in [0, 1). Default 0.9 (Keras; PyTorch's `alpha` is 0.99).
   *
   * @defaultValue `0.9`
   */
  rho?: number;
  /**
   * Momentum μ in [0, 1). Default 0.
   *
   * @defaultValue `0`
   */
  momentum?: number;
  /**
   * Divide by an estimate of the gradient's variance instead of its raw second moment. Default false.
   *
   * @defaultValue `false`
   */
  centered?: boolean;
  /**
   * Added to the root in the denominator. Default 1e-7.
   *
   * @defaultValue `1e-7`
   */
  epsilon?: number;
}

/**
 * RMSprop (Hinton), following PyTorch's formula:
 * `s = ρ·s + (1−ρ)·g²`; centered: `ḡ = ρ·ḡ + (1−ρ)·g`, `s' = max(s − ḡ², 0)`;
 * `d = g / (sqrt(s') + ε)`; with momentum `buf = μ·buf + d`, `p -= lr·buf`,
 * else `p -= lr·d`. (Keras puts ε inside the root and `lr` inside the momentum
 * buffer; both agree with this up to ε and for a constant learning rate.)
 * Default learning rate 1e-3.
 *
 * @example
 * ```ts
 * import { RMSprop } from '@convkit/optim';
 *
 * const opt = new RMSprop({ learningRate: 1e-3, rho: 0.9, momentum: 0.9, centered: true });
 * ```
 */
export class RMSprop extends BaseOptimizer {
  static override readonly className: string = 'RMSprop';
  static override readonly optionKeys: readonly string[] = ['rho', 'momentum', 'centered', 'epsilon'];
  /** Decay ρ of the squared-gradient average. */
  readonly rho: number;
  /** Momentum μ. */
  readonly momentum: number;
  /** Whether the centered variant is used. */
  readonly centered: boolean;
  /** Added to the root in the denominator. */
  readonly epsilon: number;
  /**
   * @param options - See {@link RMSpropOptions}; every field is optional.
   * @throws {ConfigError} when an option is unknown, out of range or of the wrong type.
   */

  constructor(options: RMSpropOptions = {}) {
    super(options, 1e-3);
    this.rho = options.rho ?? 0.9;
    this.momentum = options.momentum ?? 0;
    this.centered = options.centered ?? false;
    this.epsilon = options.epsilon ?? 1e-7;
    checkUnitInterval(this.className, 'rho', this.rho);
    checkUnitInterval(this.className, 'momentum', this.momentum);
    checkBoolean(this.className, 'centered', this.centered);
    checkNonNegative(this.className, 'epsilon', this.epsilon);
  }

  protected updateVariable(v: Variable, g: Tensor, lr: number): void {
    const s = this.slot('rms', v);
    const sNext = ema(s, ops.square(g), this.rho);
    s.assign(sNext);
    let avg = sNext;
    if (this.centered) {
      const mg = this.slot('mg', v);
      const mgNext = ema(mg, g, this.rho);
      mg.assign(mgNext);
      // Non-negative in exact arithmetic; float32 rounding can dip below 0 and give NaN.
      avg = ops.relu(ops.sub(sNext, ops.square(mgNext)));
    }
    let d = ops.div(g, ops.add(ops.sqrt(avg), this.epsilon));
    if (this.momentum > 0) {
      const buf = this.slot('momentum', v);
      d = ops.add(ops.mul(buf, this.momentum), d);
      buf.assign(d);
    }
    v.assign(ops.sub(v, ops.mul(d, lr)));
  }

  /** All variables in one `ops.fusedRmspropUpdate` (a single kernel on backends that register `'ConvkitFusedRmsprop'`). */
  protected override updateVariables(variables: readonly Variable[], grads: readonly Tensor[], lr: number): void {
    const meanSquares = variables.map((v) => this.slot('rms', v));
    const meanGrads = this.centered ? variables.map((v) => this.slot('mg', v)) : [];
    const buffers = this.momentum > 0 ? variables.map((v) => this.slot('momentum', v)) : [];
    const next = ops.fusedRmspropUpdate(
      variables,
      grads,
      { meanSquares, meanGrads, buffers },
      { lr, rho: this.rho, epsilon: this.epsilon, momentum: this.momentum, centered: this.centered },
    );
    variables.forEach((v, i) => {
      meanSquares[i].assign(next.meanSquares[i]);
      meanGrads[i]?.assign(next.meanGrads[i]);
      buffers[i]?.assign(next.buffers[i]);
      v.assign(next.params[i]);
    });
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
