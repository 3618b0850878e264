/**
 * The 'webgpu' kernel `ConvkitFusedAdam` (src/kernels/fused-adam.ts) against
 * the formula of the shared contract computed in float64 in JS: several
 * parameter shapes including odd sizes, with and without weight decay, with
 * the work split into several dispatches, and typed errors for bad input.
 */
import './setup';
import '@convkit/backend-webgpu';
import { ConfigError, ShapeError, setBackend } from '@convkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setFusedAdamChunkElements } from '../src/kernels/fused-adam';
import { randomFloats } from './helpers';

const KERNEL = 'ConvkitFusedAdam';

interface Case {
  shapes: number[][];
  attrs: { lr: number; beta1: number; beta2: number; epsilon: number; step: number; weightDecay: number };
}

interface Param {
  p: Float32Array;
  g: Float32Array;
  m: Float32Array;
  v: Float32Array;
}

function params(shapes: number[][], seed: number): Param[] {
  return shapes.map((shape, i) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const s = seed + 10 * i;
    return {
      p: randomFloats(s, size),
      g: randomFloats(s + 1, size).map((x) => x * 0.3),
      m: randomFloats(s + 2, size).map((x) => x * 0.1),
      v: randomFloats(s + 3, size).map((x) => x * x * 0.01),
    };
  });
}

/** The contract's formula, per element, in float64. */
function reference(ps: Param[], a: Case['attrs']): Float64Array[][] {
  const c1 = 1 - a.beta1 ** a.step;
  const c2 = 1 - a.beta2 ** a.step;
  return ps.map(({ p, g, m, v }) => {
    const out = [new Float64Array(p.length), new Float64Array(p.length), new Float64Array(p.length)];
    for (let i = 0; i < p.length; i++) {
      const p1 = p[i] * (1 - a.lr * a.weightDecay);
      const m1 = a.beta1 * m[i] + (1 - a.beta1) * g[i];
      const v1 = a.beta2 * v[i] + (1 - a.beta2) * g[i] * g[i];
      out[0][i] = p1 - (a.lr * (m1 / c1)) / (Math.sqrt(v1 / c2) + a.epsilon);
      out[1][i] = m1;
      out[2][i] = v1;
    }
    return out;
  });
}

function inputsOf(ps: Param[], shapes: number[][]): Record<string, tf.Tensor> {
  const inputs: Record<string, tf.Tensor> = {};
  ps.forEach((q, i) => {
    inputs[`p${i}`] = tf.tensor(q.p, shapes[i]);
    inputs[`g${i}`] = tf.tensor(q.g, shapes[i]);
    inputs[`m${i}`] = tf.tensor(q.m, shapes[i]);
    inputs[`v${i}`] = tf.tensor(q.v, shapes[i]);
  });
  return inputs;
}

/** Runs the kernel on 'webgpu' and returns the outputs' values and the number of dispatches it made. */
async function runFused(
  c: Case,
  seed = 1,
): Promise<{ got: Float32Array[]; ref: Float64Array[][]; ps: Param[]; dispatches: number }> {
  const ps = params(c.shapes, seed);
  const before = tf.memory().numTensors;
  const inputs = inputsOf(ps, c.shapes);
  const n = c.shapes.length;
  let outs: tf.Tensor[] = [];
  const profile = await tf.profile(() => {
    outs = tf.engine().runKernel(KERNEL, inputs, { n, ...c.attrs }) as tf.Tensor[];
    return outs;
  });
  const record = profile.kernels.find((k) => k.name === KERNEL);
  const dispatches = String(record?.extraInfo ?? '')
    .split(', ')
    .filter((s) => s.startsWith(`${KERNEL}:`)).length;
  expect(outs.length).toBe(3 * n);
  outs.forEach((o, i) => {
    expect(o.shape).toEqual(c.shapes[i % n]);
  });
  const got = await Promise.all(outs.map(async (o) => (await o.data()) as Float32Array));
  tf.dispose([...outs, ...Object.values(inputs)]);
  expect(tf.memory().numTensors, 'tensors left behind').toBe(before);
  return { got, ref: reference(ps, c.attrs), ps, dispatches };
}

/**
 * |got − ref| ≤ 1e-6·scale, elementwise: relative to the magnitude of the
 * terms that make the value (`scale[i]`), so that a value that cancels to ~0
 * is not held to an absolute 1e-12.
 */
function expectRelClose(got: Float32Array, ref: Float64Array, scale: ArrayLike<number>, what: string): void {
  expect(got.length).toBe(ref.length);
  let worst = 0;
  let at = 0;
  for (let i = 0; i < ref.length; i++) {
    const err = Math.abs(got[i] - ref[i]) / Math.max(Math.abs(ref[i]), scale[i], 1e-30);
    if (!(err <= worst)) {
      worst = err;
      at = i;
    }
  }
  expect(worst, `${what}: worst relative error at ${at} (got ${got[at]}, ref ${ref[at]})`).toBeLessThanOrEqual(1e-6);
}

function expectMatches(got: Float32Array[], ref: Float64Array[][], ps: Param[], beta1: number, what: string): void {
  const n = ref.length;
  ref.forEach((r, i) => {
    const { p, g, m } = ps[i];
    expectRelClose(got[i], r[0], p.map(Math.abs), `${what} p'${i}`);
    expectRelClose(
      got[n + i],
      r[1],
      m.map((x, j) => beta1 * Math.abs(x) + (1 - beta1) * Math.abs(g[j])),
      `${what} m'${i}`,
    );
    expectRelClose(got[2 * n + i], r[2], r[2], `${what} v'${i}`);
  });
}

const ADAM = { lr: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, step: 3, weightDecay: 0 };
const SHAPES = [[3, 3, 1, 5], [5], [13, 11], [1], [2, 3, 4, 5], [7, 3]];

beforeAll(async () => {
  await setBackend('webgpu');
});

afterEach(() => {
  setFusedAdamChunkElements(undefined);
});

describe('ConvkitFusedAdam on webgpu', () => {
  it('matches the formula for several shapes (odd sizes) in one dispatch', async () => {
    const { got, ref, ps, dispatches } = await runFused({ shapes: SHAPES, attrs: ADAM });
    expectMatches(got, ref, ps, ADAM.beta1, 'adam');
    expect(dispatches).toBe(1);
  });

  it('matches with weight decay (AdamW), step 1 and other betas', async () => {
    const attrs = { lr: 0.003, beta1: 0.8, beta2: 0.99, epsilon: 1e-5, step: 1, weightDecay: 0.1 };
    const { got, ref, ps } = await runFused({ shapes: [[4, 9], [3]], attrs }, 5);
    expectMatches(got, ref, ps, attrs.beta1, 'adamw');
  });

  it('splits into several dispatches when the packed values exceed the per-dispatch limit', async () => {
    setFusedAdamChunkElements(50); // 13·11 = 143 elements spread over chunks, one chunk shared by two parameters
    const shapes = [[13, 11], [7], [5, 9]];
    const { got, ref, ps, dispatches } = await runFused({ shapes, attrs: ADAM }, 9);
    expectMatches(got, ref, ps, ADAM.beta1, 'split');
    expect(dispatches).toBe(Math.ceil((143 + 7 + 45) / 50));
  });

  it('handles n = 0 and zero-size parameters', async () => {
    expect(tf.engine().runKernel(KERNEL, {}, { n: 0, ...ADAM })).toEqual([]);
    const { got, ref, ps } = await runFused({ shapes: [[0, 3], [4]], attrs: ADAM });
    expect(got.map((g) => g.length)).toEqual([0, 4, 0, 4, 0, 4]);
    expectMatches(got, ref, ps, ADAM.beta1, 'empty');
  });

  it('throws typed errors for missing inputs, mismatched shapes and bad attrs', () => {
    const a = tf.ones([2, 2]);
    const b = tf.ones([3]);
    const i32 = tf.ones([2, 2], 'int32');
    const before = tf.memory().numTensors;
    expect(() => tf.engine().runKernel(KERNEL, { p0: a, g0: a, m0: a }, { n: 1, ...ADAM })).toThrow(
      /ConvkitFusedAdam: input 'v0' is missing/,
    );
    expect(() => tf.engine().runKernel(KERNEL, { p0: a, g0: b, m0: a, v0: a }, { n: 1, ...ADAM })).toThrow(ShapeError);
    expect(() => tf.engine().runKernel(KERNEL, { p0: a, g0: i32, m0: a, v0: a }, { n: 1, ...ADAM })).toThrow(
      /'g0' must be float32/,
    );
    expect(() => tf.engine().runKernel(KERNEL, { p0: a, g0: a, m0: a, v0: a }, { n: 1, ...ADAM, step: 0 })).toThrow(
      ConfigError,
    );
    expect(() =>
      tf.engine().runKernel(KERNEL, { p0: a, g0: a, m0: a, v0: a }, { n: 1, ...ADAM, lr: Number.NaN }),
    ).toThrow(/attr 'lr' must be a finite number/);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([a, b, i32]);
  });
});
