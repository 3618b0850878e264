/**
 * `ops.fusedRmspropUpdate`: one RMSprop step (plain or centered, with
 * optional momentum) over any number of parameter tensors at once.
 *
 * ## Kernel contract `'ConvkitFusedRmsprop'` ({@link FUSED_RMSPROP_KERNEL})
 * - Inputs (a NamedTensorMap, float32): `p0..p{n-1}` parameters, `g0..`
 *   gradients, `s0..` mean squares, `a0..` mean gradients (only when
 *   `centered`), `b0..` momentum buffers (only when `momentum > 0`); all of
 *   index `i` share one shape.
 * - Attrs: `{ n, lr, rho, momentum, centered, epsilon }`.
 * - Outputs: `[p'0.., s'0.., a'0.. (centered only), b'0.. (momentum only)]`.
 * - Math per element, each operation rounded to float32 in this order:
 *   `s' = ρ·s + (1−ρ)·g²`; centered: `a' = ρ·a + (1−ρ)·g`, `w = max(s' − a'², 0)`,
 *   else `w = s'`; `d = g / (sqrt(w) + ε)`; with momentum `b' = μ·b + d`, `d = b'`;
 *   `p' = p − lr·d` (`1−ρ` computed in float64, then rounded to float32).
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

/** Name of the fused RMSprop kernel a backend may register (see the module comment for its contract). */
export const FUSED_RMSPROP_KERNEL = 'ConvkitFusedRmsprop';

/** Hyper-parameters of one fused RMSprop step. */
export interface FusedRmspropConfig {
  /** Learning rate of this step, `>= 0`. */
  lr: number;
  /** Decay ρ of the averages, in `[0, 1)`. */
  rho: number;
  /** Added to the root in the denominator, `>= 0`. */
  epsilon: number;
  /** Momentum μ in `[0, 1)`. Default 0. */
  momentum?: number;
  /** Centered variant (divides by an estimate of the variance). Default false. */
  centered?: boolean;
}

/** State tensors of RMSprop for the fused step. */
export interface FusedRmspropState {
  /** Mean squares of the gradients, one per parameter. */
  meanSquares: readonly tf.Tensor[];
  /** Mean gradients (centered only; empty otherwise). */
  meanGrads?: readonly tf.Tensor[];
  /** Momentum buffers (momentum > 0 only; empty otherwise). */
  buffers?: readonly tf.Tensor[];
}

/** New parameters and state after a fused step (new tensors, owned by the caller). */
export interface FusedRmspropResult {
  /** Updated parameters, in the order given. */
  params: tf.Tensor[];
  /** Updated mean squares. */
  meanSquares: tf.Tensor[];
  /** Updated mean gradients; empty unless centered. */
  meanGrads: tf.Tensor[];
  /** Updated momentum buffers; empty without momentum. */
  buffers: tf.Tensor[];
}

function ema(average: tf.Tensor, value: tf.Tensor, decay: number): tf.Tensor {
  return tf.add(tf.mul(average, decay), tf.mul(value, 1 - decay));
}

function compositeRmsprop(
  params: readonly tf.Tensor[],
  grads: readonly tf.Tensor[],
  s: Required<FusedRmspropState>,
  c: Required<FusedRmspropConfig>,
): FusedRmspropResult {
  return tf.tidy((): tf.TensorContainer => {
    const out: FusedRmspropResult = { params: [], meanSquares: [], meanGrads: [], buffers: [] };
    params.forEach((p, i) => {
      const g = grads[i];
      const sNext = ema(s.meanSquares[i], tf.square(g), c.rho);
      out.meanSquares.push(sNext);
      let avg = sNext;
      if (c.centered) {
        const aNext = ema(s.meanGrads[i], g, c.rho);
        out.meanGrads.push(aNext);
        avg = tf.relu(tf.sub(sNext, tf.square(aNext)));
      }
      let d = tf.div(g, tf.add(tf.sqrt(avg), c.epsilon));
      if (c.momentum > 0) {
        d = tf.add(tf.mul(s.buffers[i], c.momentum), d);
        out.buffers.push(d);
      }
      out.params.push(tf.sub(p, tf.mul(d, c.lr)));
    });
    return out as unknown as tf.TensorContainer;
  }) as unknown as FusedRmspropResult;
}

/**
 * One RMSprop step for `n` parameter tensors in a single call, following
 * `@convkit/optim`'s `RMSprop`: the active backend's `'ConvkitFusedRmsprop'`
 * kernel when it has one, else the composite of ordinary ops (same values).
 * Inputs are not modified or disposed.
 *
 * @param params - Parameters, float32.
 * @param grads - Gradients, one per parameter, same shapes.
 * @param state - Mean squares; mean gradients when centered; buffers when `momentum > 0`.
 * @param config - Learning rate, ρ, ε, momentum, centered.
 * @returns New parameters and state (unused state lists are empty).
 * @throws {ShapeError} when the lists differ in length or shapes.
 * @throws {ConfigError} when a hyper-parameter is out of range, or state lists are missing or
 *   given against `centered`/`momentum`.
 *
 * @example
 * ```ts
 * import { ops, tensor, zeros } from '@convkit/core';
 *
 * const r = ops.fusedRmspropUpdate([tensor([1, 2])], [tensor([0.5, -1])], { meanSquares: [zeros([2])] }, {
 *   lr: 1e-3, rho: 0.9, epsilon: 1e-7,
 * });
 * ```
 */
export function fusedRmspropUpdate(
  params: readonly tf.Tensor[],
  grads: readonly tf.Tensor[],
  state: FusedRmspropState,
  config: FusedRmspropConfig,
): FusedRmspropResult {
  const op = 'fusedRmspropUpdate';
  if (typeof config !== 'object' || config === null) throw new TypeError(`${op}: config must be an object`);
  if (typeof state !== 'object' || state === null) throw new TypeError(`${op}: state must be an object`);
  const c: Required<FusedRmspropConfig> = {
    lr: checkRange(op, 'lr', config.lr, 0, Number.POSITIVE_INFINITY),
    rho: checkRange(op, 'rho', config.rho, 0, 1, true),
    epsilon: checkRange(op, 'epsilon', config.epsilon, 0, Number.POSITIVE_INFINITY),
    momentum: checkRange(op, 'momentum', config.momentum ?? 0, 0, 1, true),
    centered: checkFlag(op, 'centered', config.centered ?? false),
  };
  const s: Required<FusedRmspropState> = {
    meanSquares: state.meanSquares,
    meanGrads: state.meanGrads ?? [],
    buffers: state.buffers ?? [],
  };
  const lists: Record<string, readonly tf.Tensor[]> = { params, grads, meanSquares: s.meanSquares };
  if (c.centered) lists.meanGrads = s.meanGrads;
  else if (s.meanGrads.length > 0) throw new ConfigError(`${op}: meanGrads given but centered is false`);
  if (c.momentum > 0) lists.buffers = s.buffers;
  else if (s.buffers.length > 0) throw new ConfigError(`${op}: buffers given but momentum is 0`);
  checkTensorLists(op, lists);
  const n = params.length;
  if (n === 0) return { params: [], meanSquares: [], meanGrads: [], buffers: [] };
  if (!fusedKernelAvailable(FUSED_RMSPROP_KERNEL, Object.values(lists).flat())) {
    return compositeRmsprop(params, grads, s, c);
  }
  const packed: Record<string, readonly tf.Tensor[]> = { p: params, g: grads, s: s.meanSquares };
  if (c.centered) packed.a = s.meanGrads;
  if (c.momentum > 0) packed.b = s.buffers;
  const groups = runFusedKernel(
    FUSED_RMSPROP_KERNEL,
    packInputs(packed),
    { n, ...c },
    n,
    Object.keys(packed).length - 1,
  );
  let k = 0;
  const params2 = groups[k++];
  const meanSquares = groups[k++];
  const meanGrads = c.centered ? groups[k++] : [];
  const buffers = c.momentum > 0 ? groups[k++] : [];
  return { params: params2, meanSquares, meanGrads, buffers };
}
