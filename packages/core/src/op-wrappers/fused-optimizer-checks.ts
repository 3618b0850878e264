/**
 * What the fused optimizer updates (`fusedAdamUpdate`, `fusedSgdUpdate`,
 * `fusedRmspropUpdate`) share: argument checks with typed errors, the choice
 * between a backend's fused kernel and the composite of ordinary ops, and the
 * packing of `n` parameter groups into a kernel's NamedTensorMap.
 */
import * as tf from '@tensorflow/tfjs-core';
import { BackendError, ConfigError, formatShape, ShapeError } from '../errors';

/**
 * Throws a ShapeError unless every list has `n` tensors and tensor `i` of each
 * list has the shape of `params[i]`.
 *
 * @param op - The calling op, for the message (e.g. `'fusedAdamUpdate'`).
 * @param lists - Named tensor lists; the first is the parameters.
 */
export function checkTensorLists(op: string, lists: Record<string, readonly tf.Tensor[]>): void {
  const entries = Object.entries(lists);
  const [firstName, first] = entries[0];
  for (const [name, list] of entries) {
    if (!Array.isArray(list)) throw new ShapeError(`${op}: ${name} must be an array of tensors, got ${typeof list}`);
    if (list.length !== first.length) {
      throw new ShapeError(`${op}: ${name} has ${list.length} tensors but ${firstName} has ${first.length}`);
    }
  }
  for (let i = 0; i < first.length; i++) {
    const p = first[i];
    for (const [name, list] of entries) {
      const t = list[i];
      if (!(t instanceof tf.Tensor)) throw new ShapeError(`${op}: ${name}[${i}] is not a tensor`);
      if (t.isDisposed) throw new ShapeError(`${op}: ${name}[${i}] is disposed`);
      if (!tf.util.arraysEqual(t.shape, p.shape)) {
        throw new ShapeError(
          `${op}: ${name}[${i}] has shape ${formatShape(t.shape)}, expected ${formatShape(p.shape)} (the shape of ${firstName}[${i}])`,
        );
      }
    }
  }
}

/** Throws a ConfigError unless `value` is a finite number in `[lo, hi]` (`hi` exclusive when `hiOpen`). */
export function checkRange(op: string, name: string, value: unknown, lo: number, hi: number, hiOpen = false): number {
  const ok = typeof value === 'number' && Number.isFinite(value) && value >= lo && (hiOpen ? value < hi : value <= hi);
  if (!ok) {
    const range = `[${lo}, ${hi === Number.POSITIVE_INFINITY ? '∞' : hi}${hiOpen ? ')' : ']'}`;
    throw new ConfigError(`${op}: ${name} must be a finite number in ${range}, got ${String(value)}`);
  }
  return value as number;
}

/** Throws a ConfigError unless `value` is a boolean. */
export function checkFlag(op: string, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new ConfigError(`${op}: ${name} must be a boolean, got ${String(value)}`);
  return value;
}

/**
 * Whether `kernelName` is registered for the active backend and every tensor
 * is float32 (the fused kernels handle float32 only).
 */
export function fusedKernelAvailable(kernelName: string, tensors: readonly tf.Tensor[]): boolean {
  if (!tf.getKernel(kernelName, tf.getBackend())) return false;
  return tensors.every((t) => t.dtype === 'float32');
}

/**
 * The kernel inputs `{ p0.., g0.., ... }` for lists keyed by their prefix letter(s).
 *
 * @param lists - e.g. `{ p: params, g: grads, m: ms, v: vs }`.
 */
export function packInputs(lists: Record<string, readonly tf.Tensor[]>): tf.NamedTensorMap {
  const inputs: tf.NamedTensorMap = {};
  for (const [prefix, list] of Object.entries(lists)) list.forEach((t, i) => (inputs[`${prefix}${i}`] = t));
  return inputs;
}

/**
 * Runs `kernelName` with `inputs` and `attrs` and cuts its flat output array
 * into consecutive groups of `n` tensors.
 */
export function runFusedKernel(
  kernelName: string,
  inputs: tf.NamedTensorMap,
  attrs: Record<string, number | boolean>,
  n: number,
  groups: number,
): tf.Tensor[][] {
  const out = tf.engine().runKernel(kernelName, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor | tf.Tensor[];
  const flat = Array.isArray(out) ? out : [out];
  if (flat.length !== n * groups) {
    tf.dispose(flat);
    throw new BackendError(
      `${kernelName}: the '${tf.getBackend()}' kernel returned ${flat.length} tensors, expected ${n * groups}`,
    );
  }
  return Array.from({ length: groups }, (_, k) => flat.slice(k * n, (k + 1) * n));
}
