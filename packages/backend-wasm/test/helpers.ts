/** Shared test helpers: seeded shapes, cpu-vs-wasm comparison. */
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';

/** Small deterministic PRNG (mulberry32). */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    floats: (n: number) => Float32Array.from({ length: n }, () => next() * 2 - 1),
  };
}

/** Tolerance used across the suite: |got - ref| <= TOL * (1 + |ref|). */
export const TOL = 1e-4;

/** Asserts elementwise closeness with the suite tolerance; `what` names the case on failure. */
export function expectClose(got: ArrayLike<number>, ref: ArrayLike<number>, what: string): void {
  expect(got.length, `${what}: length`).toBe(ref.length);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < ref.length; i++) {
    const err = Math.abs(got[i] - ref[i]) / (1 + Math.abs(ref[i]));
    if (!(err <= worst)) {
      worst = err;
      at = i;
    }
  }
  expect(worst, `${what}: worst relative error at ${at} (got ${got[at]}, ref ${ref[at]})`).toBeLessThanOrEqual(TOL);
}

/** Runs `fn` on the cpu and on the wasm backend with the same input arrays; returns both outputs. */
export async function onBoth(
  inputs: { values: Float32Array; shape: number[] }[],
  fn: (...ts: tf.Tensor[]) => tf.Tensor,
): Promise<{ cpu: Float32Array; wasm: Float32Array }> {
  const run = async (backend: string) => {
    await tf.setBackend(backend);
    const ts = inputs.map((i) => tf.tensor(i.values, i.shape));
    const out = tf.tidy(() => fn(...ts));
    const data = (await out.data()) as Float32Array;
    tf.dispose([...ts, out]);
    return data;
  };
  const cpu = await run('cpu');
  const wasm = await run('wasm');
  return { cpu, wasm };
}
