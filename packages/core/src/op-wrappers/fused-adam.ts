/**
 * `ops.fusedAdamUpdate`: one Adam (or AdamW) step over any number of
 * parameter tensors at once.
 *
 * ## Kernel contract `'ConvkitFusedAdam'` ({@link FUSED_ADAM_KERNEL})
 * A backend may register a kernel under this name; the op then runs it
 * instead of the composite of ordinary ops.
 * - Inputs (a NamedTensorMap, float32): `p0..p{n-1}` parameters, `g0..`
 *   gradients, `m0..` first moments, `v0..` second moments; `pi`, `gi`, `mi`,
 *   `vi` share one shape.
 * - Attrs: `{ n, lr, beta1, beta2, epsilon, step, weightDecay }` (`step` is
 *   1-based; `weightDecay` is AdamW's decoupled decay, 0 for Adam).
 * - Outputs: an array of `3n` new tensors `[p'0..p'n-1, m'0.., v'0..]`.
 * - Math per element, each operation rounded to float32 in this order (so a
 *   kernel can reproduce the composite exactly):
 *   `p1 = p·(1 − lr·wd)` (skipped when `wd` is 0); `m' = β1·m + (1−β1)·g`;
 *   `v' = β2·v + (1−β2)·g²`; `p' = p1 − lr·(m'/(1−β1^step)) / (sqrt(v'/(1−β2^step)) + ε)`,
 *   with the scalars `1−β1`, `1−lr·wd`, `1−β1^step`, `1−β2^step` computed in
 *   float64 and then rounded to float32.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../errors';
import {
  checkRange,
  checkTensorLists,
  fusedKernelAvailable,
  packInputs,
  runFusedKernel,
} from './fused-optimizer-checks';

/** Name of the fused Adam kernel a backend may register (see the module comment for its contract). */
export const FUSED_ADAM_KERNEL = 'ConvkitFusedAdam';

/** Hyper-parameters of one fused Adam step. */
export interface FusedAdamConfig {
  /** Learning rate of this step, `>= 0`. */
  lr: number;
  /** Decay of the first moment, in `[0, 1)`. */
  beta1: number;
  /** Decay of the second moment, in `[0, 1)`. */
  beta2: number;
  /** Added to `sqrt(v̂)` in the denominator, `>= 0`. */
  epsilon: number;
  /** 1-based step number, for the bias corrections (an integer `>= 1`). */
  step: number;
  /** AdamW's decoupled weight decay λ (`p ← p·(1 − lr·λ)` first); 0 for Adam. Default 0. */
  weightDecay?: number;
}

/** New parameters and moments after a fused step (new tensors, owned by the caller). */
export interface FusedAdamResult {
  /** Updated parameters, in the order given. */
  params: tf.Tensor[];
  /** Updated first moments. */
  ms: tf.Tensor[];
  /** Updated second moments. */
  vs: tf.Tensor[];
}

/** `decay·average + (1 − decay)·value`, as optim's `ema`. */
function ema(average: tf.Tensor, value: tf.Tensor, decay: number): tf.Tensor {
  return tf.add(tf.mul(average, decay), tf.mul(value, 1 - decay));
}

/** The composite of ordinary ops: the reference every fused Adam kernel must match. */
function compositeAdam(
  params: readonly tf.Tensor[],
  grads: readonly tf.Tensor[],
  ms: readonly tf.Tensor[],
  vs: readonly tf.Tensor[],
  c: Required<FusedAdamConfig>,
): FusedAdamResult {
  return tf.tidy((): tf.TensorContainer => {
    const out: FusedAdamResult = { params: [], ms: [], vs: [] };
    params.forEach((p, i) => {
      const g = grads[i];
      const p1 = c.weightDecay > 0 ? tf.mul(p, 1 - c.lr * c.weightDecay) : p;
      const mNext = ema(ms[i], g, c.beta1);
      const vNext = ema(vs[i], tf.square(g), c.beta2);
      const mHat = tf.div(mNext, 1 - c.beta1 ** c.step);
      const vHat = tf.div(vNext, 1 - c.beta2 ** c.step);
      out.params.push(tf.sub(p1, tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), c.epsilon)), c.lr)));
      out.ms.push(mNext);
      out.vs.push(vNext);
    });
    return out as unknown as tf.TensorContainer;
  }) as unknown as FusedAdamResult;
}

/**
 * One Adam step (AdamW with `weightDecay > 0`) for `n` parameter tensors in a
 * single call: the active backend's `'ConvkitFusedAdam'` kernel when it has
 * one (backend-wasm: one SIMD pass over all parameters), else the composite
 * of ordinary ops, which gives the same values. Inputs are not modified or
 * disposed.
 *
 * @param params - Parameters `p`, float32.
 * @param grads - Gradients, one per parameter, same shapes.
 * @param ms - First moments, same shapes.
 * @param vs - Second moments, same shapes.
 * @param config - Learning rate, betas, epsilon, 1-based step, weight decay.
 * @returns New `params`, `ms` and `vs` tensors (the caller disposes them).
 * @throws {ShapeError} when the lists differ in length or a tensor's shape differs from its parameter's.
 * @throws {ConfigError} when a hyper-parameter is out of range (e.g. `beta1` not in `[0, 1)`, `step` < 1).
 *
 * @example
 * ```ts
 * import { ops, tensor, zeros } from '@convkit/core';
 *
 * const p = tensor([0.5, -1]);
 * const g = tensor([0.1, 0.2]);
 * const { params, ms, vs } = ops.fusedAdamUpdate([p], [g], [zeros([2])], [zeros([2])], {
 *   lr: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, step: 1,
 * });
 * ```
 */
export function fusedAdamUpdate(
  params: readonly tf.Tensor[],
  grads: readonly tf.Tensor[],
  ms: readonly tf.Tensor[],
  vs: readonly tf.Tensor[],
  config: FusedAdamConfig,
): FusedAdamResult {
  const op = 'fusedAdamUpdate';
  checkTensorLists(op, { params, grads, ms, vs });
  if (typeof config !== 'object' || config === null) throw new TypeError(`${op}: config must be an object`);
  const c: Required<FusedAdamConfig> = {
    lr: checkRange(op, 'lr', config.lr, 0, Number.POSITIVE_INFINITY),
    beta1: checkRange(op, 'beta1', config.beta1, 0, 1, true),
    beta2: checkRange(op, 'beta2', config.beta2, 0, 1, true),
    epsilon: checkRange(op, 'epsilon', config.epsilon, 0, Number.POSITIVE_INFINITY),
    step: checkRange(op, 'step', config.step, 1, Number.MAX_SAFE_INTEGER),
    weightDecay: checkRange(op, 'weightDecay', config.weightDecay ?? 0, 0, Number.POSITIVE_INFINITY),
  };
  if (!Number.isInteger(c.step)) throw new ConfigError(`${op}: step must be an integer >= 1 (1-based), got ${c.step}`);
  const n = params.length;
  if (n === 0) return { params: [], ms: [], vs: [] };
  if (!fusedKernelAvailable(FUSED_ADAM_KERNEL, [...params, ...grads, ...ms, ...vs])) {
    return compositeAdam(params, grads, ms, vs, c);
  }
  const [p, m, v] = runFusedKernel(
    FUSED_ADAM_KERNEL,
    packInputs({ p: params, g: grads, m: ms, v: vs }),
    { n, ...c },
    n,
    3,
  );
  return { params: p, ms: m, vs: v };
}
