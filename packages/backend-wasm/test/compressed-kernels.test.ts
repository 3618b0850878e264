/**
 * Parity of the compressed-inference kernels (csrc/int8_gemm.c,
 * csrc/sparse_gemm.c) on wasm against references: an exact integer
 * reference written here (int8), the float composite of `ops.quantizedConv2d`
 * on the cpu backend, and the dense fused conv / matMul on cpu (sparse). On 1
 * and 2 threads, for shapes that hit every path (4-row tiles and tail rows,
 * column panels past N, odd reduction lengths, 1x1 convs, 'same' padding with
 * strides, batch 1). These kernels are inference-only: there are no gradients
 * to check. Nothing leaks.
 */
import { ops, setBackend } from '@convkit/core';
import '@convkit/backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driverTuning } from '../src/kernels/conv-driver';
import { sparseTuning } from '../src/kernels/SparseKernels';
import { getRuntime } from '../src/runtime';
import { expectClose, rng } from './helpers';

beforeAll(async () => {
  await setBackend('wasm');
  for (const name of Object.values(ops.compressedKernelNames)) expect(tf.getKernel(name, 'wasm'), name).toBeDefined();
});
afterAll(async () => {
  await getRuntime().setThreads(1);
  driverTuning.minMacsPerThread = 1 << 18;
});

interface ConvCase {
  x: [number, number, number, number];
  f: [number, number, number, number];
  strides: [number, number];
  pad: 'valid' | 'same';
  act: 'linear' | 'relu';
  outQuant: boolean;
}

const CASES: ConvCase[] = [
  { x: [2, 9, 9, 8], f: [3, 3, 8, 16], strides: [1, 1], pad: 'valid', act: 'relu', outQuant: true },
  { x: [1, 7, 6, 3], f: [3, 3, 3, 10], strides: [2, 2], pad: 'same', act: 'linear', outQuant: false },
  { x: [3, 5, 5, 6], f: [1, 1, 6, 13], strides: [1, 1], pad: 'valid', act: 'relu', outQuant: false },
  { x: [1, 6, 6, 1], f: [3, 3, 1, 4], strides: [1, 1], pad: 'same', act: 'linear', outQuant: true },
];

/** Values on the int8 grid (q - zp) * scale, q uniform in [-128, 127]. */
function gridValues(r: ReturnType<typeof rng>, n: number, scale: number, zp: number): Float32Array {
  return Float32Array.from({ length: n }, () => (r.int(-128, 127) - zp) * scale);
}

/** Per-channel int8 weights: codes in [-127, 127] times one scale per output channel (last axis). */
function int8Weights(r: ReturnType<typeof rng>, shape: number[]) {
  const n = shape[shape.length - 1];
  const scales = Array.from({ length: n }, () => 0.001 + r.next() * 0.01);
  const codes = Int8Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => r.int(-127, 127));
  const values = Float32Array.from(codes, (q, i) => Math.fround(q * scales[i % n]));
  return { scales, codes, values };
}

/** Exact integer reference of a quantized conv (valid or same padding), in doubles. */
function referenceConv(
  c: ConvCase,
  xq: Float32Array,
  inp: { scale: number; zeroPoint: number },
  w: ReturnType<typeof int8Weights>,
  bias: Float32Array,
  out?: { scale: number; zeroPoint: number },
) {
  const [B, H, W, C] = c.x;
  const [fh, fw, , N] = c.f;
  const [sh, sw] = c.strides;
  const oh = c.pad === 'same' ? Math.ceil(H / sh) : Math.ceil((H - fh + 1) / sh);
  const ow = c.pad === 'same' ? Math.ceil(W / sw) : Math.ceil((W - fw + 1) / sw);
  const pt = c.pad === 'same' ? Math.floor(Math.max((oh - 1) * sh + fh - H, 0) / 2) : 0;
  const pl = c.pad === 'same' ? Math.floor(Math.max((ow - 1) * sw + fw - W, 0) / 2) : 0;
  const res = new Float32Array(B * oh * ow * N);
  for (let b = 0; b < B; b++)
    for (let y = 0; y < oh; y++)
      for (let x = 0; x < ow; x++)
        for (let n = 0; n < N; n++) {
          let acc = 0;
          for (let i = 0; i < fh; i++)
            for (let j = 0; j < fw; j++) {
              const iy = y * sh + i - pt;
              const ix = x * sw + j - pl;
              if (iy < 0 || iy >= H || ix < 0 || ix >= W) continue;
              for (let ch = 0; ch < C; ch++) {
                const q = Math.round(xq[((b * H + iy) * W + ix) * C + ch] / inp.scale);
                acc += q * w.codes[((i * fw + j) * C + ch) * N + n];
              }
            }
          let v = acc * inp.scale * w.scales[n] + bias[n];
          if (c.act === 'relu') v = Math.max(0, v);
          if (out)
            v = (Math.min(127, Math.max(-128, Math.round(v / out.scale) + out.zeroPoint)) - out.zeroPoint) * out.scale;
          res[((b * oh + y) * ow + x) * N + n] = v;
        }
  return res;
}

/** Compares outputs that lie on an int8 grid: at most 1% of them one level apart (rounding ties), none further. */
function expectOnGrid(got: Float32Array, ref: Float32Array, step: number, what: string) {
  expect(got.length, what).toBe(ref.length);
  let off = 0;
  for (let i = 0; i < ref.length; i++) {
    const d = Math.abs(got[i] - ref[i]) / step;
    expect(d, `${what} at ${i}`).toBeLessThan(1.01);
    if (d > 0.01) off++;
  }
  expect(off, `${what}: elements one level apart`).toBeLessThanOrEqual(Math.ceil(ref.length / 100));
}

async function quantizedConvOn(
  backend: string,
  c: ConvCase,
  xv: Float32Array,
  w: ReturnType<typeof int8Weights>,
  bv: Float32Array,
  inp: ops.Int8Params,
  out?: ops.Int8Params,
) {
  await tf.setBackend(backend);
  const x = tf.tensor4d(xv, c.x);
  const f = tf.tensor4d(w.values, c.f);
  const b = tf.tensor1d(bv);
  const y = ops.quantizedConv2d(x, f, b, {
    strides: c.strides,
    pad: c.pad,
    activation: c.act,
    input: inp,
    weightScales: w.scales,
    output: out,
  });
  const data = (await y.data()) as Float32Array;
  tf.dispose([x, f, b, y]);
  return data;
}

describe.each([1, 2])('int8 conv and matMul on %i thread(s)', (threads) => {
  beforeAll(async () => {
    await getRuntime().setThreads(threads);
    driverTuning.minMacsPerThread = threads > 1 ? 1 : 1 << 18;
  });

  it.each(CASES.map((c, i) => [i, c] as const))(
    'conv case %i matches the integer reference and the cpu composite',
    async (i, c) => {
      const r = rng(100 + i);
      const inp = { scale: 0.02, zeroPoint: -20 };
      const out = c.outQuant ? { scale: 0.05, zeroPoint: -100 } : undefined;
      const xv = gridValues(
        r,
        c.x.reduce((a, b) => a * b, 1),
        inp.scale,
        inp.zeroPoint,
      );
      const w = int8Weights(r, c.f);
      const bv = r.floats(c.f[3]);
      const before = tf.memory().numTensors;
      const wasm = await quantizedConvOn('wasm', c, xv, w, bv, inp, out);
      expect(tf.memory().numTensors).toBe(before);
      const cpu = await quantizedConvOn('cpu', c, xv, w, bv, inp, out);
      await tf.setBackend('wasm');
      const ref = referenceConv(c, xv, inp, w, bv, out);
      if (out) {
        expectOnGrid(wasm, ref, out.scale, `case ${i} wasm vs integer reference`);
        expectOnGrid(cpu, ref, out.scale, `case ${i} cpu composite vs integer reference`);
      } else {
        expectClose(wasm, ref, `case ${i} wasm vs integer reference`);
        expectClose(wasm, cpu, `case ${i} wasm vs cpu composite`);
      }
    },
  );

  it('conv input off the grid, coded once over threads (ck_quant_codes), matches the integer reference', async () => {
    // 2 x 48 x 48 x 8 = 36,864 input values: the coding pass splits over 2 threads.
    const c: ConvCase = {
      x: [2, 48, 48, 8],
      f: [3, 3, 8, 8],
      strides: [1, 1],
      pad: 'same',
      act: 'relu',
      outQuant: true,
    };
    const r = rng(321);
    const inp = { scale: 0.02, zeroPoint: 7 };
    const out = { scale: 0.05, zeroPoint: -100 };
    // anywhere inside the representable range [(-128 - zp) s, (127 - zp) s], not on the grid
    const xv = Float32Array.from({ length: 36864 }, () => (r.next() * 254.8 - 127.4 - inp.zeroPoint) * inp.scale);
    const w = int8Weights(r, c.f);
    const bv = r.floats(8);
    const before = tf.memory().numTensors;
    const wasm = await quantizedConvOn('wasm', c, xv, w, bv, inp, out);
    expect(tf.memory().numTensors).toBe(before);
    expectOnGrid(wasm, referenceConv(c, xv, inp, w, bv, out), out.scale, 'off-grid input');
  });

  it('packed weights stay in kernel memory across calls: each weight tensor gets its own values', async () => {
    const c = CASES[0];
    const inp = { scale: 0.02, zeroPoint: -20 };
    const r = rng(77);
    const xv = gridValues(r, 2 * 9 * 9 * 8, inp.scale, inp.zeroPoint);
    const bv = r.floats(16);
    const x = tf.tensor4d(xv, c.x);
    const b = tf.tensor1d(bv);
    const before = tf.memory().numTensors;
    for (let round = 0; round < 2; round++) {
      const w = int8Weights(rng(500 + round), c.f);
      const f = tf.tensor4d(w.values, c.f);
      const ref = referenceConv(c, xv, inp, w, bv);
      const opts = { strides: c.strides, pad: c.pad, activation: c.act, input: inp, weightScales: w.scales };
      for (let call = 0; call < 2; call++) {
        const y = ops.quantizedConv2d(x, f, b, opts);
        expectClose((await y.data()) as Float32Array, ref, `weight ${round}, call ${call}`);
        y.dispose();
      }
      f.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, b]);
  });

  it.each([
    [1, 37, 10, true],
    [7, 64, 24, false],
    [66, 33, 9, true],
  ] as const)('matMul %i x %i x %i matches the cpu composite', async (M, K, N, quantOut) => {
    const r = rng(M * 1000 + K);
    const inp = { scale: 0.03, zeroPoint: 5 };
    const out = quantOut ? { scale: 0.04, zeroPoint: -128 } : undefined;
    const xv = gridValues(r, M * K, inp.scale, inp.zeroPoint);
    const w = int8Weights(r, [K, N]);
    const bv = r.floats(N);
    const run = async (backend: string) => {
      await tf.setBackend(backend);
      const x = tf.tensor2d(xv, [M, K]);
      const k = tf.tensor2d(w.values, [K, N]);
      const b = tf.tensor1d(bv);
      const y = ops.quantizedMatMul(x, k, b, { activation: 'relu', input: inp, weightScales: w.scales, output: out });
      const data = (await y.data()) as Float32Array;
      tf.dispose([x, k, b, y]);
      return data;
    };
    const before = tf.memory().numTensors;
    const wasm = await run('wasm');
    expect(tf.memory().numTensors).toBe(before);
    const cpu = await run('cpu');
    await tf.setBackend('wasm');
    if (out) expectOnGrid(wasm, cpu, out.scale, 'matMul');
    else expectClose(wasm, cpu, 'matMul');
  });
});

describe.each([1, 2])('sparse conv and matMul on %i thread(s)', (threads) => {
  beforeAll(async () => {
    await getRuntime().setThreads(threads);
    driverTuning.minMacsPerThread = threads > 1 ? 1 : 1 << 18;
  });

  function sparse(r: ReturnType<typeof rng>, n: number, density: number) {
    return Float32Array.from({ length: n }, () => (r.next() < density ? r.next() * 2 - 1 : 0));
  }

  it.each(CASES.map((c, i) => [i, c] as const))('conv case %i equals the dense fused conv on cpu', async (i, c) => {
    const r = rng(200 + i);
    const xv = r.floats(c.x.reduce((a, b) => a * b, 1));
    const fv = sparse(
      r,
      c.f.reduce((a, b) => a * b, 1),
      0.15,
    );
    const bv = r.floats(c.f[3]);
    const run = async (backend: string) => {
      await tf.setBackend(backend);
      const x = tf.tensor4d(xv, c.x);
      const f = tf.tensor4d(fv, c.f);
      const b = tf.tensor1d(bv);
      const y = ops.sparseConv2d(x, f, b, { strides: c.strides, pad: c.pad, activation: c.act });
      const data = (await y.data()) as Float32Array;
      tf.dispose([x, f, b, y]);
      return data;
    };
    const before = tf.memory().numTensors;
    const wasm = await run('wasm');
    expect(tf.memory().numTensors).toBe(before);
    const cpu = await run('cpu');
    await tf.setBackend('wasm');
    expectClose(wasm, cpu, `sparse conv case ${i}`);
  });

  it('falls back to the dense kernels for weights denser than sparseTuning allows', async () => {
    const r = rng(77);
    const xv = r.floats(3 * 40);
    const kv = sparse(r, 40 * 9, 0.6);
    const conv: ConvCase = {
      x: [1, 6, 6, 4],
      f: [3, 3, 4, 5],
      strides: [1, 1],
      pad: 'same',
      act: 'relu',
      outQuant: false,
    };
    const xc = r.floats(6 * 6 * 4);
    const fc = sparse(r, 3 * 3 * 4 * 5, 0.6);
    const run = async (backend: string) => {
      await tf.setBackend(backend);
      const x = tf.tensor2d(xv, [3, 40]);
      const k = tf.tensor2d(kv, [40, 9]);
      const b = tf.tensor1d(r.floats(9).map(() => 0.25));
      const y = ops.sparseMatMul(x, k, b, { activation: 'relu' });
      const xi = tf.tensor4d(xc, conv.x);
      const f = tf.tensor4d(fc, conv.f);
      const z = ops.sparseConv2d(xi, f, null, { pad: 'same', activation: 'relu' });
      const data = [(await y.data()) as Float32Array, (await z.data()) as Float32Array];
      tf.dispose([x, k, b, y, xi, f, z]);
      return data;
    };
    expect(sparseTuning.maxDensityFewRows).toBeLessThan(0.6);
    expect(sparseTuning.maxDensityConv).toBeLessThan(0.6);
    const before = tf.memory().numTensors;
    const dense = await run('wasm');
    expect(tf.memory().numTensors).toBe(before);
    const saved = { ...sparseTuning };
    Object.assign(sparseTuning, { maxDensityConv: 1, maxDensityMatMul: 1, maxDensityFewRows: 1 });
    try {
      const forced = await run('wasm');
      expectClose(forced[0], dense[0], 'sparse matMul kernel vs dense fallback');
      expectClose(forced[1], dense[1], 'sparse conv kernel vs dense fallback');
    } finally {
      Object.assign(sparseTuning, saved);
    }
    const cpu = await run('cpu');
    expectClose(dense[0], cpu[0], 'dense matMul fallback vs cpu');
    expectClose(dense[1], cpu[1], 'dense conv fallback vs cpu');
    await tf.setBackend('wasm');
  });

  it.each([
    [1, 50, 12],
    [5, 33, 8],
    [40, 64, 17],
  ] as const)('matMul %i x %i x %i equals the dense fused matMul on cpu', async (M, K, N) => {
    const r = rng(7 * M + K);
    const xv = r.floats(M * K);
    const kv = sparse(r, K * N, 0.1);
    const run = async (backend: string) => {
      await tf.setBackend(backend);
      const x = tf.tensor2d(xv, [M, K]);
      const k = tf.tensor2d(kv, [K, N]);
      const y = ops.sparseMatMul(x, k, null, { activation: 'linear' });
      const data = (await y.data()) as Float32Array;
      tf.dispose([x, k, y]);
      return data;
    };
    const wasm = await run('wasm');
    const cpu = await run('cpu');
    await tf.setBackend('wasm');
    expectClose(wasm, cpu, 'sparse matMul');
  });
});

describe('compressed ops reject bad input', () => {
  it('names the option and the shapes', () => {
    const x = tf.zeros([1, 4, 4, 2]) as tf.Tensor4D;
    const f = tf.zeros([3, 3, 3, 4]) as tf.Tensor4D;
    const f2 = tf.zeros([3, 3, 2, 4]) as tf.Tensor4D;
    const input = { scale: 0.1, zeroPoint: 0 };
    expect(() => ops.quantizedConv2d(x, f, null, { input, weightScales: [1, 1, 1, 1] })).toThrow(/inChannels/);
    expect(() => ops.quantizedConv2d(x, f2, null, { input, weightScales: [1, 1] })).toThrow(/weightScales must hold 4/);
    expect(() =>
      ops.quantizedConv2d(x, f2, null, { input: { scale: 0, zeroPoint: 0 }, weightScales: [1, 1, 1, 1] }),
    ).toThrow(/input must be/);
    expect(() =>
      ops.quantizedConv2d(x, f2, null, { input, weightScales: [1, 1, 1, 1], output: { scale: 1, zeroPoint: 300 } }),
    ).toThrow(/output must be/);
    expect(() => ops.sparseConv2d(x, f2, tf.zeros([3]) as tf.Tensor1D)).toThrow(/bias must have shape \[4\]/);
    expect(() => ops.sparseConv2d(x, f2, null, { pad: 'causal' as never })).toThrow(/pad must be 'valid' or 'same'/);
    expect(() => ops.quantizedConv2d(x, f2, null, { input, weightScales: [1, 1, 1, 1], strides: 0 })).toThrow(
      /strides must be a positive integer/,
    );
    const a = tf.zeros([2, 3]) as tf.Tensor2D;
    const k = tf.zeros([4, 2]) as tf.Tensor2D;
    expect(() => ops.quantizedMatMul(a, k, null, { input, weightScales: [1, 1] })).toThrow(/kernel \[inner, units\]/);
    tf.dispose([a, k]);
    expect(() => ops.sparseConv2d(x, f2, null, { pad: 'causal' as never })).toThrow(/pad must be 'valid' or 'same'/);
    expect(() => ops.quantizedConv2d(x, f2, null, { input, weightScales: [1, 1, 1, 1], strides: 0 })).toThrow(
      /strides must be a positive integer/,
    );
    expect(() =>
      ops.quantizedMatMul(tf.zeros([2, 3]) as tf.Tensor2D, tf.zeros([4, 2]) as tf.Tensor2D, null, {
        input,
        weightScales: [1, 1],
      }),
    ).toThrow(/x \[rows, inner\] and kernel \[inner, units\]/);
    tf.dispose([x, f, f2]);
  });
});

describe('fakeQuantize', () => {
  it('rounds to the int8 grid as the float composite on cpu does (clipping included)', async () => {
    const r = rng(5);
    const v = Float32Array.from({ length: 1003 }, () => (r.next() * 2 - 1) * 8);
    const p = { scale: 0.03, zeroPoint: -7 };
    const run = async (backend: string) => {
      await tf.setBackend(backend);
      const x = tf.tensor(v, [17, 59]);
      const before = tf.memory().numTensors;
      const y = ops.fakeQuantize(x, p);
      expect(y.shape).toEqual([17, 59]);
      const data = (await y.data()) as Float32Array;
      y.dispose();
      expect(tf.memory().numTensors).toBe(before);
      x.dispose();
      return data;
    };
    const wasm = await run('wasm');
    const cpu = await run('cpu');
    await tf.setBackend('wasm');
    expectOnGrid(wasm, cpu, p.scale, 'fakeQuantize');
    expect(Math.max(...wasm)).toBeCloseTo((127 + 7) * 0.03, 5);
    expect(Math.min(...wasm)).toBeCloseTo((-128 + 7) * 0.03, 5);
    expect(() => ops.fakeQuantize(tf.zeros([2]), { scale: -1, zeroPoint: 0 })).toThrow(/params must be/);
  });
});

describe('resident kernel memory', () => {
  it('keeps a block per key, must come first in a call, and starts over past 64 MiB', () => {
    const rt = getRuntime();
    const made: number[] = [];
    const fill = (v: number) => (ptr: number) => {
      made.push(v);
      rt.i32[ptr >> 2] = v;
    };
    rt.reset();
    const a = {};
    const b = {};
    const pa = rt.resident(a, 40 << 20, fill(1));
    rt.reset();
    expect(rt.resident(a, 40 << 20, fill(9))).toBe(pa); // found again, not made again
    expect(rt.i32[pa >> 2]).toBe(1);
    const scratch = rt.alloc(64);
    expect(scratch).toBeGreaterThanOrEqual(pa + (40 << 20)); // the arena starts after resident data
    expect(() => rt.resident(b, 16, fill(3))).toThrow(/before any alloc/);
    rt.reset();
    const pb = rt.resident(b, 40 << 20, fill(2)); // 80 MiB in all: the region starts over
    expect(pb).toBeLessThanOrEqual(pa); // back at the start of the region (earlier tests left blocks before a)
    rt.reset();
    expect(rt.resident(a, 16 << 20, fill(4))).toBe(pb + (40 << 20)); // a was dropped: made again, after b
    expect(made).toEqual([1, 2, 4]);
    expect(rt.i32[pb >> 2]).toBe(2);
    rt.reset();
  });
});
