/**
 * Gradients through tfjs ops and a few training steps of a tiny CNN on
 * 'wasm' match the same computation on 'cpu' (tolerance 1e-4 relative for
 * gradients, 1e-3 for weights after 3 SGD steps), with no leaked tensors.
 */

import { convkitKernelNames } from '@convkit/backend-wasm';
import { setBackend } from '@convkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectClose, rng } from './helpers';

type Params = Record<string, { values: Float32Array; shape: number[] }>;

function initParams(seed: number): Params {
  const r = rng(seed);
  const p = (shape: number[], scale: number) => ({
    values: r.floats(shape.reduce((a, b) => a * b, 1)).map((v) => v * scale),
    shape,
  });
  return {
    c1: p([3, 3, 1, 4], 0.5),
    b1: p([4], 0.1),
    dw: p([3, 3, 4, 2], 0.5),
    c2: p([3, 3, 8, 6], 0.3),
    b2: p([6], 0.1),
    d: p([3 * 3 * 6, 5], 0.2),
  };
}

function model(v: Record<string, tf.Variable>, x: tf.Tensor4D): tf.Tensor2D {
  let h = tf.relu(tf.add(tf.conv2d(x, v.c1 as tf.Tensor4D, 1, 'same'), v.b1));
  h = tf.depthwiseConv2d(h as tf.Tensor4D, v.dw as tf.Tensor4D, 1, 'valid');
  h = tf.maxPool(h as tf.Tensor4D, 2, 2, 'valid');
  h = tf.relu(tf.add(tf.conv2d(h as tf.Tensor4D, v.c2 as tf.Tensor4D, [2, 1], 'same'), v.b2));
  h = tf.avgPool(h as tf.Tensor4D, [1, 2], [1, 2], 'same');
  return tf.matMul(tf.reshape(h, [x.shape[0], -1]), v.d as tf.Tensor2D);
}

async function train(backend: string, params: Params, steps: number) {
  await setBackend(backend);
  const r = rng(5);
  const x = tf.tensor4d(r.floats(3 * 12 * 12), [3, 12, 12, 1]);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d([1, 4, 2], 'int32'), 5));
  const vars: Record<string, tf.Variable> = {};
  for (const [k, p] of Object.entries(params))
    vars[k] = tf.tidy(() => tf.variable(tf.tensor(p.values, p.shape), true, `${backend}_${k}`));
  const losses: number[] = [];
  for (let s = 0; s < steps; s++) {
    const { value, grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(y, model(vars, x)) as tf.Scalar);
    losses.push((await value.data())[0]);
    tf.tidy(() => {
      for (const [k, g] of Object.entries(grads)) {
        const v = Object.values(vars).find((vv) => vv.name === k)!;
        v.assign(tf.sub(v, tf.mul(g, 0.1)));
      }
    });
    tf.dispose([value, ...Object.values(grads)]);
  }
  const out: Record<string, Float32Array> = {};
  for (const [k, v] of Object.entries(vars)) out[k] = (await v.data()) as Float32Array;
  tf.dispose([x, y, ...Object.values(vars)]);
  return { losses, out };
}

describe('training on wasm matches cpu', () => {
  it('registers the kernels training needs', async () => {
    await setBackend('wasm');
    const names = new Set(tf.getKernelsForBackend('wasm').map((k) => k.kernelName));
    for (const k of [
      ...convkitKernelNames(),
      'Conv2D',
      'DepthwiseConv2dNative',
      'MaxPoolGrad',
      'AvgPoolGrad',
      'BatchMatMul',
      'Step',
      'Multiply',
    ])
      expect(names.has(k), k).toBe(true);
  });

  it('3 SGD steps of a small CNN (conv, depthwise, pools, dense) give the same weights', async () => {
    const params = initParams(3);
    const cpu = await train('cpu', params, 3);
    await setBackend('wasm');
    const before = tf.memory().numTensors;
    const wasm = await train('wasm', params, 3);
    expect(tf.memory().numTensors).toBe(before);
    expect(wasm.losses[2]).toBeLessThan(wasm.losses[0]);
    for (let i = 0; i < 3; i++)
      expect(Math.abs(wasm.losses[i] - cpu.losses[i])).toBeLessThan(1e-4 * (1 + cpu.losses[i]));
    for (const k of Object.keys(params)) {
      const a = wasm.out[k];
      const b = cpu.out[k];
      let worst = 0;
      for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i])));
      expect(worst, k).toBeLessThan(1e-3);
    }
  });

  it('conv2d and depthwiseConv2d gradients (strided, same/valid) match cpu', async () => {
    const r = rng(9);
    for (const [stride, pad] of [
      [1, 'same'],
      [2, 'valid'],
      [2, 'same'],
    ] as const) {
      const x = r.floats(2 * 9 * 7 * 3);
      const w = r.floats(3 * 3 * 3 * 5);
      const dwf = r.floats(3 * 3 * 3 * 2);
      const res: Record<string, Float32Array[]> = {};
      for (const b of ['cpu', 'wasm']) {
        await setBackend(b);
        res[b] = tf.tidy(() => {
          const xt = tf.tensor4d(x, [2, 9, 7, 3]);
          const f = (a: tf.Tensor, k: tf.Tensor, d: tf.Tensor) =>
            tf.add(
              tf.sum(tf.square(tf.conv2d(a as tf.Tensor4D, k as tf.Tensor4D, stride, pad))),
              tf.sum(tf.square(tf.depthwiseConv2d(a as tf.Tensor4D, d as tf.Tensor4D, stride, pad))),
            );
          const gs = tf.grads(f)([xt, tf.tensor4d(w, [3, 3, 3, 5]), tf.tensor4d(dwf, [3, 3, 3, 2])]);
          return gs.map((g) => g.dataSync() as Float32Array);
        });
      }
      res.wasm.forEach((g, i) => expectClose(g, res.cpu[i], `grad ${i} stride ${stride} ${pad}`));
    }
  });
});
