/**
 * `ops.fused.conv2d` while gradients are recorded runs one FusedConv2D kernel
 * (NHWC, dilation 1, per-channel bias or none, relu or linear) with a
 * hand-written gradient: its value and its gradients for x, filter and bias
 * equal those of the unfused ops (conv2d, add, relu) on the cpu backend
 * (tolerance 1e-6 relative: the same float32 operations). Cases outside it
 * (dilations) keep the unfused path. No leaked tensors.
 */
import { numTensors, ops, setBackend } from '@convkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';

function seeded(n: number, seed: number): Float32Array {
  let a = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
    return (a / 2 ** 32) * 2 - 1;
  });
}

function expectNear(got: Float32Array, ref: Float32Array, what: string): void {
  expect(got.length, what).toBe(ref.length);
  for (let i = 0; i < ref.length; i++) {
    expect(Math.abs(got[i] - ref[i]), `${what}[${i}]: ${got[i]} vs ${ref[i]}`).toBeLessThanOrEqual(
      1e-6 * (1 + Math.abs(ref[i])),
    );
  }
}

type Case = {
  name: string;
  x: number[];
  f: number[];
  strides: number | [number, number];
  pad: 'same' | 'valid' | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  bias: boolean;
  activation: 'relu' | 'linear';
  dilations?: number;
};

const CASES: Case[] = [
  {
    name: 'stride 1, same, bias, relu',
    x: [2, 7, 6, 3],
    f: [3, 3, 3, 5],
    strides: 1,
    pad: 'same',
    bias: true,
    activation: 'relu',
  },
  {
    name: 'stride 2, valid, bias, linear',
    x: [3, 9, 8, 2],
    f: [3, 2, 2, 4],
    strides: 2,
    pad: 'valid',
    bias: true,
    activation: 'linear',
  },
  {
    name: 'strides [2, 1], same, no bias, relu',
    x: [2, 8, 7, 4],
    f: [2, 3, 4, 3],
    strides: [2, 1],
    pad: 'same',
    bias: false,
    activation: 'relu',
  },
  {
    name: 'pad 1 with dimRoundingMode floor, relu',
    x: [1, 8, 8, 2],
    f: [3, 3, 2, 3],
    strides: 2,
    pad: 1,
    dimRoundingMode: 'floor',
    bias: true,
    activation: 'relu',
  },
  {
    name: 'dilations 2 (unfused path), relu',
    x: [2, 9, 9, 2],
    f: [3, 3, 2, 3],
    strides: 1,
    pad: 'valid',
    bias: true,
    activation: 'relu',
    dilations: 2,
  },
];

/** Value and gradients (x, filter, bias) of sum(y · r) for a fixed random r. */
function run(c: Case, fused: boolean) {
  const x = tf.tensor4d(
    seeded(
      c.x.reduce((a, b) => a * b, 1),
      1,
    ),
    c.x as [number, number, number, number],
  );
  const f = tf.tensor4d(
    seeded(
      c.f.reduce((a, b) => a * b, 1),
      2,
    ),
    c.f as [number, number, number, number],
  );
  const b = tf.tensor1d(seeded(c.f[3], 3));
  const dilations = c.dilations ?? 1;
  const conv = (xx: tf.Tensor, ff: tf.Tensor, bb: tf.Tensor): tf.Tensor => {
    if (fused) {
      return ops.fused.conv2d({
        x: xx as tf.Tensor4D,
        filter: ff as tf.Tensor4D,
        strides: c.strides,
        pad: c.pad,
        dimRoundingMode: c.dimRoundingMode,
        dilations,
        bias: c.bias ? bb : undefined,
        activation: c.activation,
      });
    }
    let y: tf.Tensor = tf.conv2d(
      xx as tf.Tensor4D,
      ff as tf.Tensor4D,
      c.strides,
      c.pad,
      'NHWC',
      dilations,
      c.dimRoundingMode,
    );
    if (c.bias) y = tf.add(y, bb);
    return c.activation === 'relu' ? tf.relu(y) : y;
  };
  const y0 = tf.tidy(() => conv(x, f, b));
  const r = tf.tensor(seeded(y0.size, 4), y0.shape);
  const loss = (xx: tf.Tensor, ff: tf.Tensor, bb: tf.Tensor) => tf.sum(tf.mul(conv(xx, ff, bb), r));
  const before = numTensors();
  const grads = c.bias ? tf.grads(loss)([x, f, b]) : [...tf.grads((xx, ff) => loss(xx, ff, b))([x, f]), tf.zeros([0])];
  expect(numTensors(), `${c.name}: only the gradients are new`).toBe(before + 3);
  const out = {
    y: y0.dataSync() as Float32Array,
    gx: grads[0].dataSync() as Float32Array,
    gf: grads[1].dataSync() as Float32Array,
    gb: grads[2].dataSync() as Float32Array,
  };
  tf.dispose([x, f, b, y0, r, ...grads]);
  return out;
}

beforeAll(async () => {
  await setBackend('cpu');
});

describe('ops.fused.conv2d under gradients equals the unfused ops', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const fused = run(c, true);
      const ref = run(c, false);
      expectNear(fused.y, ref.y, `${c.name} y`);
      expectNear(fused.gx, ref.gx, `${c.name} dx`);
      expectNear(fused.gf, ref.gf, `${c.name} dfilter`);
      expectNear(fused.gb, ref.gb, `${c.name} dbias`);
    });
  }

  it('runs one FusedConv2D (no Add, no Relu) in the trainable case, the unfused ops otherwise', async () => {
    const x = tf.randomNormal([2, 6, 6, 2]) as tf.Tensor4D;
    const f = tf.randomNormal([3, 3, 2, 4]) as tf.Tensor4D;
    const b = tf.randomNormal([4]);
    const names = async (dilations: number) =>
      (
        await tf.profile(() => {
          const g = tf.grad((xx: tf.Tensor) =>
            tf.sum(
              ops.fused.conv2d({
                x: xx as tf.Tensor4D,
                filter: f,
                strides: 1,
                pad: 'valid',
                dilations,
                bias: b,
                activation: 'relu',
              }),
            ),
          )(x);
          g.dispose();
        })
      ).kernelNames;
    const fusedNames = await names(1);
    expect(fusedNames).toContain('FusedConv2D');
    expect(fusedNames).not.toContain('Add');
    expect(fusedNames).not.toContain('Relu');
    const dilatedNames = await names(2);
    expect(dilatedNames).not.toContain('FusedConv2D');
    expect(dilatedNames).toContain('Add');
    tf.dispose([x, f, b]);
  });

  it('computes only the gradients the tape needs (no input gradient for the images)', async () => {
    const x = tf.randomNormal([2, 6, 6, 2]) as tf.Tensor4D;
    const f = tf.randomNormal([3, 3, 2, 4]) as tf.Tensor4D;
    const b = tf.randomNormal([4]);
    const loss = (ff: tf.Tensor) =>
      tf.sum(ops.fused.conv2d({ x, filter: ff as tf.Tensor4D, strides: 1, pad: 'valid', bias: b, activation: 'relu' }));
    const names = (
      await tf.profile(() => {
        tf.grad(loss)(f).dispose();
      })
    ).kernelNames;
    expect(names).toContain('Conv2DBackpropFilter');
    expect(names).not.toContain('Conv2DBackpropInput');
    tf.dispose([x, f, b]);
  });

  it('refuses to differentiate a FusedConv2D kernel it does not cover, naming it', () => {
    const x = tf.randomNormal([1, 4, 4, 1]);
    const f = tf.randomNormal([2, 2, 1, 2]);
    const attrs = { strides: 1, pad: 'valid', dataFormat: 'NHWC', dilations: 1, activation: 'elu' };
    const run = (xx: tf.Tensor) =>
      tf.sum(
        tf.engine().runKernel('FusedConv2D', { x: xx, filter: f }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor,
      );
    expect(() => tf.grad(run)(x)).toThrow(/FusedConv2D gradient: only NHWC, dilation 1 and activation relu or linear/);
    tf.dispose([x, f]);
  });
});
