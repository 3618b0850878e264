/**
 * Parity of ConvkitQSequence (src/kernels/QuantizedSequence.ts, csrc/int8_chain.c and the
 * direct int8 convolution of csrc/int8_gemm.c) with the same stages run one by one: the
 * composite of `ops.quantizedSequence` on the cpu backend (float composites of the per-layer
 * ops) and, on wasm, the per-layer int8 kernels. Chains cover a float first conv with a pending
 * rounding fused into the max-pool, 'same' padding with strides (padded direct conv), odd
 * channel counts (im2col rows), grids that change between layers, a float tail and softmax;
 * batch 1 and 5; 1 and 2 threads. Nothing leaks; bad chains get typed errors.
 */
import { ConfigError, ops, ShapeError, setBackend } from '@convkit/core';
import '@convkit/backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driverTuning } from '../src/kernels/conv-driver';
import { getRuntime } from '../src/runtime';
import { rng } from './helpers';

beforeAll(async () => {
  await setBackend('wasm');
  expect(ops.compressedKernelsAvailable('int8-sequence')).toBe(true);
});
afterAll(async () => {
  await getRuntime().setThreads(1);
  driverTuning.minMacsPerThread = 1 << 18;
});

type R = ReturnType<typeof rng>;

/** Per-channel int8 weights: codes in [-127, 127] times one scale per output channel (last axis). */
function int8Weights(r: R, shape: number[], scale = 0.02) {
  const n = shape[shape.length - 1];
  const scales = Array.from({ length: n }, () => scale * (0.5 + r.next()));
  const size = shape.reduce((a, b) => a * b, 1);
  const values = Float32Array.from({ length: size }, (_, i) => Math.fround(r.int(-127, 127) * scales[i % n]));
  return { scales, values };
}

interface Chain {
  x: number[];
  make: (r: R) => { stages: ops.QuantizedStage[]; tensors: tf.Tensor[] };
}

const g = (scale: number, zeroPoint: number): ops.Int8Params => ({ scale, zeroPoint });

/** Conv (float, 1 channel) → pool → int8 conv → pool → flatten → dense → dense → softmax: the reference CNN's shape. */
const reference: Chain = {
  x: [1, 14, 14, 1],
  make: (r) => {
    const w1 = tf.tensor4d(r.floats(9 * 6), [3, 3, 1, 6]);
    const b1 = tf.tensor1d(r.floats(6));
    const k2 = int8Weights(r, [3, 3, 6, 8]);
    const w2 = tf.tensor4d(k2.values, [3, 3, 6, 8]);
    const b2 = tf.tensor1d(r.floats(8));
    const k3 = int8Weights(r, [32, 12]);
    const w3 = tf.tensor2d(k3.values, [32, 12]);
    const k4 = int8Weights(r, [12, 5]);
    const w4 = tf.tensor2d(k4.values, [12, 5]);
    const b4 = tf.tensor1d(r.floats(5));
    const g1 = g(0.01, -128);
    const g2 = g(0.03, -128);
    const g3 = g(0.05, -128);
    return {
      tensors: [w1, b1, w2, b2, w3, w4, b4],
      stages: [
        { kind: 'conv2d', filter: w1, bias: b1, activation: 'relu', output: g1 },
        { kind: 'maxPool', poolSize: 2 },
        { kind: 'conv2d', filter: w2, bias: b2, activation: 'relu', input: g1, weightScales: k2.scales, output: g2 },
        { kind: 'maxPool', poolSize: 2 },
        { kind: 'flatten' },
        { kind: 'dense', kernel: w3, bias: null, activation: 'relu', input: g2, weightScales: k3.scales, output: g3 },
        { kind: 'dense', kernel: w4, bias: b4, input: g3, weightScales: k4.scales },
        { kind: 'softmax' },
      ],
    };
  },
};

/** 'same' padding with strides, odd channels (im2col rows), a grid change, a linear conv, a 'same' pool, a float end. */
const odd: Chain = {
  x: [1, 9, 8, 3],
  make: (r) => {
    const w1 = tf.tensor4d(r.floats(9 * 3 * 5), [3, 3, 3, 5]);
    const k2 = int8Weights(r, [3, 3, 5, 10]);
    const w2 = tf.tensor4d(k2.values, [3, 3, 5, 10]);
    const b2 = tf.tensor1d(r.floats(10));
    const k3 = int8Weights(r, [3, 3, 10, 4]);
    const w3 = tf.tensor4d(k3.values, [3, 3, 10, 4]);
    const g1 = g(0.02, 3);
    return {
      tensors: [w1, w2, b2, w3],
      stages: [
        { kind: 'conv2d', filter: w1, bias: null, pad: 'same', output: g1 },
        {
          kind: 'conv2d',
          filter: w2,
          bias: b2,
          strides: 2,
          pad: 'same',
          input: g1,
          weightScales: k2.scales,
          output: g(0.04, -10),
        },
        { kind: 'maxPool', poolSize: 2, strides: 1, pad: 'same' },
        // This stage's input grid differs from the previous output's: the kernel re-rounds the codes.
        {
          kind: 'conv2d',
          filter: w3,
          bias: null,
          pad: 'same',
          activation: 'relu',
          input: g(0.05, -20),
          weightScales: k3.scales,
        },
      ],
    };
  },
};

/** A three-channel float first conv fused with its max-pool (im2col + GEMM conv, image by image), then a dense end. */
const rgb: Chain = {
  x: [1, 10, 10, 3],
  make: (r) => {
    const w1 = tf.tensor4d(r.floats(9 * 3 * 4), [3, 3, 3, 4]);
    const b1 = tf.tensor1d(r.floats(4));
    const k2 = int8Weights(r, [64, 6]);
    const w2 = tf.tensor2d(k2.values, [64, 6]);
    const g1 = g(0.02, -128);
    return {
      tensors: [w1, b1, w2],
      stages: [
        { kind: 'conv2d', filter: w1, bias: b1, activation: 'relu', output: g1 },
        { kind: 'maxPool', poolSize: 2 },
        { kind: 'flatten' },
        { kind: 'dense', kernel: w2, bias: null, input: g1, weightScales: k2.scales },
      ],
    };
  },
};

async function runOn(backend: string, chain: Chain, batch: number, seed: number): Promise<Float32Array> {
  await setBackend(backend);
  const r = rng(seed);
  const x = tf.tensor4d(r.floats(batch * chain.x.slice(1).reduce((a, b) => a * b, 1)), [batch, ...chain.x.slice(1)] as [
    number,
    number,
    number,
    number,
  ]);
  const { stages, tensors } = chain.make(r);
  const before = tf.memory().numTensors;
  const y = ops.quantizedSequence(x, stages);
  const data = (await y.data()) as Float32Array;
  y.dispose();
  expect(tf.memory().numTensors, `${backend}: tensors after quantizedSequence`).toBe(before);
  tf.dispose([x, ...tensors]);
  return data;
}

/** Compares outputs: equal up to float rounding, or one grid step apart at rounding ties (≤ 2% of values). */
function expectSame(got: Float32Array, ref: Float32Array, step: number, what: string) {
  expect(got.length, what).toBe(ref.length);
  let off = 0;
  for (let i = 0; i < ref.length; i++) {
    const d = Math.abs(got[i] - ref[i]);
    expect(d, `${what} at ${i}: ${got[i]} vs ${ref[i]}`).toBeLessThanOrEqual(
      step * 1.01 + 1e-5 * (1 + Math.abs(ref[i])),
    );
    if (d > 1e-5 * (1 + Math.abs(ref[i]))) off++;
  }
  expect(off, `${what}: values one step apart`).toBeLessThanOrEqual(Math.ceil(ref.length / 50));
}

describe('ConvkitQSequence', () => {
  for (const threads of [1, 2]) {
    it.each([
      ['reference CNN', 1, reference, 0.05],
      ['reference CNN', 5, reference, 0.05],
      ['odd shapes', 1, odd, 0.05],
      ['odd shapes', 3, odd, 0.05],
      ['three-channel input', 4, rgb, 0.05],
    ] as const)(`%s, batch %i, ${threads} thread(s): the cpu composite's values`, async (_, batch, chain, step) => {
      await getRuntime().setThreads(threads);
      driverTuning.minMacsPerThread = threads > 1 ? 1 : 1 << 18;
      const wasm = await runOn('wasm', chain, batch, 7);
      const cpu = await runOn('cpu', chain, batch, 7);
      // The composite's float rounding can put a value on the other side of a rounding tie: then it is one
      // step of a later grid off (the reference chain's output is a softmax: compare at that scale).
      expectSame(wasm, cpu, step, `${chain === reference ? 'reference' : 'odd'} batch ${batch}`);
      await setBackend('wasm');
    });
  }

  it('equals the per-layer int8 kernels on wasm exactly (same rounding, stage by stage)', async () => {
    await setBackend('wasm');
    const r = rng(3);
    const x = tf.tensor4d(r.floats(2 * 196), [2, 14, 14, 1]);
    const { stages, tensors } = reference.make(r);
    const chain = ops.quantizedSequence(x, stages);
    // The same stages through the per-layer ops (what the composite does).
    const byLayer = tf.tidy(() => {
      let h: tf.Tensor = x;
      for (const s of stages) {
        if (s.kind === 'conv2d')
          h = s.input
            ? ops.quantizedConv2d(h as tf.Tensor4D, s.filter, s.bias, s as ops.QuantizedConv2DOptions)
            : ops.fakeQuantize(
                tf.fused.conv2d({
                  x: h as tf.Tensor4D,
                  filter: s.filter,
                  strides: 1,
                  pad: 'valid',
                  bias: s.bias ?? undefined,
                  activation: s.activation,
                }),
                s.output as ops.Int8Params,
              );
        else if (s.kind === 'maxPool') h = tf.maxPool(h as tf.Tensor4D, 2, 2, 'valid');
        else if (s.kind === 'flatten') h = tf.reshape(h, [h.shape[0], -1]);
        else if (s.kind === 'dense') h = ops.quantizedMatMul(h as tf.Tensor2D, s.kernel, s.bias, s);
        else h = tf.softmax(h);
      }
      return h;
    });
    const a = (await chain.data()) as Float32Array;
    const b = (await byLayer.data()) as Float32Array;
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i]), `at ${i}`).toBeLessThan(1e-6);
    tf.dispose([x, chain, byLayer, ...tensors]);
  });

  it('gives a sample with NaN or ±Infinity in its input an all-NaN row, the others their values', async () => {
    await setBackend('wasm');
    const before = tf.memory().numTensors;
    const r = rng(11);
    const values = r.floats(4 * 196);
    const clean = tf.tensor4d(values, [4, 14, 14, 1]);
    values[196 + 17] = Number.NaN;
    values[3 * 196] = Number.POSITIVE_INFINITY;
    const dirty = tf.tensor4d(values, [4, 14, 14, 1]);
    const { stages, tensors } = reference.make(r);
    const a = ops.quantizedSequence(clean, stages);
    const b = ops.quantizedSequence(dirty, stages);
    const va = (await a.data()) as Float32Array;
    const vb = (await b.data()) as Float32Array;
    const n = va.length / 4;
    for (let i = 0; i < va.length; i++) {
      const row = Math.floor(i / n);
      if (row === 1 || row === 3) expect(vb[i], `at ${i}`).toBeNaN();
      else expect(vb[i], `at ${i}`).toBe(va[i]);
    }
    tf.dispose([clean, dirty, a, b, ...tensors]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses bad chains with typed errors naming the stage and shapes', async () => {
    await setBackend('wasm');
    const r = rng(5);
    const x = tf.tensor4d(r.floats(196), [1, 14, 14, 1]);
    const { stages, tensors } = reference.make(r);
    const before = tf.memory().numTensors;
    // Dense on a rank-4 input (no flatten).
    expect(() => ops.quantizedSequence(x, [stages[0], stages[5]])).toThrow(ShapeError);
    expect(() => ops.quantizedSequence(x, [stages[0], stages[5]])).toThrow(/stage 1 \(dense\).*\[1, 12, 12, 6\]/);
    // A float conv after the first stage.
    expect(() =>
      ops.quantizedSequence(x, [stages[0], { ...stages[0], filter: tensors[0] } as ops.QuantizedStage]),
    ).toThrow(ShapeError);
    expect(() => ops.quantizedSequence(x, [stages[1], stages[0]])).toThrow(ConfigError);
    // Softmax before the end, an unknown kind, an empty chain.
    expect(() => ops.quantizedSequence(x, [stages[0], { kind: 'softmax' }, stages[1]])).toThrow(
      /softmax must be the last/,
    );
    expect(() => ops.quantizedSequence(x, [{ kind: 'avgPool' } as never])).toThrow(ConfigError);
    expect(() => ops.quantizedSequence(x, [])).toThrow(ConfigError);
    // An int8 stage with half its quantization.
    const half = { ...stages[2], weightScales: undefined } as ops.QuantizedStage;
    expect(() => ops.quantizedSequence(x, [stages[0], stages[1], half])).toThrow(/needs both input and weightScales/);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, ...tensors]);
  });
});
