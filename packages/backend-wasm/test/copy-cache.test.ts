/**
 * The copy cache (src/copy-cache.ts): the ring's bookkeeping on its own, then a
 * training step of a small CNN (fused conv + relu + max pool, twice, then two dense
 * layers: every kernel that reads from or leaves results in the cache) on 'wasm'
 * with the cache on and off, against 'cpu': loss and gradients of every
 * variable, suite tolerance (1e-4 relative), on 1 and 2 threads; with the cache
 * on the step must find inputs in it, and leave no tensor behind.
 */
import { readKernelStats, setCopyCacheEnabled, setKernelStatsEnabled, setThreadsCount } from '@convkit/backend-wasm';
import { ops, setBackend } from '@convkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { TensorCopyCache } from '../src/copy-cache';
import { driverTuning } from '../src/kernels/conv-driver';
import { expectClose, rng } from './helpers';

describe('TensorCopyCache ring', () => {
  it('finds a committed block by key and size only', () => {
    const c = new TensorCopyCache(1024, 4096);
    const k = {};
    c.beginCall();
    const p = c.reserve(100);
    expect(p).toBe(1024);
    c.commit(k, p, 100);
    c.beginCall();
    expect(c.holds(k, 100)).toBe(true);
    expect(c.holds(k, 96)).toBe(false);
    expect(c.lookup(k, 100)).toBe(1024);
    expect(c.lookup(k, 96)).toBeUndefined();
    expect(c.lookup({}, 100)).toBeUndefined();
  });

  it('evicts blocks a newer one overwrites when it wraps', () => {
    const c = new TensorCopyCache(0, 1024);
    const keys = [{}, {}, {}, {}, {}];
    for (const k of keys) {
      c.beginCall();
      c.commit(k, c.reserve(256), 256);
    }
    // Five 256-byte blocks in a 1024-byte ring: the fifth overwrote the first.
    expect(c.lookup(keys[0], 256)).toBeUndefined();
    expect(c.lookup(keys[1], 256)).toBe(256);
    expect(c.lookup(keys[4], 256)).toBe(0);
  });

  it('never overwrites a block the current call uses, and refuses oversized blocks', () => {
    const c = new TensorCopyCache(0, 1024);
    const a = {};
    c.beginCall();
    c.commit(a, c.reserve(256), 256);
    c.beginCall();
    c.reserve(256);
    c.reserve(256);
    c.reserve(256);
    expect(c.lookup(a, 256)).toBe(0); // pins a for this call
    expect(c.reserve(256)).toBe(-1); // would wrap onto a
    expect(c.reserve(257)).toBe(-1); // over a quarter of the ring
    c.beginCall();
    expect(c.reserve(256)).toBe(0); // a is no longer pinned
    expect(c.lookup(a, 256)).toBeUndefined();
  });

  it('finds and keeps nothing while disabled', () => {
    const c = new TensorCopyCache(0, 1024);
    const a = {};
    c.beginCall();
    c.commit(a, c.reserve(64), 64);
    c.enabled = false;
    expect(c.lookup(a, 64)).toBeUndefined();
    expect(c.reserve(64)).toBe(-1);
    c.enabled = true;
    expect(c.lookup(a, 64)).toBe(0);
  });
});

const X: [number, number, number, number] = [16, 12, 12, 1];

function makeVars(r: ReturnType<typeof rng>) {
  const v = (shape: number[], scale: number) =>
    tf.variable(tf.mul(tf.tensor(r.floats(shape.reduce((a, b) => a * b, 1)), shape), scale));
  return [
    v([3, 3, 1, 8], 0.5),
    v([8], 0.1),
    v([3, 3, 8, 12], 0.2),
    v([12], 0.1),
    v([48, 96], 0.2),
    v([96], 0.1),
    v([96, 5], 0.2),
    v([5], 0.1),
  ];
}

/** Loss and gradients of every variable for one step, twice (the second step reads what the first left). */
async function step(backend: string, cache: boolean, threads: number) {
  await setBackend(backend);
  if (backend === 'wasm') {
    await setThreadsCount(threads);
    setCopyCacheEnabled(cache);
  }
  const r = rng(7);
  const vars = makeVars(r);
  const [f1, b1, f2, b2, w1, bw1, w2, bw2] = vars;
  const x = tf.tensor4d(r.floats(X.reduce((a, b) => a * b, 1)), X);
  const labels = tf.oneHot(
    tf.tensor1d(
      Array.from({ length: X[0] }, (_, i) => i % 5),
      'int32',
    ),
    5,
  );
  const loss = () =>
    tf.tidy(() => {
      let h = ops.fused.conv2d({ x, filter: f1 as tf.Tensor4D, strides: 1, pad: 'same', bias: b1, activation: 'relu' });
      h = tf.maxPool(h, 2, 2, 'valid');
      h = ops.fused.conv2d({
        x: h,
        filter: f2 as tf.Tensor4D,
        strides: 1,
        pad: 'valid',
        bias: b2,
        activation: 'relu',
      });
      h = tf.maxPool(h, 2, 2, 'valid');
      const flat = tf.reshape(h, [X[0], -1]);
      // Batch 16 x 48 x 96: large enough for convkit's BatchMatMul (forward and both gradients).
      const hidden = tf.relu(tf.add(tf.matMul(flat, w1 as tf.Tensor2D), bw1));
      const logits = tf.add(tf.matMul(hidden, w2 as tf.Tensor2D), bw2);
      return tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;
    });
  const before = tf.memory().numTensors;
  const out: Float32Array[][] = [];
  if (backend === 'wasm') setKernelStatsEnabled(true);
  for (let i = 0; i < 2; i++) {
    const { value, grads } = tf.variableGrads(loss, vars);
    out.push([(await value.data()) as Float32Array]);
    for (const v of vars) out[i].push((await grads[v.name].data()) as Float32Array);
    tf.dispose([value, ...Object.values(grads)]);
  }
  const stats = backend === 'wasm' ? readKernelStats() : null;
  setKernelStatsEnabled(false);
  const leaked = tf.memory().numTensors - before;
  tf.dispose([...vars, x, labels]);
  return { out, stats, leaked };
}

describe('training step with the copy cache', () => {
  const tuning = { ...driverTuning };
  afterAll(async () => {
    Object.assign(driverTuning, tuning);
    setCopyCacheEnabled(true);
    await setBackend('wasm');
    await setThreadsCount(2);
  });

  it.each([1, 2])('loss and gradients match cpu with the cache on and off (%i threads)', async (threads) => {
    driverTuning.minMacsPerThread = 256; // split even these small convs across threads
    const ref = await step('cpu', false, 1);
    const off = await step('wasm', false, threads);
    const on = await step('wasm', true, threads);
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < ref.out[i].length; j++) {
        expectClose(off.out[i][j], ref.out[i][j], `cache off, step ${i}, output ${j}`);
        expectClose(on.out[i][j], ref.out[i][j], `cache on, step ${i}, output ${j}`);
      }
    expect(off.stats?.cacheHits).toBe(0);
    expect(on.stats?.cacheHits).toBeGreaterThan(0);
    expect(on.stats?.copyInBytes).toBeLessThan(off.stats?.copyInBytes ?? 0);
    expect(off.leaked).toBe(0);
    expect(on.leaked).toBe(0);
  });
});
