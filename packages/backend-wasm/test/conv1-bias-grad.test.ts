/**
 * The bias gradient that the one-input-channel filter gradient
 * (csrc/conv1ch.c) computes in the same pass, and that `Sum` then only
 * copies out: gradients of filter and bias of `ops.fused.conv2d` (the
 * trainable fused conv of the layers; relu or linear) against tfjs's cpu backend on random shapes (odd and even tap
 * counts, strides, same/valid, channel counts off the 16/4-lane blocks);
 * the same values as the unfused path (a threaded Sum) within the suite's
 * tolerance, one kernel run fewer; other reductions of that dy still
 * reduce. 1 and 2 threads; no leaked tensors.
 */
import { convFilterGradTuning, readKernelStats, setKernelStatsEnabled, setThreadsCount } from '@convkit/backend-wasm';
import { ops, setBackend } from '@convkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { expectClose, rng } from './helpers';

interface Case {
  shape: [number, number, number, number];
  f: [number, number, number, number];
  stride: number;
  pad: 'same' | 'valid';
  act: 'relu' | 'linear';
}

/** Gradients of sum(fusedConv(x) * g) with respect to filter and bias, and the kernel runs it took. */
async function grads(
  backend: string,
  c: Case,
  v: { x: Float32Array; w: Float32Array; b: Float32Array; g: Float32Array },
) {
  await setBackend(backend);
  const before = tf.memory().numTensors;
  const x = tf.tensor4d(v.x, c.shape);
  const w = tf.tensor4d(v.w, c.f);
  const b = tf.tensor1d(v.b);
  setKernelStatsEnabled(true);
  const [gw, gb] = tf.grads((wt: tf.Tensor, bt: tf.Tensor) => {
    const y = ops.fused.conv2d({
      x,
      filter: wt as tf.Tensor4D,
      bias: bt,
      strides: c.stride,
      pad: c.pad,
      activation: c.act,
    });
    return tf.sum(tf.mul(y, tf.tensor(v.g.subarray(0, y.size), y.shape)));
  })([w, b]);
  const runs = readKernelStats().runs;
  setKernelStatsEnabled(false);
  const out = { w: (await gw.data()) as Float32Array, b: (await gb.data()) as Float32Array, runs };
  tf.dispose([x, w, b, gw, gb]);
  expect(tf.memory().numTensors, `${backend}: leaked`).toBe(before);
  return out;
}

describe('bias gradient in the one-input-channel filter gradient', () => {
  const saved = { ...convFilterGradTuning };
  afterAll(async () => {
    Object.assign(convFilterGradTuning, saved);
    await setBackend('wasm');
    await setThreadsCount(2);
  });

  it.each([1, 2])('filter and bias gradients match cpu; Sum runs no kernel (%i threads)', async (threads) => {
    await setBackend('wasm');
    await setThreadsCount(threads);
    const r = rng(29 + threads);
    let checked = 0;
    for (let i = 0; i < 14; i++) {
      const kh = r.pick([1, 2, 3, 5]);
      const kw = r.pick([1, 2, 3]);
      const co = r.pick([1, 5, 16, 19, 32, 36]);
      const c: Case = {
        shape: [r.int(2, 5), r.int(6, 20), r.int(6, 20), 1],
        f: [kh, kw, 1, co],
        stride: r.int(1, 2),
        pad: r.pick(['same', 'valid'] as const),
        act: r.pick(['relu', 'linear'] as const),
      };
      const v = {
        x: r.floats(c.shape.reduce((a, b) => a * b, 1)),
        w: r.floats(kh * kw * co),
        b: r.floats(co),
        g: r.floats(c.shape[0] * c.shape[1] * c.shape[2] * co),
      };
      const what = `x [${c.shape}] f [${c.f}] stride ${c.stride} ${c.pad} ${c.act}`;
      const cpu = await grads('cpu', c, v);
      convFilterGradTuning.fuseBiasGrad = false;
      const plain = await grads('wasm', c, v);
      convFilterGradTuning.fuseBiasGrad = true;
      const fused = await grads('wasm', c, v);
      expectClose(fused.w, cpu.w, `${what}: filter gradient`);
      expectClose(fused.b, cpu.b, `${what}: bias gradient`);
      expectClose(fused.b, plain.b, `${what}: bias gradient vs the threaded Sum`);
      // Sum's own kernel runs only for a dy of 4096 floats or more (below, tfjs-backend-wasm sums it).
      const dySize = cpu.b.length * Math.ceil(c.shape[1] / c.stride) * Math.ceil(c.shape[2] / c.stride) * c.shape[0];
      if (c.pad === 'same' && dySize >= 4096) {
        checked++;
        expect(fused.runs, `${what}: Sum ran no kernel`).toBe(plain.runs - 1);
      }
    }
    expect(checked, 'cases that check the kernel runs').toBeGreaterThan(0);
  });

  it('other reductions of the same dy still reduce', async () => {
    await setBackend('wasm');
    const r = rng(3);
    const x = tf.tensor4d(r.floats(4 * 16 * 16), [4, 16, 16, 1]);
    const dy = tf.tensor4d(r.floats(4 * 14 * 14 * 24), [4, 14, 14, 24]);
    const before = tf.memory().numTensors;
    const dw = tf.engine().runKernel(
      'Conv2DBackpropFilter',
      { x, dy },
      {
        strides: 1,
        pad: 'valid',
        dataFormat: 'NHWC',
        filterShape: [3, 3, 1, 24],
      },
    ) as tf.Tensor;
    const sums = [tf.sum(dy, [0, 1, 2]), tf.sum(dy, [0, 1]), tf.sum(dy, [0]), tf.sum(dy, [0, 1, 2], true)];
    const dyv = (await dy.data()) as Float32Array;
    const want = new Float32Array(24);
    for (let i = 0; i < dyv.length; i++) want[i % 24] += dyv[i];
    expectClose((await sums[0].data()) as Float32Array, want, 'sum over [0, 1, 2]');
    expectClose((await sums[3].data()) as Float32Array, want, 'sum over [0, 1, 2], keepDims');
    expect(sums[3].shape).toEqual([1, 1, 1, 24]);
    expect(sums[1].shape).toEqual([14, 24]);
    expect(sums[2].shape).toEqual([14, 14, 24]);
    const s01 = (await sums[1].data()) as Float32Array;
    const want01 = new Float32Array(14 * 24);
    for (let i = 0; i < dyv.length; i++) want01[i % (14 * 24)] += dyv[i];
    expectClose(s01, want01, 'sum over [0, 1]');
    tf.dispose([dw, ...sums]);
    expect(tf.memory().numTensors, 'leaked').toBe(before);
    tf.dispose([x, dy]);
  });
});
