/**
 * Memory scopes and live-tensor accounting. `tidy` frees every tensor created
 * inside its callback except the ones it returns; `numTensors` is what tests
 * compare before and after `fit`, `evaluate`, `predict` and compression steps.
 */
import { tf } from './engine';

export { dispose, keep, tidy } from '@tensorflow/tfjs-core';

/** Number of live (not yet disposed) tensors on the active backend, variables included. */
export function numTensors(): number {
  return tf.memory().numTensors;
}

/** Live tensor count, bytes held and whether the count is reliable, as tfjs reports them. */
export interface MemoryInfo {
  numTensors: number;
  numBytes: number;
  numDataBuffers: number;
}

/** Snapshot of the engine's memory accounting. */
export function memory(): MemoryInfo {
  const m = tf.memory();
  return { numTensors: m.numTensors, numBytes: m.numBytes, numDataBuffers: m.numDataBuffers };
}

/**
 * Runs `fn` and returns its result together with how many tensors it left
 * alive. Meant for tests and debugging: `expect(leaked).toBe(0)`.
 */
export async function countLeaks<T>(fn: () => T | Promise<T>): Promise<{ result: T; leaked: number }> {
  const before = numTensors();
  const result = await fn();
  return { result, leaked: numTensors() - before };
}
