/**
 * convkit's one-dispatch 'webgpu' `MaxPoolGrad` (src/kernels/max-pool-grad.ts)
 * against the cpu backend: the gradient of `maxPool` through `tf.grads` for
 * non-overlapping, overlapping and padded windows, odd sizes, and inputs full
 * of ties (the first maximum in row-major order gets the gradient, as on cpu).
 * Each case also checks that convkit's kernel ran in a single dispatch.
 */
import './setup';
import '@convkit/backend-webgpu';
import { configureWebGPU } from '@convkit/backend-webgpu';
import { setBackend } from '@convkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectParity, type Input, input, valueAndGrads } from './helpers';

interface Case {
  x: number[];
  size: [number, number];
  strides: [number, number];
  pad: 'same' | 'valid';
  ties?: boolean;
}

const CASES: Case[] = [
  { x: [2, 6, 6, 3], size: [2, 2], strides: [2, 2], pad: 'valid' },
  { x: [1, 7, 5, 2], size: [3, 3], strides: [2, 2], pad: 'same' },
  { x: [2, 5, 6, 3], size: [3, 2], strides: [1, 1], pad: 'same' },
  { x: [2, 6, 6, 3], size: [2, 2], strides: [2, 2], pad: 'valid', ties: true },
  { x: [1, 6, 5, 2], size: [3, 3], strides: [1, 2], pad: 'valid', ties: true },
];

const name = (c: Case) =>
  `x ${c.x.join('×')}, pool ${c.size.join('×')}, strides ${c.strides}, ${c.pad}${c.ties ? ', ties' : ''}`;

/** Seeded input; with `ties`, values from {−1, −0.5, 0, 0.5, 1}, so most windows hold equal maxima. */
function xOf(c: Case): Input {
  const x = input(31, c.x);
  if (c.ties) x.values = x.values.map((v) => Math.round(v * 2) / 2);
  return x;
}

beforeAll(async () => {
  // 'auto' keeps tfjs's kernel on a software adapter such as SwiftShader: ask for convkit's
  configureWebGPU({ gradientKernels: 'convkit' });
  await setBackend('webgpu');
});

describe('MaxPoolGrad on webgpu (convkit kernel)', () => {
  it('gradientKernels accepts auto, convkit or tfjs only', () => {
    expect(() => configureWebGPU({ gradientKernels: 'gpu' as 'auto' })).toThrow(
      /gradientKernels must be 'auto', 'convkit' or 'tfjs', received "gpu"/,
    );
  });

  it.each(CASES)('gives maxPool the same gradient as cpu: %#', async (c) => {
    const pool = (x: tf.Tensor) => tf.maxPool(x as tf.Tensor4D, c.size, c.strides, c.pad);
    await expectParity(name(c), [xOf(c)], valueAndGrads(pool), ['y', 'dx']);

    await setBackend('webgpu');
    const x = tf.tensor(xOf(c).values, c.x);
    let dx: tf.Tensor | undefined;
    const profile = await tf.profile(() => {
      dx = tf.grad((t: tf.Tensor) => tf.sum(pool(t)))(x);
      return dx;
    });
    const grad = profile.kernels.find((k) => k.name === 'MaxPoolGrad');
    expect(String(grad?.extraInfo).split(', ')).toEqual([expect.stringMatching(/^ConvkitMaxPoolGrad: /)]);
    tf.dispose([x, dx as tf.Tensor]);
  });
});
