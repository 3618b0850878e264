/** Gradient clipping, as pure functions on tensors (usable outside optimizers too). */
import { ConfigError, ops, type Tensor, tidy } from '@convkit/core';

/** Clips every element of `g` to `[-value, value]`. */
export function clipByValue(g: Tensor, value: number): Tensor {
  if (!(value > 0)) throw new ConfigError(`clipByValue: value must be positive, got ${value}`);
  return ops.clipByValue(g, -value, value);
}

/** Rescales `g` so its L2 norm is at most `maxNorm` (unchanged when already smaller). */
export function clipByNorm(g: Tensor, maxNorm: number): Tensor {
  if (!(maxNorm > 0)) throw new ConfigError(`clipByNorm: maxNorm must be positive, got ${maxNorm}`);
  return tidy(() => {
    const norm = ops.sqrt(ops.sum(ops.square(g)));
    const scale = ops.div(maxNorm, ops.maximum(norm, maxNorm));
    return ops.mul(g, scale);
  });
}

/** L2 norm of all tensors taken together, as a scalar tensor. */
export function globalNorm(grads: readonly Tensor[]): Tensor {
  return tidy(() => ops.sqrt(ops.addN(grads.map((g) => ops.sum(ops.square(g))))));
}

/**
 * Rescales all gradients by the same factor so that their global L2 norm is
 * at most `maxNorm` (as `torch.nn.utils.clip_grad_norm_` and TF's `clip_by_global_norm`).
 */
export function clipByGlobalNorm(grads: readonly Tensor[], maxNorm: number): Tensor[] {
  if (!(maxNorm > 0)) throw new ConfigError(`clipByGlobalNorm: maxNorm must be positive, got ${maxNorm}`);
  if (grads.length === 0) return [];
  return tidy(() => {
    const norm = globalNorm(grads);
    const scale = ops.div(maxNorm, ops.maximum(norm, maxNorm));
    return grads.map((g) => ops.mul(g, scale));
  });
}
