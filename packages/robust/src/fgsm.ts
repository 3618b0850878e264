/**
 * The fast gradient sign method (Goodfellow et al., 2015): one step of size ε
 * along the sign of the loss's gradient (L∞), or along the normalised
 * gradient (L2, the "fast gradient method"). With a random start and a step
 * of 1.25 ε it is the attack of fast adversarial training (Wong et al., 2020).
 */
import type { Tensor } from '@convkit/core';
import type { LayersModel } from '@convkit/layers';
import { type AttackOptions, checkNonNegative, resolveAttack } from './options';
import { runAttack } from './pgd';

/** Options of `fgsm`. */
export interface FgsmOptions extends AttackOptions {
  /** Start from a random point of the ε-ball. Default false (the classic FGSM). */
  randomStart?: boolean;
  /** Length of the step. Default `eps` (1.25 · eps is the usual choice with `randomStart`). */
  stepSize?: number;
}

/**
 * The fast gradient sign method: `clip(x + ε · sign(∇ₓ loss(y, model(x))))`
 * for L∞ (untargeted), `x − ε · sign(…)` toward the classes `y` when
 * `targeted`, `x + ε · ∇/‖∇‖₂` for L2. The result is projected back onto the
 * ε-ball (it matters only with `randomStart` or a step longer than ε) and
 * clipped to the pixel range (default [0, 1]). A pixel whose gradient is
 * exactly zero does not move. The caller owns (and disposes) the result.
 *
 * @param model A model; compiled, unless `options.loss` is given.
 * @param x Images `[n, …inputShape]`, float32, inside the pixel range.
 * @param y Labels the model's loss takes: the truth, or the targets when `targeted`.
 * @param options `eps` and the options of `FgsmOptions`.
 * @returns The adversarial images, shaped like `x`.
 * @throws ConfigError for a negative or non-finite `eps` or `stepSize`, a bad
 *   `norm` or `clip`, or a model with no loss. @throws ShapeError when `x`
 *   does not fit the model or `y` has another batch size.
 * @example
 * ```ts no-run
 * const adv = fgsm(model, x, y, { eps: 0.1 });
 * console.log(await model.evaluate(adv, y));
 * adv.dispose();
 * ```
 */
export function fgsm(model: LayersModel, x: Tensor, y: Tensor, options: FgsmOptions): Tensor {
  const context = 'fgsm';
  const base = resolveAttack(context, options);
  const stepSize = options.stepSize === undefined ? base.eps : options.stepSize;
  checkNonNegative(context, 'stepSize', stepSize, base.eps > 0);
  return runAttack(context, model, x, y, { ...base, steps: 1, stepSize, randomStart: options.randomStart ?? false });
}
