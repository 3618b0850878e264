/**
 * convkit's MaxPool kernel (csrc/pool.c ck_max_pool) against tfjs's cpu backend
 * on randomised shapes: batch 2..5, sizes 1..11, channels 1..9 (SIMD tails
 * included), windows 1..3, strides 1..3, same/valid and numeric padding with a
 * rounding mode, -Infinity inputs; 1 and 2 threads. Exact match (a max is
 * exact), no leaked tensors, and the kernel really runs (not the fallback).
 */
import { readKernelStats, setKernelStatsEnabled, setThreadsCount } from '@convkit/backend-wasm';
import { setBackend } from '@convkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { util } from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { driverTuning } from '../src/kernels/conv-driver';
import { maxPoolTuning } from '../src/kernels/MaxPool';
import { rng } from './helpers';

type Pad = 'same' | 'valid' | number;

async function pool(backend: string, x: Float32Array, shape: number[], f: number, s: number, pad: Pad) {
  await setBackend(backend);
  const t = tf.tensor4d(x, shape as [number, number, number, number]);
  const y = tf.maxPool(t, f, s, pad, typeof pad === 'number' ? 'round' : undefined);
  const out = { shape: y.shape, data: (await y.data()) as Float32Array };
  tf.dispose([t, y]);
  return out;
}

describe('MaxPool on wasm vs cpu', () => {
  const saved = { ...maxPoolTuning };
  const savedDriver = { ...driverTuning };
  afterAll(async () => {
    Object.assign(maxPoolTuning, saved);
    Object.assign(driverTuning, savedDriver);
    await setBackend('wasm');
    await setThreadsCount(2);
  });

  it.each([1, 2])('random shapes match exactly (%i threads)', async (threads) => {
    maxPoolTuning.minFloats = 1;
    maxPoolTuning.requireCached = false;
    driverTuning.minMacsPerThread = 16;
    await setBackend('wasm');
    await setThreadsCount(threads);
    const r = rng(41 + threads);
    for (let i = 0; i < 40; i++) {
      const shape = [r.int(2, 5), r.int(1, 11), r.int(1, 11), r.int(1, 9)];
      const pad: Pad = r.pick(['same', 'valid', 0, 1] as const);
      const f = r.int(1, Math.min(3, typeof pad === 'string' && pad === 'valid' ? Math.min(shape[1], shape[2]) : 3));
      const s = r.int(1, 3);
      if (typeof pad === 'number' && (shape[1] + 2 * pad < f || shape[2] + 2 * pad < f)) continue;
      const x = r.floats(shape.reduce((a, b) => a * b, 1));
      if (i % 5 === 0) for (let j = 0; j < x.length; j += 7) x[j] = Number.NEGATIVE_INFINITY;
      const what = `x [${shape}] f ${f} s ${s} pad ${pad}`;
      const cpu = await pool('cpu', x, shape, f, s, pad);
      await setBackend('wasm');
      const wasmBefore = tf.memory().numTensors;
      setKernelStatsEnabled(true);
      const wasm = await pool('wasm', x, shape, f, s, pad);
      const stats = readKernelStats();
      setKernelStatsEnabled(false);
      expect(tf.memory().numTensors, `${what}: leaked`).toBe(wasmBefore);
      const identity = f === 1 && util.arraysEqual(wasm.shape, shape);
      if (!identity) expect(stats.runs, `${what}: convkit kernel ran`).toBeGreaterThan(0);
      expect(wasm.shape, what).toEqual(cpu.shape);
      expect(Array.from(wasm.data), what).toEqual(Array.from(cpu.data));
    }
  });

  it('pools here only inputs already in convkit memory (a convkit conv output)', async () => {
    Object.assign(maxPoolTuning, saved);
    await setBackend('wasm');
    const r = rng(5);
    const x = tf.tensor4d(r.floats(4 * 16 * 16 * 8), [4, 16, 16, 8]);
    const w = tf.tensor4d(r.floats(3 * 3 * 8 * 16), [3, 3, 8, 16]);
    const conv = tf.conv2d(x, w, 1, 'same');
    const fresh = tf.add(conv, 0); // same values, made by tfjs-backend-wasm: not in convkit memory
    setKernelStatsEnabled(true);
    const a = tf.maxPool(fresh, 2, 2, 'valid');
    const freshRuns = readKernelStats().runs;
    const b = tf.maxPool(conv, 2, 2, 'valid');
    const convRuns = readKernelStats().runs;
    setKernelStatsEnabled(false);
    expect(freshRuns).toBe(0);
    expect(convRuns).toBe(1);
    expect(Array.from(await a.data())).toEqual(Array.from(await b.data()));
    tf.dispose([x, w, conv, fresh, a, b]);
  });

  it('single images go to tfjs-backend-wasm and still match', async () => {
    Object.assign(maxPoolTuning, saved);
    const shape = [1, 9, 9, 5];
    const x = rng(3).floats(405);
    const cpu = await pool('cpu', x, shape, 2, 2, 'same');
    setKernelStatsEnabled(true);
    const wasm = await pool('wasm', x, shape, 2, 2, 'same');
    expect(readKernelStats().runs).toBe(0);
    setKernelStatsEnabled(false);
    expect(Array.from(wasm.data)).toEqual(Array.from(cpu.data));
  });
});
