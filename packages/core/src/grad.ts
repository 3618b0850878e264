/**
 * Automatic differentiation, delegated to the tfjs-core tape. Gradients are
 * declared per kernel in tfjs-core, so any backend that implements the
 * forward and backward kernels trains every layer.
 */
import type { NamedTensorMap, Scalar, Tensor, Variable } from '@tensorflow/tfjs-core';
import { adviseFasterBackend } from './backend';
import { tf } from './engine';

export { customGrad, grad, grads, valueAndGrad, valueAndGrads } from '@tensorflow/tfjs-core';

/** The part of tfjs-core's engine state that a failed gradient computation leaves behind. */
interface TapeState {
  gradientDepth: number;
  activeTape: { saved?: Tensor[] }[] | null;
}

/**
 * `f()` and its gradients with respect to `varList` (default: every trainable
 * variable), as tfjs-core's `variableGrads`, but leak-free when it throws.
 * The tape keeps a copy of every tensor a gradient will need; when `f` (or
 * the backward pass) throws, tfjs-core never frees them (a failed training
 * step on a small CNN leaked 11 tensors). Here they are freed before the
 * error is rethrown, so a failed step leaves the live tensor count unchanged.
 * The first call on the cpu backend says once that a faster backend exists
 * (`adviseFasterBackend`).
 *
 * @param f - Computes a scalar (the loss) from the variables.
 * @param varList - Variables to differentiate against; default every trainable variable.
 * @returns `value`: the scalar `f()` returned; `grads`: one gradient per variable, keyed by variable name.
 *   The caller disposes both.
 */
export function variableGrads(
  f: () => Scalar,
  varList?: Variable[],
): {
  /** The scalar `f()` returned. */
  value: Scalar;
  /** Gradient of `value` with respect to each variable, keyed by variable name. */
  grads: NamedTensorMap;
} {
  adviseFasterBackend();
  const state = (tf.engine() as unknown as { state: TapeState }).state;
  const outermost = state.gradientDepth === 0;
  try {
    return tf.variableGrads(f, varList);
  } catch (err) {
    // Nested in another gradient computation, the tape belongs to the outer one.
    if (outermost && state.gradientDepth === 0 && state.activeTape) {
      for (const node of state.activeTape) for (const t of node.saved ?? []) t.dispose();
      state.activeTape = null;
    }
    throw err;
  }
}
