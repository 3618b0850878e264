/**
 * The trainable fused conv (`ops.fused.conv2d` under gradients: one
 * FusedConv2D kernel with conv, bias and relu in convkit's GEMM epilogue, and
 * the backprop kernels for the gradient) on 'wasm' against the unfused ops on
 * 'cpu': values and gradients for x, filter and bias, on 1 and 2 threads,
 * suite tolerance (1e-4 relative, see helpers.ts). No leaked tensors.
 */
import { setThreadsCount } from '@convkit/backend-wasm';
import { ops, setBackend } from '@convkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { expectClose, rng } from './helpers';

type Case = {
  x: [number, number, number, number];
  f: [number, number, number, number];
  strides: number;
  pad: 'same' | 'valid';
  relu: boolean;
};

const CASES: Case[] = [
  { x: [4, 14, 14, 1], f: [3, 3, 1, 8], strides: 1, pad: 'valid', relu: true },
  { x: [3, 9, 9, 6], f: [3, 3, 6, 10], strides: 2, pad: 'same', relu: true },
  { x: [2, 8, 7, 5], f: [2, 2, 5, 7], strides: 1, pad: 'same', relu: false },
];

async function gradsOn(backend: string, c: Case, fused: boolean) {
  await setBackend(backend);
  const r = rng(c.x[3] * 13 + c.f[3]);
  const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
  const x = tf.tensor4d(r.floats(size(c.x)), c.x);
  const f = tf.tensor4d(r.floats(size(c.f)), c.f);
  const b = tf.tensor1d(r.floats(c.f[3]));
  const conv = (xx: tf.Tensor, ff: tf.Tensor, bb: tf.Tensor) => {
    const activation = c.relu ? 'relu' : 'linear';
    if (fused) {
      return ops.fused.conv2d({
        x: xx as tf.Tensor4D,
        filter: ff as tf.Tensor4D,
        strides: c.strides,
        pad: c.pad,
        bias: bb,
        activation,
      });
    }
    const y = tf.add(tf.conv2d(xx as tf.Tensor4D, ff as tf.Tensor4D, c.strides, c.pad), bb);
    return c.relu ? tf.relu(y) : y;
  };
  const w = tf.tidy(() => tf.tensor(r.floats(size(conv(x, f, b).shape)), conv(x, f, b).shape));
  const before = tf.memory().numTensors;
  const { value, grads } = tf.tidy(() => {
    const g = tf.valueAndGrads((xx: tf.Tensor, ff: tf.Tensor, bb: tf.Tensor) => tf.sum(tf.mul(conv(xx, ff, bb), w)));
    return g([x, f, b]);
  });
  const out = await Promise.all([value, ...grads].map(async (t) => (await t.data()) as Float32Array));
  tf.dispose([value, ...grads]);
  expect(tf.memory().numTensors, 'no leak').toBe(before);
  tf.dispose([x, f, b, w]);
  return out;
}

afterAll(async () => {
  await setBackend('wasm');
  await setThreadsCount(2);
});

describe('trainable fused conv on wasm matches the unfused ops on cpu', () => {
  for (const c of CASES) {
    it(`x ${c.x}, filter ${c.f}, stride ${c.strides}, ${c.pad}, ${c.relu ? 'relu' : 'linear'}`, async () => {
      const ref = await gradsOn('cpu', c, false);
      for (const threads of [1, 2]) {
        await setBackend('wasm');
        await setThreadsCount(threads);
        const got = await gradsOn('wasm', c, true);
        ['loss', 'dx', 'dfilter', 'dbias'].forEach((what, i) =>
          expectClose(got[i], ref[i], `${what}, ${threads} thread(s)`),
        );
      }
    });
  }
});
