/** Shared helpers of the webgpu tests: seeded inputs and cpu-vs-webgpu comparison. */
import { setBackend } from '@convkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';

/** Small deterministic PRNG (mulberry32): floats in [-1, 1). */
export function randomFloats(seed: number, n: number): Float32Array {
  let a = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  }
  return out;
}

/** Values plus shape, to build the same tensor on each backend. */
export interface Input {
  values: Float32Array | Int32Array;
  shape: number[];
  dtype?: 'float32' | 'int32';
}

/** A seeded float input of the given shape. */
export function input(seed: number, shape: number[], scale = 1): Input {
  return {
    values: randomFloats(
      seed,
      shape.reduce((a, b) => a * b, 1),
    ).map((v) => v * scale),
    shape,
  };
}

/** Tolerance used across these tests: |got - ref| <= TOL * (1 + |ref|). */
export const TOL = 1e-4;

/** Asserts elementwise closeness; `what` names the case on failure. */
export function expectClose(got: ArrayLike<number>, ref: ArrayLike<number>, what: string, tol = TOL): void {
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
  expect(worst, `${what}: worst relative error at ${at} (got ${got[at]}, ref ${ref[at]})`).toBeLessThanOrEqual(tol);
}

/**
 * Runs `fn` on `backend` with fresh tensors made from `inputs`, reads every
 * output with one async read each, and checks that no tensor leaked.
 */
export async function runOn(
  backend: 'cpu' | 'webgpu',
  inputs: Input[],
  fn: (...ts: tf.Tensor[]) => tf.Tensor[],
): Promise<Float32Array[]> {
  await setBackend(backend);
  const before = tf.memory().numTensors;
  const ts = inputs.map((i) => tf.tensor(i.values, i.shape, i.dtype ?? 'float32'));
  const outs = tf.tidy(() => fn(...ts));
  const values = await Promise.all(outs.map(async (o) => Float32Array.from(await o.data())));
  tf.dispose([...outs, ...ts]);
  expect(tf.memory().numTensors, `${backend}: live tensors`).toBe(before);
  return values;
}

/**
 * Runs `fn` on the cpu and on the webgpu backend and compares every output.
 * `fn` returns [value, ...gradients]; `names` labels them in failures.
 */
export async function expectParity(
  what: string,
  inputs: Input[],
  fn: (...ts: tf.Tensor[]) => tf.Tensor[],
  names: string[],
): Promise<void> {
  const ref = await runOn('cpu', inputs, fn);
  const got = await runOn('webgpu', inputs, fn);
  expect(got.length).toBe(ref.length);
  for (let i = 0; i < ref.length; i++) {
    // a test whose outputs are all zero could not tell kernels apart
    expect(
      ref[i].some((v) => v !== 0),
      `${what} ${names[i]}: reference is all zeros`,
    ).toBe(true);
    expectClose(got[i], ref[i], `${what} ${names[i]}`);
  }
}

/**
 * `[value, ...d(sum(value * weights))/d(inputs)]` of `f`: a loss with seeded
 * weights on the output, so gradients differ per element.
 */
export function valueAndGrads(f: (...ts: tf.Tensor[]) => tf.Tensor, seed = 99): (...ts: tf.Tensor[]) => tf.Tensor[] {
  return (...ts) => {
    const y = f(...ts);
    const r = tf.tensor(randomFloats(seed, y.size), y.shape);
    const g = tf.grads((...xs: tf.Tensor[]) => tf.sum(tf.mul(f(...xs), r)))(ts);
    return [y, ...g];
  };
}
