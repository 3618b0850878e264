/** A typing helper for custom gradients (internal; not exported from the package). */
import type { customGrad, Tensor } from '@convkit/core';

type GradFunc = Parameters<typeof customGrad>[0];
/** tfjs types a custom-gradient function's parameters loosely; ours take one tensor (and the save function). */
export function asGradFunc(
  f: (
    input: Tensor,
    save: (ts: Tensor[]) => void,
  ) => { value: Tensor; gradFunc: (dy: Tensor, saved: Tensor[]) => Tensor },
): GradFunc {
  return f as unknown as GradFunc;
}
