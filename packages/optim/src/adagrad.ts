import { fill, ops, type Tensor, type Variable } from '@convkit/core';
import { BaseOptimizer, checkNonNegative, type OptimizerOptions } from './base';

/** Options of `Adagrad`. */
export interface AdagradOptions extends OptimizerOptions {
  /** Starting value of the squared-gradient sum. Default 0 (PyTorch; Keras uses 0.1). */
  initialAccumulatorValue?: number;
  /** Default 1e-10. */
  epsilon?: number;
}

/**
 * Adagrad (Duchi et al.), as PyTorch: `s += g²`, `p -= lr · g / (sqrt(s) + ε)`.
 * Default learning rate 0.01.
 */
export class Adagrad extends BaseOptimizer {
  readonly className = 'Adagrad';
  readonly initialAccumulatorValue: number;
  readonly epsilon: number;

  constructor(options: AdagradOptions = {}) {
    super('Adagrad', options, 0.01);
    this.initialAccumulatorValue = options.initialAccumulatorValue ?? 0;
    this.epsilon = options.epsilon ?? 1e-10;
    checkNonNegative('Adagrad', 'initialAccumulatorValue', this.initialAccumulatorValue);
    checkNonNegative('Adagrad', 'epsilon', this.epsilon);
  }

  protected updateVariable(v: Variable, g: Tensor, lr: number): void {
    const s = this.slot('accumulator', v, () => fill(v.shape, this.initialAccumulatorValue));
    const sNext = ops.add(s, ops.square(g));
    s.assign(sNext);
    v.assign(ops.sub(v, ops.mul(ops.div(g, ops.add(ops.sqrt(sNext), this.epsilon)), lr)));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), initialAccumulatorValue: this.initialAccumulatorValue, epsilon: this.epsilon };
  }
}
