/** Adam and its AMSGrad variant. */
import { ops, type Tensor, type Variable } from '@convkit/core';
import { BaseOptimizer, type OptimizerOptions } from './base';
import { ema } from './ema';
import { checkBoolean, checkNonNegative, checkUnitInterval } from './validate';

/** Options of `Adam` (and `AdamW`). */
export interface AdamOptions extends OptimizerOptions {
  /**
   * Decay of the first moment, in [0, 1). Default 0.9.
   *
   * @defaultValue `0.9`
   */
  beta1?: number;
  /**
   * Decay of the second moment, in [0, 1). Default 0.999.
   *
   * @defaultValue `0.999`
   */
  beta2?: number;
  /**
   * Added to `sqrt(v̂)` in the denominator. Default 1e-7 (Keras; PyTorch uses 1e-8).
   *
   * @defaultValue `1e-7`
   */
  epsilon?: number;
  /**
   * Divide by the running maximum of the second moment (AMSGrad, Reddi et al.). Default false.
   *
   * @defaultValue `false`
   */
  amsgrad?: boolean;
}

/**
 * Adam (Kingma & Ba) with the epsilon placement of Keras and PyTorch:
 * `m = β1·m + (1−β1)·g`, `v = β2·v + (1−β2)·g²`,
 * `p -= lr · (m/(1−β1ᵗ)) / (sqrt(v/(1−β2ᵗ)) + ε)` for the 1-based step `t`.
 * With `amsgrad`, `v̂` uses `vMax = max(vMax, v)` (as PyTorch). Default learning rate 1e-3.
 *
 * @example
 * ```ts
 * import { Adam } from '@convkit/optim';
 *
 * model.compile({ optimizer: new Adam({ learningRate: 3e-4 }), loss: 'categoricalCrossentropy' });
 * ```
 */
export class Adam extends BaseOptimizer {
  static override readonly className: string = 'Adam';
  static override readonly optionKeys: readonly string[] = ['beta1', 'beta2', 'epsilon', 'amsgrad'];
  /** Decay of the first moment. */
  readonly beta1: number;
  /** Decay of the second moment. */
  readonly beta2: number;
  /** Added to `sqrt(v̂)` in the denominator. */
  readonly epsilon: number;
  /** Whether the AMSGrad variant is used. */
  readonly amsgrad: boolean;

  /**
   * @param options - See {@link AdamOptions}; every field is optional.
   * @throws {ConfigError} when an option is unknown, out of range or of the wrong type.
   */
  constructor(options: AdamOptions = {}) {
    super(options, 1e-3);
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-7;
    this.amsgrad = options.amsgrad ?? false;
    checkUnitInterval(this.className, 'beta1', this.beta1);
    checkUnitInterval(this.className, 'beta2', this.beta2);
    checkNonNegative(this.className, 'epsilon', this.epsilon);
    checkBoolean(this.className, 'amsgrad', this.amsgrad);
  }

  /**
   * Adam's update of `v` from gradient `g`, starting from the parameter value `p` (already decayed by AdamW).
   *
   * @param v - Variable to assign.
   * @param p - Its value before the Adam step (`v` itself, or `v` after weight decay).
   * @param g - Gradient.
   * @param lr - Learning rate of this step.
   * @param step - 1-based step, for the bias corrections.
   */
  protected adamStep(v: Variable, p: Tensor, g: Tensor, lr: number, step: number): void {
    const m = this.slot('m', v);
    const s = this.slot('v', v);
    const mNext = ema(m, g, this.beta1);
    let sNext = ema(s, ops.square(g), this.beta2);
    m.assign(mNext);
    s.assign(sNext);
    if (this.amsgrad) {
      const sMax = this.slot('vMax', v);
      sNext = ops.maximum(sMax, sNext);
      sMax.assign(sNext);
    }
    const mHat = ops.div(mNext, 1 - this.beta1 ** step);
    const sHat = ops.div(sNext, 1 - this.beta2 ** step);
    v.assign(ops.sub(p, ops.mul(ops.div(mHat, ops.add(ops.sqrt(sHat), this.epsilon)), lr)));
  }

  protected updateVariable(v: Variable, g: Tensor, lr: number, step: number): void {
    this.adamStep(v, v, g, lr, step);
  }

  /** AdamW's decoupled weight decay for the fused step; 0 for Adam. */
  protected decoupledWeightDecay(): number {
    return 0;
  }

  /**
   * All variables in one `ops.fusedAdamUpdate` (a single kernel on backends
   * that register `'ConvkitFusedAdam'`); AMSGrad keeps the per-variable path.
   */
  protected override updateVariables(
    variables: readonly Variable[],
    grads: readonly Tensor[],
    lr: number,
    step: number,
  ): void {
    if (this.amsgrad) {
      super.updateVariables(variables, grads, lr, step);
      return;
    }
    const ms = variables.map((v) => this.slot('m', v));
    const vs = variables.map((v) => this.slot('v', v));
    const next = ops.fusedAdamUpdate(variables, grads, ms, vs, {
      lr,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      step,
      weightDecay: this.decoupledWeightDecay(),
    });
    variables.forEach((v, i) => {
      ms[i].assign(next.ms[i]);
      vs[i].assign(next.vs[i]);
      v.assign(next.params[i]);
    });
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      amsgrad: this.amsgrad,
    };
  }
}
