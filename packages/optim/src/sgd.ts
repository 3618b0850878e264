/** Stochastic gradient descent with momentum, Nesterov momentum and decoupled weight decay. */
import { ConfigError, ops, type Tensor, type Variable } from '@convkit/core';
import { BaseOptimizer, type OptimizerOptions } from './base';
import { checkBoolean, checkNonNegative, checkUnitInterval } from './validate';

/** Options of `SGD`. */
export interface SGDOptions extends OptimizerOptions {
  /**
   * Momentum factor μ in [0, 1). Default 0 (plain SGD).
   *
   * @defaultValue `0`
   */
  momentum?: number;
  /**
   * Nesterov momentum (needs `momentum > 0`). Default false.
   *
   * @defaultValue `false`
   */
  nesterov?: boolean;
  /**
   * Decoupled weight decay λ: `p ← p·(1 − lr·λ)` before the gradient step. Default 0.
   *
   * @defaultValue `0`
   */
  weightDecay?: number;
}

/**
 * Stochastic gradient descent following PyTorch's `torch.optim.SGD`
 * (dampening 0): `buf = μ·buf + g`; `d = nesterov ? g + μ·buf : buf`;
 * `p ← p·(1 − lr·λ) − lr·d`. With a constant learning rate this equals Keras'
 * `v = μ·v − lr·g; p += v`. The weight decay is decoupled (as in AdamW), not
 * PyTorch's L2 term added to the gradient. Default learning rate 0.01.
 *
 * @example
 * ```ts
 * import { SGD } from '@convkit/optim';
 *
 * const opt = new SGD({ learningRate: 0.1, momentum: 0.9, nesterov: true });
 * model.compile({ optimizer: opt, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
 * ```
 */
export class SGD extends BaseOptimizer {
  static override readonly className: string = 'SGD';
  static override readonly optionKeys: readonly string[] = ['momentum', 'nesterov', 'weightDecay'];
  /** Momentum factor μ. */
  readonly momentum: number;
  /** Whether Nesterov momentum is used. */
  readonly nesterov: boolean;
  /** Decoupled weight decay λ. */
  readonly weightDecay: number;

  /**
   * @param options - See {@link SGDOptions}; all optional.
   * @throws {ConfigError} when an option is unknown, out of range or of the wrong type. Also when `nesterov` is set without momentum.
   */
  constructor(options: SGDOptions = {}) {
    super(options, 0.01);
    this.momentum = options.momentum ?? 0;
    this.nesterov = options.nesterov ?? false;
    this.weightDecay = options.weightDecay ?? 0;
    checkUnitInterval(this.className, 'momentum', this.momentum);
    checkBoolean(this.className, 'nesterov', this.nesterov);
    checkNonNegative(this.className, 'weightDecay', this.weightDecay);
    if (this.nesterov && this.momentum === 0) throw new ConfigError(`${this.className}: nesterov needs momentum > 0`);
  }

  protected updateVariable(v: Variable, g: Tensor, lr: number): void {
    let d = g;
    if (this.momentum > 0) {
      const buf = this.slot('momentum', v);
      const next = ops.add(ops.mul(buf, this.momentum), g);
      buf.assign(next);
      d = this.nesterov ? ops.add(g, ops.mul(next, this.momentum)) : next;
    }
    const p = this.weightDecay > 0 ? ops.mul(v, 1 - lr * this.weightDecay) : v;
    v.assign(ops.sub(p, ops.mul(d, lr)));
  }

  /** All variables in one `ops.fusedSgdUpdate` (a single kernel on backends that register `'ConvkitFusedSgd'`). */
  protected override updateVariables(variables: readonly Variable[], grads: readonly Tensor[], lr: number): void {
    const buffers = this.momentum > 0 ? variables.map((v) => this.slot('momentum', v)) : [];
    const next = ops.fusedSgdUpdate(variables, grads, buffers, {
      lr,
      momentum: this.momentum,
      nesterov: this.nesterov,
      weightDecay: this.weightDecay,
    });
    variables.forEach((v, i) => {
      buffers[i]?.assign(next.buffers[i]);
      v.assign(next.params[i]);
    });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), momentum: this.momentum, nesterov: this.nesterov, weightDecay: this.weightDecay };
  }
}
