import { ops, type Tensor, type Variable } from '@convkit/core';
import { BaseOptimizer, checkNonNegative, checkUnitInterval, lerp, type OptimizerOptions } from './base';

/** Options of `Adam` and `AdamW`. */
export interface AdamOptions extends OptimizerOptions {
  /** Decay of the first moment. Default 0.9. */
  beta1?: number;
  /** Decay of the second moment. Default 0.999. */
  beta2?: number;
  /** Added to the denominator. Default 1e-7 (Keras; PyTorch uses 1e-8). */
  epsilon?: number;
  /** Use the maximum of past second moments (AMSGrad). Default false. */
  amsgrad?: boolean;
}

/**
 * Adam (Kingma & Ba), as in Keras and PyTorch:
 * `m = β1·m + (1-β1)·g`, `v = β2·v + (1-β2)·g²`,
 * `p -= lr · (m / (1-β1ᵗ)) / (sqrt(v / (1-β2ᵗ)) + ε)`.
 * Default learning rate 1e-3.
 */
export class Adam extends BaseOptimizer {
  readonly className: string = 'Adam';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly amsgrad: boolean;

  constructor(options: AdamOptions = {}, owner = 'Adam') {
    super(owner, options, 1e-3);
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-7;
    this.amsgrad = options.amsgrad ?? false;
    checkUnitInterval(owner, 'beta1', this.beta1);
    checkUnitInterval(owner, 'beta2', this.beta2);
    checkNonNegative(owner, 'epsilon', this.epsilon);
  }

  /** Applies the Adam step to `p` (already decayed for AdamW) and stores it in `v`. */
  protected adamStep(v: Variable, p: Tensor, g: Tensor, lr: number, step: number): void {
    const m = this.slot('m', v);
    const s = this.slot('v', v);
    const mNext = lerp(m, g, this.beta1, 1 - this.beta1);
    let sNext = lerp(s, ops.square(g), this.beta2, 1 - this.beta2);
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
