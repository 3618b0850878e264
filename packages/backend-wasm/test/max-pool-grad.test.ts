/**
 * MaxPoolGrad's one-pass kernel for windows that do not overlap
 * (csrc/pool_grad_tiled.c) against tfjs's cpu backend: random shapes with
 * stride >= window (2x2/2 and others, odd sizes that leave cells uncovered,
 * same/valid padding), ties (values on a coarse grid) and -Infinity inputs;
 * exact match with the scatter kernel and the cpu (both route dy to the first
 * maximum). The ReLU gradient it computes in the same pass (`dx * Step(x)`,
 * which Multiply then only copies out): bit for bit what ck_mul_step gives,
 * NaN and ±Infinity included, and the gradients of relu(conv) -> maxPool match
 * cpu. 1 and 2 threads; no leaked tensors.
 */
import { maxPoolGradTuning, readKernelStats, setKernelStatsEnabled, setThreadsCount } from '@convkit/backend-wasm';
import { setBackend } from '@convkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { driverTuning } from '../src/kernels/conv-driver';
import { expectClose, rng } from './helpers';

type Pad = 'same' | 'valid';

function sameBits(got: ArrayLike<number>, want: ArrayLike<number>, what: string) {
  expect(got.length, `${what}: length`).toBe(want.length);
  for (let i = 0; i < want.length; i++)
    if (!Object.is(got[i], want[i])) expect(got[i], `${what} at ${i}`).toBe(want[i]);
}

/** Gradient of sum(maxPool(x) * g) with respect to x on `backend` (runs MaxPoolGrad with dy = g). */
async function poolGrad(
  backend: string,
  x: Float32Array,
  shape: number[],
  g: Float32Array,
  f: number[],
  s: number[],
  pad: Pad,
) {
  await setBackend(backend);
  const xt = tf.tensor4d(x, shape as [number, number, number, number]);
  const dx = tf.tidy(() =>
    tf.grad((t: tf.Tensor) => {
      const y = tf.maxPool(t as tf.Tensor4D, f as [number, number], s as [number, number], pad);
      return tf.sum(tf.mul(y, tf.tensor(g.subarray(0, y.size), y.shape)));
    })(xt),
  );
  const out = (await dx.data()) as Float32Array;
  tf.dispose([xt, dx]);
  return out;
}

describe('MaxPoolGrad, windows that do not overlap', () => {
  const saved = { ...maxPoolGradTuning };
  const savedDriver = { ...driverTuning };
  afterAll(async () => {
    Object.assign(maxPoolGradTuning, saved);
    Object.assign(driverTuning, savedDriver);
    await setBackend('wasm');
    await setThreadsCount(2);
  });

  it.each([1, 2])('random shapes match cpu and the scatter kernel exactly (%i threads)', async (threads) => {
    driverTuning.minMacsPerThread = 16;
    await setBackend('wasm');
    await setThreadsCount(threads);
    const r = rng(71 + threads);
    for (let i = 0; i < 30; i++) {
      const shape = [r.int(2, 5), r.int(2, 13), r.int(2, 13), r.int(1, 11)];
      const fh = r.int(1, Math.min(3, shape[1]));
      const fw = r.int(1, Math.min(3, shape[2]));
      const f = [fh, fw];
      const s = [fh + r.int(0, 1), fw + r.int(0, 1)];
      const pad: Pad = r.pick(['same', 'valid'] as const);
      const n = shape.reduce((a, b) => a * b, 1);
      // A coarse grid makes ties common: the first maximum must win.
      const x = Float32Array.from(r.floats(n), (v) => Math.round(v * 3) / 3);
      if (i % 4 === 0) for (let j = 0; j < n; j += 5) x[j] = Number.NEGATIVE_INFINITY;
      const g = r.floats(n);
      const what = `x [${shape}] f ${f} s ${s} pad ${pad}`;
      const cpu = await poolGrad('cpu', x, shape, g, f, s, pad);
      maxPoolGradTuning.tiled = false;
      const scatter = await poolGrad('wasm', x, shape, g, f, s, pad);
      maxPoolGradTuning.tiled = true;
      const before = tf.memory().numTensors;
      const tiled = await poolGrad('wasm', x, shape, g, f, s, pad);
      expect(tf.memory().numTensors, `${what}: leaked`).toBe(before);
      sameBits(tiled, scatter, `${what}: tiled vs scatter`);
      expectClose(tiled, cpu, `${what}: tiled vs cpu`);
    }
  });

  it.each([1, 2])(
    'the ReLU gradient made in the same pass is exact and skips a kernel run (%i threads)',
    async (threads) => {
      Object.assign(driverTuning, savedDriver);
      await setBackend('wasm');
      await setThreadsCount(threads);
      const r = rng(5 + threads);
      const xv = r.floats(4 * 16 * 16 * 3);
      xv[9] = Number.NaN;
      xv[300] = Number.POSITIVE_INFINITY;
      xv[1200] = Number.NEGATIVE_INFINITY;
      const x = tf.tensor4d(xv, [4, 16, 16, 3]);
      const w = tf.tensor4d(r.floats(3 * 3 * 3 * 8), [3, 3, 3, 8]);
      const y = tf.conv2d(x, w, 1, 'same'); // in the copy cache; NaN and ±Infinity spread into it
      const dy = tf.tensor4d(r.floats(4 * 8 * 8 * 8), [4, 8, 8, 8]);
      const before = tf.memory().numTensors;
      const run = (fuse: boolean) => {
        maxPoolGradTuning.fuseReluGrad = fuse;
        setKernelStatsEnabled(true);
        const dx = tf.engine().runKernel(
          'MaxPoolGrad',
          { dy, input: y, output: dy },
          {
            filterSize: 2,
            strides: 2,
            pad: 'valid',
          },
        ) as tf.Tensor;
        const st = tf.step(y);
        const prod = tf.mul(dx, st);
        const runs = readKernelStats().runs;
        setKernelStatsEnabled(false);
        const out = { dx: dx.dataSync().slice(), prod: prod.dataSync().slice(), runs };
        tf.dispose([dx, st, prod]);
        return out;
      };
      const plain = run(false);
      const fused = run(true);
      expect(tf.memory().numTensors, 'leaked').toBe(before);
      sameBits(fused.dx, plain.dx, 'dx');
      const yv = y.dataSync();
      const want = Array.from(plain.dx, (d, i) =>
        Math.fround(d * (Number.isNaN(yv[i]) ? Number.NaN : yv[i] > 0 ? 1 : 0)),
      );
      sameBits(fused.prod, want, 'dx * step(y)');
      sameBits(plain.prod, want, 'dx * step(y), unfused');
      expect(fused.runs, 'the product is copied out, not computed again').toBe(plain.runs - 1);
      tf.dispose([x, w, y, dy]);
    },
  );

  it.each([1, 2])('relu(conv) -> maxPool gradients match cpu (%i threads)', async (threads) => {
    Object.assign(maxPoolGradTuning, saved);
    Object.assign(driverTuning, savedDriver);
    const r = rng(17 + threads);
    const xv = r.floats(8 * 16 * 16 * 2);
    const wv = r.floats(3 * 3 * 2 * 16);
    const bv = r.floats(16);
    const grads = async (backend: string) => {
      await setBackend(backend);
      if (backend === 'wasm') await setThreadsCount(threads);
      const before = tf.memory().numTensors;
      const [x, w, b] = [tf.tensor4d(xv, [8, 16, 16, 2]), tf.tensor4d(wv, [3, 3, 2, 16]), tf.tensor1d(bv)];
      const gs = tf.grads((xt: tf.Tensor, wt: tf.Tensor, bt: tf.Tensor) => {
        const h = tf.fused.conv2d({
          x: xt as tf.Tensor4D,
          filter: wt as tf.Tensor4D,
          strides: 1,
          pad: 'valid',
          bias: bt,
          activation: 'relu',
        });
        return tf.sum(tf.square(tf.maxPool(h, 2, 2, 'valid')));
      })([x, w, b]);
      const out = await Promise.all(gs.map((t) => t.data() as Promise<Float32Array>));
      tf.dispose([x, w, b, ...gs]);
      expect(tf.memory().numTensors, `${backend}: leaked`).toBe(before);
      return out;
    };
    const cpu = await grads('cpu');
    const wasm = await grads('wasm');
    ['x', 'filter', 'bias'].forEach((name, i) => expectClose(wasm[i], cpu[i], `gradient of ${name}`));
  });
});
