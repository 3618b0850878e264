/**
 * Helpers the webgpu tests of other packages share (layers, compress): a seeded
 * value generator and a guard that counts and refuses synchronous reads.
 */
import * as tf from '@tensorflow/tfjs-core';

/** Seeded values in [0, 1) (a 32-bit LCG). */
export function seeded(seed: number, n: number): Float32Array {
  let a = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
    return a / 4294967296;
  });
}

/**
 * Counts synchronous reads and refuses them, until `restore()`: `dataSync`,
 * `arraySync` and `bufferSync` of every tensor, and on a backend other than
 * 'cpu' the backend's `readSync` too (the cpu backend's async `read` uses its
 * own `readSync`).
 */
export function refuseSyncReads(backend: string): { count: () => number; restore: () => void } {
  let n = 0;
  const refuse = () => {
    n++;
    throw new Error(`synchronous read (readSync/dataSync/arraySync) on the ${backend} backend`);
  };
  const proto = tf.Tensor.prototype as unknown as Record<string, unknown>;
  const names = ['dataSync', 'arraySync', 'bufferSync'];
  const saved = names.map((k) => proto[k]);
  for (const k of names) proto[k] = refuse;
  const b = tf.engine().findBackend(backend);
  if (!b) throw new Error(`no ${backend} backend registered`);
  const readSync = b.readSync;
  if (backend !== 'cpu') b.readSync = refuse;
  return {
    count: () => n,
    restore: () => {
      names.forEach((k, i) => {
        proto[k] = saved[i];
      });
      b.readSync = readSync;
    },
  };
}
