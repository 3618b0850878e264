/**
 * Every convkit conv kernel against tfjs's cpu backend on randomised shapes:
 * batch 1..5, sizes 1..12 (odd included), channels 1..9, strides 1-2,
 * same/valid, dilation 1-2 (depthwise), 1 and 2 threads.
 * Tolerance: |wasm - cpu| <= 1e-4 * (1 + |cpu|) elementwise.
 */
import { setBackend } from '@convkit/core';
import '@convkit/backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driverTuning } from '../src/kernels/conv-driver';
import { getRuntime } from '../src/runtime';
import { expectClose, onBoth, rng } from './helpers';

interface Case {
  batch: number;
  inH: number;
  inW: number;
  inC: number;
  outC: number;
  fH: number;
  fW: number;
  stride: [number, number];
  dilation: [number, number];
  pad: 'same' | 'valid';
  mult: number;
}

function randomCase(r: ReturnType<typeof rng>, depthwise: boolean): Case {
  const pad = r.pick(['same', 'valid'] as const);
  const inH = r.int(1, 12);
  const inW = r.int(1, 12);
  const useDilation = depthwise && r.next() < 0.4;
  const dilation: [number, number] = useDilation ? [r.int(1, 2), r.int(1, 2)] : [1, 1];
  const stride: [number, number] = useDilation ? [1, 1] : [r.int(1, 2), r.int(1, 2)];
  // valid padding needs the (dilated) filter to fit
  const maxFH = pad === 'valid' ? Math.max(1, Math.floor((inH - 1) / dilation[0]) + 1) : 4;
  const maxFW = pad === 'valid' ? Math.max(1, Math.floor((inW - 1) / dilation[1]) + 1) : 4;
  return {
    batch: r.int(1, 5),
    inH,
    inW,
    inC: r.int(1, 9),
    outC: r.int(1, 9),
    fH: r.int(1, Math.min(4, maxFH)),
    fW: r.int(1, Math.min(4, maxFW)),
    stride,
    dilation,
    pad,
    mult: r.int(1, 3),
  };
}

function outSize(c: Case): [number, number] {
  const eh = (c.fH - 1) * c.dilation[0] + 1;
  const ew = (c.fW - 1) * c.dilation[1] + 1;
  if (c.pad === 'same') return [Math.ceil(c.inH / c.stride[0]), Math.ceil(c.inW / c.stride[1])];
  return [Math.ceil((c.inH - eh + 1) / c.stride[0]), Math.ceil((c.inW - ew + 1) / c.stride[1])];
}

function dilatedSize(c: Case): [number, number] {
  return [(c.fH - 1) * c.dilation[0] + 1, (c.fW - 1) * c.dilation[1] + 1];
}

/** The undilated filter equivalent to `w` with the case's dilation (zeros between taps). */
function dilateFilter(w: tf.Tensor4D, c: Case): tf.Tensor4D {
  const [eh, ew] = dilatedSize(c);
  const src = w.arraySync();
  const out = tf.buffer([eh, ew, w.shape[2], w.shape[3]]);
  for (let i = 0; i < c.fH; i++)
    for (let j = 0; j < c.fW; j++)
      for (let k = 0; k < w.shape[2]; k++)
        for (let q = 0; q < w.shape[3]; q++) out.set(src[i][j][k][q], i * c.dilation[0], j * c.dilation[1], k, q);
  return out.toTensor() as tf.Tensor4D;
}

const describeLabel = (c: Case) =>
  `b${c.batch} ${c.inH}x${c.inW}x${c.inC}->${c.outC} f${c.fH}x${c.fW} s${c.stride} d${c.dilation} ${c.pad} m${c.mult}`;

const CASES = 30;

for (const threads of [1, 2]) {
  describe(`conv kernels vs cpu (${threads} thread${threads > 1 ? 's' : ''})`, () => {
    beforeAll(async () => {
      await setBackend('wasm');
      await getRuntime().setThreads(threads);
      driverTuning.minMacsPerThread = threads > 1 ? 1 : 1 << 18;
    });
    afterAll(async () => {
      driverTuning.minMacsPerThread = 1 << 18;
      await setBackend('wasm');
    });

    it('Conv2DBackpropFilter', async () => {
      const r = rng(11 + threads);
      for (let i = 0; i < CASES; i++) {
        const c = randomCase(r, false);
        const [oh, ow] = outSize(c);
        const filterShape: [number, number, number, number] = [c.fH, c.fW, c.inC, c.outC];
        const x = { values: r.floats(c.batch * c.inH * c.inW * c.inC), shape: [c.batch, c.inH, c.inW, c.inC] };
        const dy = { values: r.floats(c.batch * oh * ow * c.outC), shape: [c.batch, oh, ow, c.outC] };
        const { cpu, wasm } = await onBoth(
          [x, dy],
          (xt, dyt) =>
            tf
              .engine()
              .runKernel(
                'Conv2DBackpropFilter',
                { x: xt, dy: dyt },
                { strides: c.stride, pad: c.pad, dataFormat: 'NHWC', filterShape },
              ) as tf.Tensor,
        );
        expectClose(wasm, cpu, describeLabel(c));
      }
    });

    it('Conv2DBackpropInput', async () => {
      const r = rng(23 + threads);
      for (let i = 0; i < CASES; i++) {
        const c = randomCase(r, false);
        const [oh, ow] = outSize(c);
        const inputShape: [number, number, number, number] = [c.batch, c.inH, c.inW, c.inC];
        const w = { values: r.floats(c.fH * c.fW * c.inC * c.outC), shape: [c.fH, c.fW, c.inC, c.outC] };
        const dy = { values: r.floats(c.batch * oh * ow * c.outC), shape: [c.batch, oh, ow, c.outC] };
        const { cpu, wasm } = await onBoth(
          [dy, w],
          (dyt, wt) =>
            tf
              .engine()
              .runKernel(
                'Conv2DBackpropInput',
                { dy: dyt, filter: wt },
                { strides: c.stride, pad: c.pad, dataFormat: 'NHWC', inputShape },
              ) as tf.Tensor,
        );
        expectClose(wasm, cpu, describeLabel(c));
      }
    });

    it('DepthwiseConv2dNativeBackpropFilter', async () => {
      const r = rng(37 + threads);
      for (let i = 0; i < CASES; i++) {
        const c = randomCase(r, true);
        const [oh, ow] = outSize(c);
        const filterShape: [number, number, number, number] = [c.fH, c.fW, c.inC, c.mult];
        const x = { values: r.floats(c.batch * c.inH * c.inW * c.inC), shape: [c.batch, c.inH, c.inW, c.inC] };
        const dy = { values: r.floats(c.batch * oh * ow * c.inC * c.mult), shape: [c.batch, oh, ow, c.inC * c.mult] };
        const { wasm } = await onBoth(
          [x, dy],
          (xt, dyt) =>
            tf
              .engine()
              .runKernel(
                'DepthwiseConv2dNativeBackpropFilter',
                { x: xt, dy: dyt },
                { strides: c.stride, dilations: c.dilation, pad: c.pad, filterShape },
              ) as tf.Tensor,
        );
        // tfjs's cpu kernel ignores dilation in its loops, so the reference runs the
        // equivalent undilated filter (zeros between taps) and keeps every d-th tap.
        const [eh, ew] = dilatedSize(c);
        const { cpu } = await onBoth([x, dy], (xt, dyt) => {
          const big = tf
            .engine()
            .runKernel(
              'DepthwiseConv2dNativeBackpropFilter',
              { x: xt, dy: dyt },
              { strides: c.stride, dilations: 1, pad: c.pad, filterShape: [eh, ew, c.inC, c.mult] },
            ) as tf.Tensor4D;
          return tf.stridedSlice(big, [0, 0, 0, 0], [eh, ew, c.inC, c.mult], [c.dilation[0], c.dilation[1], 1, 1]);
        });
        expectClose(wasm, cpu, describeLabel(c));
      }
    });

    it('DepthwiseConv2dNativeBackpropInput', async () => {
      const r = rng(41 + threads);
      for (let i = 0; i < CASES; i++) {
        const c = randomCase(r, true);
        const [oh, ow] = outSize(c);
        const inputShape: [number, number, number, number] = [c.batch, c.inH, c.inW, c.inC];
        const w = { values: r.floats(c.fH * c.fW * c.inC * c.mult), shape: [c.fH, c.fW, c.inC, c.mult] };
        const dy = { values: r.floats(c.batch * oh * ow * c.inC * c.mult), shape: [c.batch, oh, ow, c.inC * c.mult] };
        const { wasm } = await onBoth(
          [dy, w],
          (dyt, wt) =>
            tf
              .engine()
              .runKernel(
                'DepthwiseConv2dNativeBackpropInput',
                { dy: dyt, filter: wt },
                { strides: c.stride, dilations: c.dilation, pad: c.pad, inputShape },
              ) as tf.Tensor,
        );
        const { cpu } = await onBoth(
          [dy, w],
          (dyt, wt) =>
            tf
              .engine()
              .runKernel(
                'DepthwiseConv2dNativeBackpropInput',
                { dy: dyt, filter: dilateFilter(wt as tf.Tensor4D, c) },
                { strides: c.stride, dilations: 1, pad: c.pad, inputShape },
              ) as tf.Tensor,
        );
        expectClose(wasm, cpu, describeLabel(c));
      }
    });

    it('Conv2D forward (batch >= 2 runs convkit, dilation 1-2)', async () => {
      const r = rng(61 + threads);
      for (let i = 0; i < CASES; i++) {
        const c = randomCase(r, true);
        const batch = Math.max(2, c.batch);
        const x = { values: r.floats(batch * c.inH * c.inW * c.inC), shape: [batch, c.inH, c.inW, c.inC] };
        const w = { values: r.floats(c.fH * c.fW * c.inC * c.outC), shape: [c.fH, c.fW, c.inC, c.outC] };
        const { cpu, wasm } = await onBoth([x, w], (xt, wt) =>
          tf.conv2d(xt as tf.Tensor4D, wt as tf.Tensor4D, c.stride, c.pad, 'NHWC', c.dilation),
        );
        expectClose(wasm, cpu, describeLabel(c));
      }
    });

    it('Conv2D batch 1 with non-square filters/strides (wrong in tfjs-backend-wasm 4.22) runs convkit', async () => {
      const r = rng(59 + threads);
      for (const [fH, fW, sH, sW, C] of [
        [1, 3, 2, 1, 1],
        [1, 3, 2, 1, 5],
        [3, 1, 1, 2, 1],
        [2, 1, 2, 2, 3],
        [3, 3, 2, 1, 4],
      ]) {
        const x = { values: r.floats(7 * 8 * C), shape: [1, 7, 8, C] };
        const w = { values: r.floats(fH * fW * C * 4), shape: [fH, fW, C, 4] };
        const { cpu, wasm } = await onBoth([x, w], (xt, wt) =>
          tf.conv2d(xt as tf.Tensor4D, wt as tf.Tensor4D, [sH, sW], 'same'),
        );
        expectClose(wasm, cpu, `batch 1 f${fH}x${fW} s${sH},${sW} C${C} same`);
      }
    });

    it('FusedConv2D (bias + relu/linear epilogue; batch 1 on the threads, other activations via XNNPACK)', async () => {
      const r = rng(71 + threads);
      // Every single-image conv takes convkit's threaded path here (when 2 threads run).
      const saved = driverTuning.minMacsSingleImage;
      driverTuning.minMacsSingleImage = 1;
      try {
        for (let i = 0; i < CASES; i++) {
          const c = randomCase(r, false);
          const act = r.pick(['relu', 'linear', 'relu6', 'elu'] as const);
          const withBias = r.next() < 0.8;
          const x = { values: r.floats(c.batch * c.inH * c.inW * c.inC), shape: [c.batch, c.inH, c.inW, c.inC] };
          const w = { values: r.floats(c.fH * c.fW * c.inC * c.outC), shape: [c.fH, c.fW, c.inC, c.outC] };
          const b = { values: r.floats(c.outC), shape: [c.outC] };
          const { cpu, wasm } = await onBoth([x, w, b], (xt, wt, bt) =>
            tf.fused.conv2d({
              x: xt as tf.Tensor4D,
              filter: wt as tf.Tensor4D,
              strides: c.stride,
              pad: c.pad,
              bias: withBias ? bt : undefined,
              activation: act,
            }),
          );
          expectClose(wasm, cpu, `${describeLabel(c)} ${act}${withBias ? ' +bias' : ''}`);
        }
      } finally {
        driverTuning.minMacsSingleImage = saved;
      }
    });

    it('one input channel (direct kernels): Conv2D values and filter gradients', async () => {
      const r = rng(67 + threads);
      for (let i = 0; i < CASES; i++) {
        const c = { ...randomCase(r, true), inC: 1, outC: r.pick([1, 3, 4, 13, 16, 20, 32, 37]) };
        c.inH = r.int(1, 30);
        c.inW = r.int(1, 30);
        if (c.pad === 'valid') {
          c.fH = Math.min(c.fH, Math.floor((c.inH - 1) / c.dilation[0]) + 1);
          c.fW = Math.min(c.fW, Math.floor((c.inW - 1) / c.dilation[1]) + 1);
        }
        const batch = Math.max(2, c.batch);
        const [oh, ow] = outSize(c);
        const x = { values: r.floats(batch * c.inH * c.inW), shape: [batch, c.inH, c.inW, 1] };
        const w = { values: r.floats(c.fH * c.fW * c.outC), shape: [c.fH, c.fW, 1, c.outC] };
        const fwd = await onBoth([x, w], (xt, wt) =>
          tf.conv2d(xt as tf.Tensor4D, wt as tf.Tensor4D, c.stride, c.pad, 'NHWC', c.dilation),
        );
        expectClose(fwd.wasm, fwd.cpu, `forward ${describeLabel(c)}`);
        // tfjs's cpu filter gradient has no dilation; compare it undilated.
        const s: [number, number] = c.dilation[0] > 1 || c.dilation[1] > 1 ? [1, 1] : c.stride;
        const u = { ...c, stride: s, dilation: [1, 1] as [number, number] };
        const [uh, uw] = outSize(u);
        const dy = { values: r.floats(batch * uh * uw * c.outC), shape: [batch, uh, uw, c.outC] };
        const bpf = await onBoth(
          [x, dy],
          (xt, dyt) =>
            tf
              .engine()
              .runKernel(
                'Conv2DBackpropFilter',
                { x: xt, dy: dyt },
                { strides: s, pad: c.pad, dataFormat: 'NHWC', filterShape: [c.fH, c.fW, 1, c.outC] },
              ) as tf.Tensor,
        );
        expectClose(bpf.wasm, bpf.cpu, `grad filter ${describeLabel(u)} (out ${oh}x${ow})`);
      }
    });

    it('BatchMatMul (transposes, batch, broadcast)', async () => {
      const r = rng(71 + threads);
      for (let i = 0; i < CASES; i++) {
        const [M, N, K] = [r.int(1, 40), r.int(1, 40), r.int(1, 70)];
        const ta = r.next() < 0.5;
        const tb = r.next() < 0.5;
        const ba = r.int(1, 3);
        const bb = r.pick([1, ba]);
        const aShape = [ba, ta ? K : M, ta ? M : K];
        const bShape = [bb, tb ? N : K, tb ? K : N];
        const { cpu, wasm } = await onBoth(
          [
            { values: r.floats(ba * M * K), shape: aShape },
            { values: r.floats(bb * K * N), shape: bShape },
          ],
          (at, bt) => tf.matMul(at, bt, ta, tb),
        );
        expectClose(wasm, cpu, `matMul ${aShape} ${bShape} ${ta} ${tb}`);
      }
    });

    it('Sum over leading axes (and others via tfjs-backend-wasm)', async () => {
      const r = rng(83 + threads);
      for (let i = 0; i < CASES; i++) {
        const shape = [r.int(1, 40), r.int(1, 30), r.int(1, 20), r.int(1, 9)];
        const axis = r.pick([[0], [0, 1], [0, 1, 2], [1, 2], [3]]);
        const keep = r.next() < 0.3;
        const { cpu, wasm } = await onBoth([{ values: r.floats(shape.reduce((p, q) => p * q)), shape }], (xt) =>
          tf.sum(xt, axis, keep),
        );
        expectClose(wasm, cpu, `sum ${shape} axis ${axis} keep ${keep}`);
      }
    });

    it('Multiply (same shape, scalar, broadcast fallback)', async () => {
      const r = rng(97 + threads);
      for (const [sa, sb] of [
        [
          [40, 30, 9],
          [40, 30, 9],
        ],
        [[40, 30, 9], []],
        [[1], [50, 300]],
        [[40, 30, 9], [9]],
        [
          [3, 5],
          [3, 5],
        ],
      ]) {
        const sz = (s: number[]) => s.reduce((p, q) => p * q, 1);
        const { cpu, wasm } = await onBoth(
          [
            { values: r.floats(sz(sa)), shape: sa },
            { values: r.floats(sz(sb)), shape: sb },
          ],
          (at, bt) => tf.mul(at, bt),
        );
        expectClose(wasm, cpu, `mul ${sa} ${sb}`);
      }
    });

    it('MaxPoolGrad', async () => {
      const r = rng(53 + threads);
      for (let i = 0; i < CASES; i++) {
        const c = randomCase(r, false);
        const shape = [c.batch, c.inH, c.inW, c.inC];
        const x = { values: r.floats(c.batch * c.inH * c.inW * c.inC), shape };
        const fs: [number, number] = [Math.min(c.fH, 3), Math.min(c.fW, 3)];
        const { cpu, wasm } = await onBoth([x], (xt) =>
          tf.grad((t: tf.Tensor) => tf.sum(tf.square(tf.maxPool(t as tf.Tensor4D, fs, c.stride, c.pad))))(xt),
        );
        expectClose(wasm, cpu, `maxPool ${fs} ${describeLabel(c)}`);
      }
    });

    it('Identity and same-dtype Cast share data; other casts convert', async () => {
      await setBackend('wasm');
      const before = tf.memory().numTensors;
      const r = rng(89 + threads);
      const vals = r.floats(1000);
      const x = tf.tensor(vals, [10, 100]);
      const y = tf.clone(x);
      const z = tf.cast(x, 'float32');
      x.dispose();
      expectClose(await y.data(), vals, 'identity after disposing its source');
      y.dispose();
      expectClose(await z.data(), vals, 'cast float32 -> float32');
      const [ints, bools] = tf.tidy(() => [
        tf.cast(tf.tensor([1.7, -2.2, 3]), 'int32'),
        tf.cast(tf.cast(tf.tensor([0, 2, -1]), 'bool'), 'float32'),
      ]);
      expect(Array.from(await ints.data())).toEqual([1, -2, 3]);
      expect(Array.from(await bools.data())).toEqual([0, 1, 1]);
      tf.dispose([z, ints, bools]);
      expect(tf.memory().numTensors).toBe(before);
    });

    it('back-to-back jobs of every size give the same values as the first run (no share lost or run twice)', async () => {
      const r = rng(83 + threads);
      const cases = Array.from({ length: 12 }, () => {
        const [m, k, n] = [r.int(16, 100), r.int(8, 64), r.int(8, 64)];
        return { m, k, n, a: tf.tensor(r.floats(m * k), [m, k]), b: tf.tensor(r.floats(k * n), [k, n]) };
      });
      try {
        const first = cases.map((c) =>
          tf
            .tidy(() => tf.matMul(c.a, c.b))
            .dataSync()
            .slice(),
        );
        for (let round = 0; round < 40; round++) {
          for (const [i, c] of cases.entries()) {
            const y = tf.matMul(c.a, c.b);
            const got = y.dataSync();
            y.dispose();
            if (got.some((v, j) => v !== first[i][j])) {
              throw new Error(`round ${round}, ${c.m}x${c.k}x${c.n}: values changed between identical runs`);
            }
          }
        }
        // ... and those values are the product (plain JS reference).
        for (const [i, c] of cases.entries()) {
          const a = c.a.dataSync();
          const b = c.b.dataSync();
          const ref = new Float32Array(c.m * c.n);
          for (let p = 0; p < c.m; p++)
            for (let q = 0; q < c.n; q++) {
              let acc = 0;
              for (let t = 0; t < c.k; t++) acc += a[p * c.k + t] * b[t * c.n + q];
              ref[p * c.n + q] = acc;
            }
          expectClose(first[i], ref, `${c.m}x${c.k}x${c.n}`);
        }
      } finally {
        for (const c of cases) tf.dispose([c.a, c.b]);
      }
    });

    it('leaves no tensors behind', async () => {
      await setBackend('wasm');
      const before = tf.memory().numTensors;
      const x = tf.randomNormal([2, 6, 6, 3]);
      const w = tf.randomNormal([3, 3, 3, 4]);
      const g = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'same')),
      );
      const [dx, dw] = g([x, w]);
      tf.dispose([x, w, dx, dw]);
      expect(tf.memory().numTensors).toBe(before);
    });
  });
}
