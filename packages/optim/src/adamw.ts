/** AdamW: Adam with decoupled weight decay. */
import { ops, type Tensor, type Variable } from '@convkit/core';
import { Adam, type AdamOptions } from './adam';
import { checkNonNegative } from './validate';

/** Options of `AdamW`. */
export interface AdamWOptions extends AdamOptions {
  /**
   * Decoupled weight decay λ. Default 0.01 (PyTorch; Keras uses 0.004).
   *
   * @defaultValue `0.01`
   */
  weightDecay?: number;
}

/**
 * Adam with decoupled weight decay (Loshchilov & Hutter), as PyTorch's
 * `AdamW`: first `p ← p·(1 − lr·λ)` with the step's (scheduled) learning
 * rate, then the Adam step. Unlike an L2 term in the loss, the decay does not
 * pass through Adam's per-element scaling. Default learning rate 1e-3.
 *
 * @example
 * ```ts
 * import { AdamW, cosineDecay } from '@convkit/optim';
 *
 * const opt = new AdamW({
 *   learningRate: cosineDecay({ initialLearningRate: 1e-3, decaySteps: 10_000 }),
 *   weightDecay: 0.05,
 * });
 * ```
 */
export class AdamW extends Adam {
  static override readonly className: string = 'AdamW';
  static override readonly optionKeys: readonly string[] = [...Adam.optionKeys, 'weightDecay'];
  /** Decoupled weight decay λ. */
  readonly weightDecay: number;
  /**
   * @param options - See {@link AdamWOptions}; every field is optional.
   * @throws {ConfigError} when an option is unknown, out of range or of the wrong type.
   */

  constructor(options: AdamWOptions = {}) {
    super(options);
    this.weightDecay = options.weightDecay ?? 0.01;
    checkNonNegative(this.className, 'weightDecay', this.weightDecay);
  }

  protected override updateVariable(v: Variable, g: Tensor, lr: number, step: number): void {
    const decayed = this.weightDecay > 0 ? ops.mul(v, 1 - lr * this.weightDecay) : v;
    this.adamStep(v, decayed, g, lr, step);
  }

  protected override decoupledWeightDecay(): number {
    return this.weightDecay;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), weightDecay: this.weightDecay };
  }
}
