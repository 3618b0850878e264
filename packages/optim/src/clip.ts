/**
 * Gradient clipping as pure functions on tensors, usable outside optimizers
 * too. Each returns new tensors (the caller disposes them) and frees its
 * intermediates; the inputs are left untouched.
 */
import { ops, scalar, type Tensor, tidy } from '@convkit/core';
import { checkPositive } from './validate';

/**
 * Clips every element of `g` to `[-value, value]` (Keras `clipvalue`).
 *
 * @param g - Gradient.
 * @param value - Bound, `> 0`.
 * @returns A new tensor, owned by the caller.
 * @throws {ConfigError} when `value` is not a positive number.
 */
export function clipByValue(g: Tensor, value: number): Tensor {
  checkPositive('clipByValue', 'value', value);
  return ops.clipByValue(g, -value, value);
}

/**
 * Rescales `g` so that its L2 norm is at most `maxNorm`; unchanged when already smaller (Keras `clipnorm`).
 *
 * @param g - Gradient.
 * @param maxNorm - Largest L2 norm allowed, `> 0`.
 * @returns A new tensor, owned by the caller.
 * @throws {ConfigError} when `maxNorm` is not a positive number.
 */
export function clipByNorm(g: Tensor, maxNorm: number): Tensor {
  checkPositive('clipByNorm', 'maxNorm', maxNorm);
  return tidy(() => {
    const norm = ops.sqrt(ops.sum(ops.square(g)));
    return ops.mul(g, ops.div(maxNorm, ops.maximum(norm, maxNorm)));
  });
}

/**
 * L2 norm of all tensors taken together, `sqrt(Σ‖gᵢ‖²)`.
 *
 * @param grads - Gradients (any shapes).
 * @returns A new scalar tensor (0 for an empty list), owned by the caller.
 */
export function globalNorm(grads: readonly Tensor[]): Tensor {
  if (grads.length === 0) return scalar(0);
  return tidy(() => ops.sqrt(ops.addN(grads.map((g) => ops.sum(ops.square(g))))));
}

/**
 * Rescales all gradients by one factor, `maxNorm / max(globalNorm, maxNorm)`,
 * so that their global L2 norm is at most `maxNorm` and their directions
 * relative to each other are kept (PyTorch `clip_grad_norm_`, TF `clip_by_global_norm`).
 *
 * @param grads - Gradients of one step.
 * @param maxNorm - Largest global L2 norm allowed, `> 0`.
 * @returns New tensors in the same order, owned by the caller.
 * @throws {ConfigError} when `maxNorm` is not a positive number.
 *
 * @example
 * ```ts
 * import { clipByGlobalNorm } from '@convkit/optim';
 *
 * const clipped = clipByGlobalNorm(grads, 1.0);
 * ```
 */
export function clipByGlobalNorm(grads: readonly Tensor[], maxNorm: number): Tensor[] {
  checkPositive('clipByGlobalNorm', 'maxNorm', maxNorm);
  if (grads.length === 0) return [];
  return tidy(() => {
    const scale = ops.div(maxNorm, ops.maximum(globalNorm(grads), maxNorm));
    return grads.map((g) => ops.mul(g, scale));
  });
}
