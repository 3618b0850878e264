/**
 * The fused kernels (FusedConv2D, FusedDepthwiseConv2D, _FusedMatMul) on wasm
 * take every bias the fused ops allow — per channel as `[C]`, `[1, 1, 1, C]`,
 * a scalar, a full `[H, W, C]` map — including biases whose storage has
 * another rank than the tensor (made by reshape or by a relabelling kernel
 * such as GatherV2), at batch 1 (XNNPACK) and batched (convkit's GEMM), and
 * agree with the unfused ops on cpu. Also: kernel outputs keep a storage
 * shape equal to their shape, and nothing leaks.
 */
import { replacedTfjsWasmKernel } from '@convkit/backend-wasm';
import { setBackend } from '@convkit/core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectClose, rng } from './helpers';

type Act = 'linear' | 'relu' | 'elu' | 'leakyrelu' | 'relu6' | 'sigmoid';

/** How the bias tensor is made on the backend under test. */
type Make = 'plain' | 'reshaped from [1,1,1,C]' | 'gathered';

interface Bias {
  shape: number[];
  make: Make;
}

function makeBias(values: Float32Array, b: Bias): tf.Tensor {
  if (b.make === 'plain') return tf.tensor(values, b.shape);
  if (b.make === 'reshaped from [1,1,1,C]') {
    return tf.tidy(() => tf.reshape(tf.tensor(values, [1, 1, 1, values.length]), b.shape));
  }
  // gather from a longer vector (structured pruning's way of slicing a bias)
  return tf.tidy(() => {
    const wide = tf.tensor(Float32Array.from([...values, ...values]), [2 * values.length]);
    const idx = tf.tensor1d(
      Array.from(values, (_, i) => i),
      'int32',
    );
    return tf.reshape(tf.gather(wide, idx), b.shape);
  });
}

function activate(y: tf.Tensor, act: Act): tf.Tensor {
  switch (act) {
    case 'relu':
      return tf.relu(y);
    case 'elu':
      return tf.elu(y);
    case 'leakyrelu':
      return tf.leakyRelu(y, 0.2);
    case 'relu6':
      return tf.relu6(y);
    case 'sigmoid':
      return tf.sigmoid(y);
    default:
      return y;
  }
}

/** Runs the fused op on wasm and the unfused ops on cpu with the same values; compares and checks for leaks. */
async function compare(
  what: string,
  inputs: { values: Float32Array; shape: number[] }[],
  bias: Bias & { values: Float32Array },
  fused: (ts: tf.Tensor[], bias: tf.Tensor) => tf.Tensor,
  unfused: (ts: tf.Tensor[]) => tf.Tensor,
  act: Act,
): Promise<void> {
  await setBackend('cpu');
  const cpuIns = inputs.map((i) => tf.tensor(i.values, i.shape));
  const cpuOut = tf.tidy(() => activate(tf.add(unfused(cpuIns), tf.tensor(bias.values, bias.shape)), act));
  const ref = (await cpuOut.data()) as Float32Array;
  const refShape = cpuOut.shape;
  tf.dispose([...cpuIns, cpuOut]);

  await setBackend('wasm');
  const before = tf.memory().numTensors;
  const ins = inputs.map((i) => tf.tensor(i.values, i.shape));
  const b = makeBias(bias.values, bias);
  const out = fused(ins, b);
  expect(out.shape, what).toEqual(refShape);
  expectClose((await out.data()) as Float32Array, ref, what);
  tf.dispose([...ins, b, out]);
  expect(tf.memory().numTensors, `${what}: live tensors`).toBe(before);
}

const ACTS: Act[] = ['linear', 'relu', 'elu', 'leakyrelu'];

function biasesFor(out: number[]): Bias[] {
  const c = out[out.length - 1];
  const spatial = out.slice(1);
  return [
    { shape: [c], make: 'plain' },
    { shape: [c], make: 'reshaped from [1,1,1,C]' },
    { shape: [c], make: 'gathered' },
    { shape: [1, 1, 1, c], make: 'plain' },
    { shape: [1, c], make: 'plain' },
    { shape: [], make: 'plain' },
    { shape: [1], make: 'plain' },
    { shape: spatial, make: 'plain' },
    { shape: [1, ...spatial], make: 'plain' },
  ];
}

describe('FusedConv2D on wasm takes every bias the op allows', () => {
  // batch 1 (XNNPACK for small single images), 3 (convkit's GEMM), one non-square filter
  const cases = [
    { x: [1, 6, 6, 2], f: [3, 3, 2, 4], strides: 1, pad: 'same' as const },
    { x: [3, 7, 5, 3], f: [3, 3, 3, 5], strides: 2, pad: 'valid' as const },
    { x: [1, 6, 7, 2], f: [1, 3, 2, 3], strides: 1, pad: 'same' as const },
  ];
  it('per-channel, scalar and full-map biases, several activations, batch 1 and batched', async () => {
    const r = rng(3);
    for (const c of cases) {
      const outH = c.pad === 'same' ? Math.ceil(c.x[1] / c.strides) : Math.ceil((c.x[1] - c.f[0] + 1) / c.strides);
      const outW = c.pad === 'same' ? Math.ceil(c.x[2] / c.strides) : Math.ceil((c.x[2] - c.f[1] + 1) / c.strides);
      const out = [c.x[0], outH, outW, c.f[3]];
      const x = { values: r.floats(c.x.reduce((a, b) => a * b, 1)), shape: c.x };
      const w = { values: r.floats(c.f.reduce((a, b) => a * b, 1)), shape: c.f };
      for (const bias of biasesFor(out)) {
        const values = r.floats(bias.shape.reduce((a, b) => a * b, 1));
        for (const act of ACTS) {
          await compare(
            `conv x${c.x} f${c.f} bias ${JSON.stringify(bias.shape)} ${bias.make} ${act}`,
            [x, w],
            { ...bias, values },
            ([xt, wt], b) =>
              tf.fused.conv2d({
                x: xt as tf.Tensor4D,
                filter: wt as tf.Tensor4D,
                strides: c.strides,
                pad: c.pad,
                bias: b,
                activation: act,
                leakyreluAlpha: 0.2,
              }),
            ([xt, wt]) => tf.conv2d(xt as tf.Tensor4D, wt as tf.Tensor4D, c.strides, c.pad),
            act,
          );
        }
      }
    }
  });
});

describe('FusedDepthwiseConv2D on wasm takes every bias the op allows', () => {
  it('per-channel, scalar and full-map biases, batch 1 and 2, and a rounding mode', async () => {
    const r = rng(5);
    for (const c of [
      { x: [1, 6, 6, 2], f: [3, 3, 2, 2], strides: 1, pad: 'same' as const, out: [1, 6, 6, 4] },
      { x: [2, 6, 6, 3], f: [3, 3, 3, 1], strides: 2, pad: 1, rounding: 'ceil' as const, out: [2, 4, 4, 3] },
    ]) {
      const x = { values: r.floats(c.x.reduce((a, b) => a * b, 1)), shape: c.x };
      const w = { values: r.floats(c.f.reduce((a, b) => a * b, 1)), shape: c.f };
      for (const bias of biasesFor(c.out)) {
        const values = r.floats(bias.shape.reduce((a, b) => a * b, 1));
        for (const act of ['linear', 'relu'] as const) {
          await compare(
            `depthwise x${c.x} f${c.f} bias ${JSON.stringify(bias.shape)} ${bias.make} ${act}`,
            [x, w],
            { ...bias, values },
            ([xt, wt], b) =>
              tf.fused.depthwiseConv2d({
                x: xt as tf.Tensor4D,
                filter: wt as tf.Tensor4D,
                strides: c.strides,
                pad: c.pad,
                dimRoundingMode: c.rounding,
                bias: b,
                activation: act,
              }),
            ([xt, wt]) =>
              tf.depthwiseConv2d(xt as tf.Tensor4D, wt as tf.Tensor4D, c.strides, c.pad, 'NHWC', 1, c.rounding),
            act,
          );
        }
      }
    }
  });
});

describe('_FusedMatMul on wasm', () => {
  it('adds the bias right for batched products (tfjs-backend-wasm shifts it) and takes every bias shape', async () => {
    const r = rng(7);
    for (const c of [
      { a: [6, 3, 4], b: [6, 4, 2], tB: false, out: [6, 3, 2] },
      { a: [1, 3, 4], b: [2, 5, 4], tB: true, out: [2, 3, 5] },
      { a: [3, 4], b: [4, 2], tB: false, out: [3, 2] },
    ]) {
      const a = { values: r.floats(c.a.reduce((p, q) => p * q, 1)), shape: c.a };
      const b = { values: r.floats(c.b.reduce((p, q) => p * q, 1)), shape: c.b };
      const n = c.out[c.out.length - 1];
      const biases: Bias[] = [
        { shape: [n], make: 'plain' },
        { shape: [n], make: 'reshaped from [1,1,1,C]' },
        { shape: [n], make: 'gathered' },
        { shape: [1, n], make: 'plain' },
        { shape: [], make: 'plain' },
        { shape: c.out.slice(-2), make: 'plain' },
      ];
      for (const bias of biases) {
        const values = r.floats(bias.shape.reduce((p, q) => p * q, 1));
        for (const act of ['linear', 'relu', 'elu'] as const) {
          await compare(
            `matMul a${c.a} b${c.b}${c.tB ? 'ᵀ' : ''} bias ${JSON.stringify(bias.shape)} ${bias.make} ${act}`,
            [a, b],
            { ...bias, values },
            ([at, bt], bb) => tf.fused.matMul({ a: at, b: bt, transposeB: c.tB, bias: bb, activation: act }),
            ([at, bt]) => tf.matMul(at, bt, false, c.tB),
            act,
          );
        }
      }
    }
  });
});

describe('storage shapes on wasm', () => {
  it('gather, transpose, concat and reductions store their results with the shape they return', async () => {
    await setBackend('wasm');
    const backend = tf.backend() as BackendWasm;
    const storage = (t: tf.Tensor) => backend.dataIdMap.get(t.dataId)?.shape;
    const x = tf.tensor(
      Array.from({ length: 24 }, (_, i) => i),
      [2, 3, 4],
    );
    const results = tf.tidy(() => [
      tf.gather(tf.reshape(x, [24]), tf.tensor1d([3, 1, 4], 'int32')),
      tf.gather(x, tf.tensor1d([2, 0], 'int32'), 1),
      tf.transpose(x, [2, 0, 1]),
      tf.concat([x, x], 1),
      tf.max(x, 1),
      tf.mean(x, [0, 2]),
      tf.min(x, -1),
    ]);
    for (const t of results) expect(storage(t), JSON.stringify(t.shape)).toEqual(t.shape);
    tf.dispose([x, ...results]);
  });

  it("a gathered bias is accepted by tfjs-backend-wasm's own XNNPACK FusedConv2D (the kernel structured pruning tripped)", async () => {
    await setBackend('wasm');
    const backend = tf.backend() as BackendWasm;
    const xnnpack = replacedTfjsWasmKernel('FusedConv2D');
    expect(xnnpack).toBeDefined();
    const x = tf.ones([1, 4, 4, 2]);
    const filter = tf.ones([3, 3, 2, 3]);
    const bias = tf.tidy(() => tf.gather(tf.tensor1d([1, 2, 3, 4, 5, 6]), tf.tensor1d([0, 2, 5], 'int32')));
    const out = xnnpack!({
      inputs: { x, filter, bias },
      backend,
      attrs: { strides: 1, pad: 'same', dataFormat: 'NHWC', dilations: 1, activation: 'linear' },
    }) as tf.TensorInfo;
    const values = backend.readSync(out.dataId) as Float32Array;
    // centre pixel: 3×3×2 ones + bias
    expect([values[5 * 3], values[5 * 3 + 1], values[5 * 3 + 2]]).toEqual([19, 21, 24]);
    backend.disposeData(out.dataId);
    tf.dispose([x, filter, bias]);
  });
});
