/**
 * `ops.fusedSgdUpdate`: one SGD step (plain, momentum or Nesterov, with
 * decoupled weight decay) over any number of parameter tensors at once.
 *
 * ## Kernel contract `'ConvkitFusedSgd'` ({@link FUSED_SGD_KERNEL})
 * - Inputs (a NamedTensorMap, float32): `p0..p{n-1}` parameters, `g0..`
 *   gradients and, only when `momentum > 0`, `b0..` momentum buffers; all of
 *   index `i` share one shape.
 * - Attrs: `{ n, lr, momentum, nesterov, weightDecay }`.
 * - Outputs: `[p'0..p'n-1, b'0..b'n-1]` when `momentum > 0`, else `[p'0..p'n-1]`.
 * - Math per element, each operation rounded to float32 in this order:
 *   `b' = μ·b + g`; `d = nesterov ? g + μ·b' : b'` (`d = g` without momentum);
 *   `p1 = p·(1 − lr·wd)` (skipped when `wd` is 0); `p' = p1 − lr·d`, with
 *   `1 − lr·wd` computed in float64, then rounded to float32.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../errors';
import {
  checkFlag,
  checkRange,
  checkTensorLists,
  fusedKernelAvailable,
  packInputs,
  runFusedKernel,
} from './fused-optimizer-checks';

/** Name of the fused SGD kernel a backend may register (see the module comment for its contract). */
export const FUSED_SGD_KERNEL = 'ConvkitFusedSgd';

/** Hyper-parameters of one fused SGD step. */
export interface FusedSgdConfig {
  /** Learning rate of this step, `>= 0`. */
  lr: number;
  /** Momentum μ in `[0, 1)`; 0 for plain SGD (then no buffers are passed). Default 0. */
  momentum?: number;
  /** Nesterov momentum (needs `momentum > 0`). Default false. */
  nesterov?: boolean;
  /** Decoupled weight decay λ, `>= 0`. Default 0. */
  weightDecay?: number;
}

/** New parameters and momentum buffers after a fused step (new tensors, owned by the caller). */
export interface FusedSgdResult {
  /** Updated parameters, in the order given. */
  params: tf.Tensor[];
  /** Updated momentum buffers; empty without momentum. */
  buffers: tf.Tensor[];
}

function compositeSgd(
  params: readonly tf.Tensor[],
  grads: readonly tf.Tensor[],
  buffers: readonly tf.Tensor[],
  c: Required<FusedSgdConfig>,
): FusedSgdResult {
  return tf.tidy((): tf.TensorContainer => {
    const out: FusedSgdResult = { params: [], buffers: [] };
    params.forEach((p, i) => {
      const g = grads[i];
      let d = g;
      if (c.momentum > 0) {
        const next = tf.add(tf.mul(buffers[i], c.momentum), g);
        out.buffers.push(next);
        d = c.nesterov ? tf.add(g, tf.mul(next, c.momentum)) : next;
      }
      const p1 = c.weightDecay > 0 ? tf.mul(p, 1 - c.lr * c.weightDecay) : p;
      out.params.push(tf.sub(p1, tf.mul(d, c.lr)));
    });
    return out as unknown as tf.TensorContainer;
  }) as unknown as FusedSgdResult;
}

/**
 * One SGD step for `n` parameter tensors in a single call, following
 * `@convkit/optim`'s `SGD`: the active backend's `'ConvkitFusedSgd'` kernel
 * when it has one, else the composite of ordinary ops (same values). Inputs
 * are not modified or disposed.
 *
 * @param params - Parameters, float32.
 * @param grads - Gradients, one per parameter, same shapes.
 * @param buffers - Momentum buffers (same shapes) when `momentum > 0`; an empty array otherwise.
 * @param config - Learning rate, momentum, Nesterov flag, weight decay.
 * @returns New `params` and `buffers` (empty without momentum).
 * @throws {ShapeError} when the lists differ in length or shapes.
 * @throws {ConfigError} when a hyper-parameter is out of range, `nesterov` is set without
 *   momentum, or buffers are passed (or missing) against `momentum`.
 *
 * @example
 * ```ts
 * import { ops, tensor, zeros } from '@convkit/core';
 *
 * const { params, buffers } = ops.fusedSgdUpdate([tensor([1, 2])], [tensor([0.5, -1])], [zeros([2])], {
 *   lr: 0.1, momentum: 0.9, nesterov: true,
 * });
 * ```
 */
export function fusedSgdUpdate(
  params: readonly tf.Tensor[],
  grads: readonly tf.Tensor[],
  buffers: readonly tf.Tensor[],
  config: FusedSgdConfig,
): FusedSgdResult {
  const op = 'fusedSgdUpdate';
  if (typeof config !== 'object' || config === null) throw new TypeError(`${op}: config must be an object`);
  const c: Required<FusedSgdConfig> = {
    lr: checkRange(op, 'lr', config.lr, 0, Number.POSITIVE_INFINITY),
    momentum: checkRange(op, 'momentum', config.momentum ?? 0, 0, 1, true),
    nesterov: checkFlag(op, 'nesterov', config.nesterov ?? false),
    weightDecay: checkRange(op, 'weightDecay', config.weightDecay ?? 0, 0, Number.POSITIVE_INFINITY),
  };
  if (c.nesterov && c.momentum === 0) throw new ConfigError(`${op}: nesterov needs momentum > 0`);
  if (c.momentum > 0) checkTensorLists(op, { params, grads, buffers });
  else {
    checkTensorLists(op, { params, grads });
    if (!Array.isArray(buffers) || buffers.length !== 0) {
      throw new ConfigError(`${op}: buffers must be an empty array when momentum is 0`);
    }
  }
  const n = params.length;
  if (n === 0) return { params: [], buffers: [] };
  const all = [...params, ...grads, ...buffers];
  if (!fusedKernelAvailable(FUSED_SGD_KERNEL, all)) return compositeSgd(params, grads, buffers, c);
  const lists: Record<string, readonly tf.Tensor[]> =
    c.momentum > 0 ? { p: params, g: grads, b: buffers } : { p: params, g: grads };
  const groups = runFusedKernel(FUSED_SGD_KERNEL, packInputs(lists), { n, ...c }, n, c.momentum > 0 ? 2 : 1);
  return { params: groups[0], buffers: groups[1] ?? [] };
}
