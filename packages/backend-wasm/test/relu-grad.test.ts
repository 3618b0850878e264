/**
 * The ReLU gradient `Multiply(dy, Step(y))` computed by convkit's ck_mul_step
 * (Multiply.ts + Step.ts) when dy and y are in the copy cache: bit for bit what
 * the float32 product dy * step(y) gives (step: NaN for NaN, 1 above 0, alpha
 * otherwise; checked with Object.is, so NaN and -0 count), for alpha 0 and 0.2,
 * either operand order, 1 and 2 threads; tfjs-backend-wasm's path when dy is
 * not in convkit memory; no leaked tensors.
 */
import { readKernelStats, setKernelStatsEnabled, setThreadsCount } from '@convkit/backend-wasm';
import { setBackend } from '@convkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { rng } from './helpers';

const SHAPE: [number, number, number, number] = [4, 16, 16, 8];

/** A conv output (left in the copy cache by convkit's Conv2D) with NaN, ±Infinity and zeros in it. */
function convOutput(seed: number): tf.Tensor4D {
  const r = rng(seed);
  const xv = r.floats(4 * 16 * 16 * 3);
  xv[5] = Number.NaN;
  xv[700] = Number.POSITIVE_INFINITY;
  xv[1400] = Number.NEGATIVE_INFINITY;
  for (let i = 2000; i < 2300; i++) xv[i] = 0;
  const x = tf.tensor4d(xv, [4, 16, 16, 3]);
  const w = tf.tensor4d(r.floats(3 * 3 * 3 * 8), [3, 3, 3, 8]);
  const y = tf.conv2d(x, w, 1, 'same');
  tf.dispose([x, w]);
  return y;
}

function expected(dy: Float32Array, y: Float32Array, alpha: number): number[] {
  const a = Math.fround(alpha);
  return Array.from(dy, (d, i) => Math.fround(d * (Number.isNaN(y[i]) ? Number.NaN : y[i] > 0 ? 1 : a)));
}

function sameBits(got: Float32Array, want: number[], what: string) {
  expect(got.length, what).toBe(want.length);
  for (let i = 0; i < want.length; i++)
    if (!Object.is(got[i], want[i])) expect(got[i], `${what} at ${i}`).toBe(want[i]);
}

describe('ReLU gradient on convkit threads', () => {
  afterAll(async () => {
    await setBackend('wasm');
    await setThreadsCount(2);
  });

  it.each([1, 2])('dy * step(y) from the copy cache is exact (%i threads)', async (threads) => {
    await setBackend('wasm');
    await setThreadsCount(threads);
    const before = tf.memory().numTensors;
    const y = convOutput(1);
    const dy = convOutput(2);
    const yv = (await y.data()) as Float32Array;
    const dyv = (await dy.data()) as Float32Array;
    for (const alpha of [0, 0.2]) {
      for (const order of ['dy*s', 's*dy']) {
        const s = tf.step(y, alpha);
        setKernelStatsEnabled(true);
        const g = order === 'dy*s' ? tf.mul(dy, s) : tf.mul(s, dy);
        const runs = readKernelStats().runs;
        setKernelStatsEnabled(false);
        expect(runs, `alpha ${alpha} ${order}: ran on convkit`).toBe(1);
        sameBits((await g.data()) as Float32Array, expected(dyv, yv, alpha), `alpha ${alpha} ${order}`);
        tf.dispose([s, g]);
      }
    }
    tf.dispose([y, dy]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('leaves dy not in convkit memory to tfjs-backend-wasm, with the same result', async () => {
    await setBackend('wasm');
    const y = convOutput(3);
    const dyv = rng(4).floats(SHAPE.reduce((p, q) => p * q, 1));
    const dy = tf.tensor4d(dyv, SHAPE);
    const s = tf.step(y, 0);
    setKernelStatsEnabled(true);
    const g = tf.mul(dy, s);
    const runs = readKernelStats().runs;
    setKernelStatsEnabled(false);
    expect(runs).toBe(0);
    sameBits((await g.data()) as Float32Array, expected(dyv, (await y.data()) as Float32Array, 0), 'fallback');
    tf.dispose([y, dy, s, g]);
  });
});
