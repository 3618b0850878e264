/**
 * Memory scopes and live-tensor accounting. `tidy` frees every tensor created
 * inside its callback except the ones it returns; `numTensors` is what tests
 * compare before and after `fit`, `evaluate`, `predict` and compression steps.
 */
import { tf } from './engine';

export { dispose, keep, tidy } from '@tensorflow/tfjs-core';

/**
 * Number of live (not yet disposed) tensors on the active backend, variables included.
 *
 * @returns The count; compare it before and after a call to find leaks.
 */
export function numTensors(): number {
  return tf.memory().numTensors;
}

/** Live tensor count, bytes held and data buffers, as the engine reports them. */
export interface MemoryInfo {
  /** Live tensors, variables included. */
  numTensors: number;
  /** Bytes held by live tensors. */
  numBytes: number;
  /** Distinct data buffers (several tensors can share one, e.g. after `reshape`). */
  numDataBuffers: number;
}

/**
 * Snapshot of the engine's memory accounting.
 *
 * @returns Live tensors, bytes and data buffers.
 *
 * @example
 * ```ts
 * import { memory, ones, ops, tidy } from '@convkit/core';
 *
 * const before = memory().numTensors;
 * const sum = tidy(() => ops.sum(ops.add(ones([2, 2]), ones([2, 2]))));
 * console.log(memory().numTensors - before); // 1: only `sum` survives the tidy
 * sum.dispose();
 * ```
 */
export function memory(): MemoryInfo {
  const m = tf.memory();
  return { numTensors: m.numTensors, numBytes: m.numBytes, numDataBuffers: m.numDataBuffers };
}

/**
 * Runs `fn` and returns its result together with how many tensors it left
 * alive. Meant for tests and debugging: `expect(leaked).toBe(0)`.
 *
 * @param fn - The code to measure; may be async.
 * @returns `result`: what `fn` returned; `leaked`: live tensors after minus before
 *   (the result's own tensors count as leaked unless disposed).
 */
export async function countLeaks<T>(fn: () => T | Promise<T>): Promise<{
  /** What `fn` returned. */
  result: T;
  /** Live tensors after `fn` minus live tensors before. */
  leaked: number;
}> {
  const before = numTensors();
  const result = await fn();
  return { result, leaked: numTensors() - before };
}
