/**
 * @convkit/core's ReLU gradient kernel (`ops.reluGrad`, ReluGrad.ts) on wasm:
 * bit for bit `dy * step(y)` (NaN and ±Infinity included) whether `dy` is the
 * product MaxPoolGrad left in the copy cache, `dy` and `y` are both in
 * convkit's memory (ck_mul_step) or neither (tfjs-backend-wasm's ops); the
 * trainable fused conv's backward runs it instead of Step + Multiply, and its
 * gradients still match cpu. 1 and 2 threads; no leaked tensors.
 */
import { readKernelStats, setKernelStatsEnabled, setThreadsCount } from '@convkit/backend-wasm';
import { ops, setBackend } from '@convkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { expectClose, rng } from './helpers';

function sameBits(got: ArrayLike<number>, want: ArrayLike<number>, what: string) {
  expect(got.length, `${what}: length`).toBe(want.length);
  for (let i = 0; i < want.length; i++)
    if (!Object.is(got[i], want[i])) expect(got[i], `${what} at ${i}`).toBe(want[i]);
}

const expected = (dy: Float32Array, y: Float32Array) =>
  Array.from(dy, (d, i) => Math.fround(d * (Number.isNaN(y[i]) ? Number.NaN : y[i] > 0 ? 1 : 0)));

/** A conv output (in the copy cache) with NaN, ±Infinity and zeros spread into it. */
function convOut(r: ReturnType<typeof rng>, shape: [number, number, number, number], co: number): tf.Tensor4D {
  const xv = r.floats(shape[0] * shape[1] * shape[2] * shape[3]);
  xv[3] = Number.NaN;
  xv[400] = Number.POSITIVE_INFINITY;
  xv[900] = Number.NEGATIVE_INFINITY;
  const x = tf.tensor4d(xv, shape);
  const w = tf.tensor4d(r.floats(9 * shape[3] * co), [3, 3, shape[3], co]);
  const y = tf.conv2d(x, w, 1, 'same');
  tf.dispose([x, w]);
  return y;
}

describe('ReLU gradient kernel on wasm', () => {
  afterAll(async () => {
    await setBackend('wasm');
    await setThreadsCount(2);
  });

  it.each([1, 2])('is dy * step(y) to the bit on every path (%i threads)', async (threads) => {
    await setBackend('wasm');
    await setThreadsCount(threads);
    const r = rng(61 + threads);
    const before = tf.memory().numTensors;
    const y = convOut(r, [4, 16, 16, 3], 8);
    const yv = (await y.data()) as Float32Array;
    // 1. dy from MaxPoolGrad (the product is waiting in the copy cache).
    const g = tf.tensor4d(r.floats(4 * 8 * 8 * 8), [4, 8, 8, 8]);
    const dx = tf.engine().runKernel(
      'MaxPoolGrad',
      { dy: g, input: y, output: g },
      {
        filterSize: 2,
        strides: 2,
        pad: 'valid',
      },
    ) as tf.Tensor;
    // 2. dy and y both convkit results; 3. neither in convkit memory.
    const dyConv = convOut(r, [4, 16, 16, 3], 8);
    const dyFresh = tf.tensor4d(r.floats(4 * 16 * 16 * 8), [4, 16, 16, 8]);
    const yFresh = tf.tensor4d(yv, [4, 16, 16, 8]);
    for (const [what, dy, yy, runs] of [
      ['from MaxPoolGrad', dx, y, 0],
      ['both in the copy cache', dyConv, y, 1],
      ['neither in convkit memory', dyFresh, yFresh, 0],
    ] as const) {
      const prof = await tf.profile(() => ops.reluGrad(dy, yy));
      expect(
        prof.kernels.map((k) => k.name),
        what,
      ).toEqual([ops.RELU_GRAD_KERNEL]);
      setKernelStatsEnabled(true);
      const out = ops.reluGrad(dy, yy);
      expect(readKernelStats().runs, `${what}: convkit kernel runs`).toBe(runs);
      setKernelStatsEnabled(false);
      sameBits((await out.data()) as Float32Array, expected((await dy.data()) as Float32Array, yv), what);
      tf.dispose([out, prof.result as tf.Tensor]);
    }
    tf.dispose([y, g, dx, dyConv, dyFresh, yFresh]);
    expect(tf.memory().numTensors, 'leaked').toBe(before);
  });

  it.each([1, 2])('the fused conv backward runs it (no Step) and matches cpu (%i threads)', async (threads) => {
    const r = rng(7 + threads);
    const xv = r.floats(8 * 16 * 16);
    const wv = r.floats(9 * 16);
    const bv = r.floats(16);
    const run = async (backend: string) => {
      await setBackend(backend);
      if (backend === 'wasm') await setThreadsCount(threads);
      const before = tf.memory().numTensors;
      const [x, w, b] = [tf.tensor4d(xv, [8, 16, 16, 1]), tf.tensor4d(wv, [3, 3, 1, 16]), tf.tensor1d(bv)];
      const f = () =>
        tf.grads((wt: tf.Tensor, bt: tf.Tensor) => {
          const h = ops.fused.conv2d({
            x,
            filter: wt as tf.Tensor4D,
            bias: bt,
            strides: 1,
            pad: 'valid',
            activation: 'relu',
          });
          return tf.sum(tf.square(tf.maxPool(h, 2, 2, 'valid')));
        })([w, b]);
      const prof = await tf.profile(f);
      const names = prof.kernels.map((k) => k.name);
      tf.dispose(prof.result as tf.Tensor[]);
      const gs = f();
      const out = await Promise.all(gs.map((t) => t.data() as Promise<Float32Array>));
      tf.dispose([x, w, b, ...gs]);
      expect(tf.memory().numTensors, `${backend}: leaked`).toBe(before);
      return { out, names };
    };
    const cpu = await run('cpu');
    const wasm = await run('wasm');
    expect(cpu.names).toContain('Step');
    expect(wasm.names).toContain(ops.RELU_GRAD_KERNEL);
    expect(wasm.names).not.toContain('Step');
    expectClose(wasm.out[0], cpu.out[0], 'filter gradient');
    expectClose(wasm.out[1], cpu.out[1], 'bias gradient');
  });

  it('has a gradient (second derivatives through the fused conv)', async () => {
    await setBackend('wasm');
    const r = rng(99);
    const before = tf.memory().numTensors;
    const y = convOut(r, [2, 16, 16, 3], 16);
    const dy = tf.tensor4d(r.floats(2 * 16 * 16 * 16), [2, 16, 16, 16]);
    const [gdy, gy] = tf.grads((d: tf.Tensor, yy: tf.Tensor) => tf.sum(tf.square(ops.reluGrad(d, yy))))([dy, y]);
    const yv = (await y.data()) as Float32Array;
    const dv = (await dy.data()) as Float32Array;
    const prod = expected(dv, yv);
    sameBits(
      (await gdy.data()) as Float32Array,
      expected(
        Float32Array.from(prod, (p) => 2 * p),
        yv,
      ),
      'd/d dy',
    );
    expect(Array.from((await gy.data()) as Float32Array).every((v) => v === 0)).toBe(true);
    tf.dispose([y, dy, gdy, gy]);
    expect(tf.memory().numTensors, 'leaked').toBe(before);
  });
});
