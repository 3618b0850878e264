/**
 * Projected gradient descent (Madry et al., 2018): from a random point of the
 * ε-ball, `steps` steps of size `stepSize` along the steepest-ascent
 * direction of the loss, each followed by the projection back onto the ball
 * and the pixel range. FGSM is the one-step case (see `fgsm.ts`).
 */
import { clone, dispose, ops, type Tensor, tidy } from '@convkit/core';
import type { LayersModel } from '@convkit/layers';
import { inputGradient, resolveLoss } from './attack-loss';
import {
  type AttackOptions,
  checkBatch,
  checkNonNegative,
  checkPositiveInt,
  type ResolvedAttack,
  resolveAttack,
} from './options';
import { ascentDirection, project, randomStart } from './projection';

/** Options of `pgd`. */
export interface PgdOptions extends AttackOptions {
  /** Gradient steps. Default 10. */
  steps?: number;
  /** Length of each step (per pixel for L∞, per image for L2). Default `2.5 · eps / steps`. */
  stepSize?: number;
  /** Start from a random point of the ε-ball rather than from the clean images. Default true. */
  randomStart?: boolean;
}

/** The checked options of an iterative attack. */
export interface IterativeAttack extends ResolvedAttack {
  steps: number;
  stepSize: number;
  randomStart: boolean;
}

/** Checks `pgd`'s options and fills in the defaults. */
export function resolvePgd(context: string, options: PgdOptions): IterativeAttack {
  const base = resolveAttack(context, options);
  const steps = checkPositiveInt(context, 'steps', options.steps ?? 10);
  const stepSize = options.stepSize === undefined ? (2.5 * base.eps) / steps : options.stepSize;
  checkNonNegative(context, 'stepSize', stepSize, base.eps > 0);
  return { ...base, steps, stepSize, randomStart: options.randomStart ?? true };
}

/**
 * Runs a checked iterative attack; the shared engine of `pgd` and `fgsm`.
 * Returns a new tensor; every intermediate is freed.
 */
export function runAttack(context: string, model: LayersModel, x: Tensor, y: Tensor, a: IterativeAttack): Tensor {
  checkBatch(context, model, x, y);
  const loss = resolveLoss(context, model, a.loss);
  if (a.eps === 0) return tidy(() => (a.clip ? ops.clipByValue(x, a.clip[0], a.clip[1]) : clone(x)));
  const sign = a.targeted ? -1 : 1;
  let adv = tidy(() => (a.randomStart ? randomStart(x, a.eps, a.norm, a.clip, a.seed) : clone(x)));
  try {
    for (let i = 0; i < a.steps; i++) {
      const next = tidy(() => {
        const g = inputGradient(model, loss, adv, y);
        const moved = ops.add(adv, ops.mul(ascentDirection(g, a.norm), sign * a.stepSize));
        return project(moved, x, a.eps, a.norm, a.clip);
      });
      adv.dispose();
      adv = next;
    }
    return adv;
  } catch (err) {
    dispose(adv);
    throw err;
  }
}

/**
 * Projected gradient descent: adversarial versions of the images `x` within
 * the `eps`-ball (L∞ or L2) and the pixel range (default [0, 1]).
 * Untargeted, it raises the loss of the true classes `y`; with `targeted`, it
 * lowers the loss of the classes `y` to reach. Batched: each image is
 * attacked independently. The caller owns (and disposes) the result.
 *
 * @param model A model; compiled, unless `options.loss` is given.
 * @param x Images `[n, …inputShape]`, float32, inside the pixel range.
 * @param y Labels the model's loss takes (class ids or one-hot): the truth,
 *   or the target classes when `targeted`.
 * @param options `eps` and the options of `PgdOptions`.
 * @returns The adversarial images, shaped like `x`.
 * @throws ConfigError for a negative or non-finite `eps`, `steps` that is not
 *   a positive integer, a bad `stepSize`, `norm` or `clip`, or a model with
 *   no loss. @throws ShapeError when `x` does not fit the model or `y` has
 *   another batch size. Nothing is created before the checks pass.
 * @example
 * ```ts no-run
 * const adv = pgd(model, x, y, { eps: 0.3, steps: 40, stepSize: 0.01 });
 * const pred = model.predict(adv);
 * ```
 */
export function pgd(model: LayersModel, x: Tensor, y: Tensor, options: PgdOptions): Tensor {
  const context = 'pgd';
  return runAttack(context, model, x, y, resolvePgd(context, options));
}
