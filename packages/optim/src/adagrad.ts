/** Adagrad. */
import { fill, ops, type Tensor, type Variable } from '@convkit/core';
import { BaseOptimizer, type OptimizerOptions } from './base';
import { checkNonNegative } from './validate';

/** Options of `Adagrad`. */
export interface AdagradOptions extends OptimizerOptions {
  /**
   * Starting value of the squared-gradient sum. Default 0.1 (Keras; PyTorch uses 0).
   *
   * @defaultValue `0.1`
   */
  initialAccumulatorValue?: number;
  /**
   * Added to `sqrt(s)` in the denominator. Default 1e-10 (PyTorch).
   *
   * @defaultValue `1e-10`
   */
  epsilon?: number;
}

/**
 * Adagrad (Duchi et al.), as PyTorch: `s += g²`, `p -= lr · g / (sqrt(s) + ε)`,
 * with `s` starting at `initialAccumulatorValue`. Default learning rate 0.01.
 *
 * @example
 * ```ts
 * import { Adagrad } from '@convkit/optim';
 *
 * const opt = new Adagrad({ learningRate: 0.05, initialAccumulatorValue: 0.1 });
 * ```
 */
export class Adagrad extends BaseOptimizer {
  static override readonly className: string = 'Adagrad';
  static override readonly optionKeys: readonly string[] = ['initialAccumulatorValue', 'epsilon'];
  /** Starting value of the squared-gradient sum. */
  readonly initialAccumulatorValue: number;
  /** Added to `sqrt(s)` in the denominator. */
  readonly epsilon: number;
  /**
   * @param options - See {@link AdagradOptions}; every field is optional.
   * @throws {ConfigError} when an option is unknown, out of range or of the wrong type.
   */

  constructor(options: AdagradOptions = {}) {
    super(options, 0.01);
    this.initialAccumulatorValue = options.initialAccumulatorValue ?? 0.1;
    this.epsilon = options.epsilon ?? 1e-10;
    checkNonNegative(this.className, 'initialAccumulatorValue', this.initialAccumulatorValue);
    checkNonNegative(this.className, 'epsilon', this.epsilon);
  }

  protected updateVariable(v: Variable, g: Tensor, lr: number): void {
    const s = this.slot('accumulator', v, () => fill(v.shape, this.initialAccumulatorValue, v.dtype));
    const sNext = ops.add(s, ops.square(g));
    s.assign(sNext);
    v.assign(ops.sub(v, ops.mul(ops.div(g, ops.add(ops.sqrt(sNext), this.epsilon)), lr)));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), initialAccumulatorValue: this.initialAccumulatorValue, epsilon: this.epsilon };
  }
}
