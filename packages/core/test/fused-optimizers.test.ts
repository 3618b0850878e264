/**
 * The fused optimizer ops (`ops.fusedAdamUpdate`, `fusedSgdUpdate`,
 * `fusedRmspropUpdate`): the composite path against a float64 element-wise
 * reference written from the formulas (tolerance 1e-6 relative), the kernel
 * path's contract (input names, attrs, output order) through a kernel
 * registered for 'cpu' in the test, typed errors for bad input, and no leaks.
 */
import { ConfigError, numTensors, ops, ShapeError, setBackend, type Tensor, tensor } from '@convkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

const SHAPES = [[2, 3], [5], [1, 1, 7]];

function seq(seed: number, n: number, scale = 1): number[] {
  let a = seed >>> 0;
  return Array.from({ length: n }, () => {
    a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
    return ((a / 2 ** 32) * 2 - 1) * scale;
  });
}

function group(seed: number, scale = 1, positive = false): { data: number[][]; ts: Tensor[] } {
  const data = SHAPES.map((s, i) =>
    seq(
      seed * 31 + i,
      s.reduce((a, b) => a * b, 1),
      scale,
    ),
  );
  if (positive) data.forEach((d) => d.forEach((v, j) => (d[j] = Math.abs(v))));
  return { data, ts: data.map((d, i) => tensor(d, SHAPES[i])) };
}

function expectNear(got: Tensor[], ref: number[][], what: string): void {
  got.forEach((t, i) => {
    const g = t.dataSync();
    expect(g.length, what).toBe(ref[i].length);
    ref[i].forEach((r, j) => {
      expect(Math.abs(g[j] - r) / (1e-6 + Math.abs(r)), `${what}[${i}][${j}] got ${g[j]} want ${r}`).toBeLessThan(1e-5);
    });
  });
}

beforeAll(async () => {
  await setBackend('cpu');
});

describe('fusedAdamUpdate (composite path)', () => {
  for (const weightDecay of [0, 0.1]) {
    it(`matches the formulas, weightDecay ${weightDecay}`, () => {
      const p = group(1);
      const g = group(2, 0.5);
      const m = group(3, 0.1);
      const v = group(4, 0.01, true);
      const c = { lr: 0.01, beta1: 0.85, beta2: 0.99, epsilon: 1e-3, step: 3, weightDecay };
      const before = numTensors();
      const out = ops.fusedAdamUpdate(p.ts, g.ts, m.ts, v.ts, c);
      expect(numTensors()).toBe(before + 9);
      const refM = m.data.map((ms, i) => ms.map((x, j) => c.beta1 * x + (1 - c.beta1) * g.data[i][j]));
      const refV = v.data.map((vs, i) => vs.map((x, j) => c.beta2 * x + (1 - c.beta2) * g.data[i][j] ** 2));
      const refP = p.data.map((ps, i) =>
        ps.map((x, j) => {
          const mh = refM[i][j] / (1 - c.beta1 ** c.step);
          const vh = refV[i][j] / (1 - c.beta2 ** c.step);
          return x * (1 - c.lr * weightDecay) - (c.lr * mh) / (Math.sqrt(vh) + c.epsilon);
        }),
      );
      expectNear(out.params, refP, 'p');
      expectNear(out.ms, refM, 'm');
      expectNear(out.vs, refV, 'v');
      tf.dispose([...out.params, ...out.ms, ...out.vs, ...p.ts, ...g.ts, ...m.ts, ...v.ts]);
    });
  }

  it('rejects bad input with typed errors naming the argument, leaking nothing', () => {
    const p = [tensor([1, 2, 3])];
    const short = [tensor([1, 2])];
    const ok = { lr: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, step: 1 };
    const before = numTensors();
    expect(() => ops.fusedAdamUpdate(p, short, p, p, ok)).toThrow(ShapeError);
    expect(() => ops.fusedAdamUpdate(p, short, p, p, ok)).toThrow(/grads\[0\] has shape \[2\], expected \[3\]/);
    expect(() => ops.fusedAdamUpdate(p, [], p, p, ok)).toThrow(/grads has 0 tensors but params has 1/);
    expect(() => ops.fusedAdamUpdate(p, p, p, p, { ...ok, beta1: 1 })).toThrow(ConfigError);
    expect(() => ops.fusedAdamUpdate(p, p, p, p, { ...ok, step: 0 })).toThrow(/step/);
    expect(() => ops.fusedAdamUpdate(p, p, p, p, { ...ok, step: 1.5 })).toThrow(ConfigError);
    expect(() => ops.fusedAdamUpdate(p, p, p, p, { ...ok, lr: Number.NaN })).toThrow(/lr/);
    expect(() => ops.fusedAdamUpdate(p, p, p, p, { ...ok, weightDecay: -1 })).toThrow(/weightDecay/);
    expect(numTensors()).toBe(before);
    tf.dispose([...p, ...short]);
  });

  it('returns empty lists for no parameters', () => {
    const out = ops.fusedAdamUpdate([], [], [], [], { lr: 1, beta1: 0, beta2: 0, epsilon: 0, step: 1 });
    expect(out).toEqual({ params: [], ms: [], vs: [] });
  });
});

describe('fusedSgdUpdate and fusedRmspropUpdate (composite path)', () => {
  for (const [momentum, nesterov, weightDecay] of [
    [0, false, 0],
    [0.9, false, 0],
    [0.9, true, 0.05],
  ] as const) {
    it(`SGD momentum ${momentum} nesterov ${nesterov} weightDecay ${weightDecay}`, () => {
      const p = group(5);
      const g = group(6);
      const b = group(7, 0.2);
      const lr = 0.05;
      const bufs = momentum > 0 ? b.ts : [];
      const out = ops.fusedSgdUpdate(p.ts, g.ts, bufs, { lr, momentum, nesterov, weightDecay });
      const refB = b.data.map((bs, i) => bs.map((x, j) => momentum * x + g.data[i][j]));
      const refP = p.data.map((ps, i) =>
        ps.map((x, j) => {
          const gj = g.data[i][j];
          const d = momentum === 0 ? gj : nesterov ? gj + momentum * refB[i][j] : refB[i][j];
          return x * (1 - lr * weightDecay) - lr * d;
        }),
      );
      expectNear(out.params, refP, 'p');
      if (momentum > 0) expectNear(out.buffers, refB, 'b');
      else expect(out.buffers).toEqual([]);
      tf.dispose([...out.params, ...out.buffers, ...p.ts, ...g.ts, ...b.ts]);
    });
  }

  for (const [momentum, centered] of [
    [0, false],
    [0.8, true],
  ] as const) {
    it(`RMSprop momentum ${momentum} centered ${centered}`, () => {
      const p = group(8);
      const g = group(9);
      const s = group(10, 0.5, true);
      const a = group(11, 0.1);
      const b = group(12, 0.1);
      const c = { lr: 0.01, rho: 0.9, epsilon: 1e-4, momentum, centered };
      const out = ops.fusedRmspropUpdate(
        p.ts,
        g.ts,
        { meanSquares: s.ts, meanGrads: centered ? a.ts : [], buffers: momentum > 0 ? b.ts : [] },
        c,
      );
      const refS = s.data.map((ss, i) => ss.map((x, j) => c.rho * x + (1 - c.rho) * g.data[i][j] ** 2));
      const refA = a.data.map((as, i) => as.map((x, j) => c.rho * x + (1 - c.rho) * g.data[i][j]));
      const refD = p.data.map((_, i) =>
        p.data[i].map((__, j) => {
          const w = centered ? Math.max(refS[i][j] - refA[i][j] ** 2, 0) : refS[i][j];
          return g.data[i][j] / (Math.sqrt(w) + c.epsilon);
        }),
      );
      const refB = refD.map((ds, i) => ds.map((d, j) => momentum * b.data[i][j] + d));
      const step = momentum > 0 ? refB : refD;
      const refP = p.data.map((ps, i) => ps.map((x, j) => x - c.lr * step[i][j]));
      expectNear(out.params, refP, 'p');
      expectNear(out.meanSquares, refS, 's');
      if (centered) expectNear(out.meanGrads, refA, 'a');
      if (momentum > 0) expectNear(out.buffers, refB, 'b');
      tf.dispose([...out.params, ...out.meanSquares, ...out.meanGrads, ...out.buffers]);
      tf.dispose([...p.ts, ...g.ts, ...s.ts, ...a.ts, ...b.ts]);
    });
  }

  it('rejects state that does not fit the options', () => {
    const p = [tensor([1, 2])];
    expect(() => ops.fusedSgdUpdate(p, p, p, { lr: 0.1 })).toThrow(/buffers must be an empty array/);
    expect(() => ops.fusedSgdUpdate(p, p, [], { lr: 0.1, momentum: 0.5 })).toThrow(ShapeError);
    expect(() => ops.fusedSgdUpdate(p, p, [], { lr: 0.1, nesterov: true })).toThrow(/nesterov needs momentum/);
    const c = { lr: 0.1, rho: 0.9, epsilon: 1e-7 };
    expect(() => ops.fusedRmspropUpdate(p, p, { meanSquares: p, meanGrads: p }, c)).toThrow(/centered is false/);
    expect(() => ops.fusedRmspropUpdate(p, p, { meanSquares: p }, { ...c, centered: true })).toThrow(ShapeError);
    expect(() => ops.fusedRmspropUpdate(p, p, { meanSquares: p }, { ...c, rho: -0.1 })).toThrow(ConfigError);
    tf.dispose(p);
  });
});

describe('kernel dispatch', () => {
  afterEach(() => {
    for (const k of [ops.FUSED_ADAM_KERNEL, ops.FUSED_SGD_KERNEL])
      if (tf.getKernel(k, 'cpu')) tf.unregisterKernel(k, 'cpu');
  });

  it('runs a registered ConvkitFusedAdam kernel with the contract inputs and attrs', () => {
    let seen: { inputs: string[]; attrs: Record<string, unknown> } | null = null;
    // A stand-in kernel: p' = p + 1, m' = m + 2, v' = v + 3, so the output order is visible.
    tf.registerKernel({
      kernelName: ops.FUSED_ADAM_KERNEL,
      backendName: 'cpu',
      kernelFunc: ({ inputs, attrs, backend }) => {
        seen = { inputs: Object.keys(inputs).sort(), attrs: { ...attrs } };
        const n = attrs.n as number;
        const cpu = backend as unknown as { makeTensorInfo(s: number[], d: string, v: Float32Array): tf.TensorInfo };
        const out: tf.TensorInfo[] = [];
        for (const [k, add] of [
          ['p', 1],
          ['m', 2],
          ['v', 3],
        ] as const)
          for (let i = 0; i < n; i++) {
            const t = inputs[`${k}${i}`]!;
            const vals = (backend.readSync(t.dataId) as Float32Array).map((x) => x + add);
            out.push(cpu.makeTensorInfo([...t.shape], 'float32', vals));
          }
        return out;
      },
    });
    const ps = [tensor([1, 2]), tensor([[5]])];
    const before = numTensors();
    const out = ops.fusedAdamUpdate(ps, ps, ps, ps, {
      lr: 0.5,
      beta1: 0.9,
      beta2: 0.99,
      epsilon: 1e-8,
      step: 4,
      weightDecay: 0.01,
    });
    expect(numTensors()).toBe(before + 6);
    expect(seen!.inputs).toEqual(['g0', 'g1', 'm0', 'm1', 'p0', 'p1', 'v0', 'v1']);
    expect(seen!.attrs).toEqual({ n: 2, lr: 0.5, beta1: 0.9, beta2: 0.99, epsilon: 1e-8, step: 4, weightDecay: 0.01 });
    expect(out.params.map((t) => Array.from(t.dataSync()))).toEqual([[2, 3], [6]]);
    expect(out.ms.map((t) => Array.from(t.dataSync()))).toEqual([[3, 4], [7]]);
    expect(out.vs.map((t) => Array.from(t.dataSync()))).toEqual([[4, 5], [8]]);
    expect(out.params[1].shape).toEqual([1, 1]);
    tf.dispose([...out.params, ...out.ms, ...out.vs, ...ps]);
  });

  it('frees the outputs and names the backend when a kernel returns the wrong count', () => {
    tf.registerKernel({
      kernelName: ops.FUSED_SGD_KERNEL,
      backendName: 'cpu',
      kernelFunc: ({ inputs, backend }) => {
        const cpu = backend as unknown as { makeTensorInfo(s: number[], d: string, v: Float32Array): tf.TensorInfo };
        return [cpu.makeTensorInfo([...inputs.p0!.shape], 'float32', new Float32Array(2))];
      },
    });
    const p = [tensor([1, 2])];
    const before = numTensors();
    expect(() => ops.fusedSgdUpdate(p, p, p, { lr: 0.1, momentum: 0.5 })).toThrow(
      /'cpu' kernel returned 1 tensors, expected 2/,
    );
    expect(numTensors()).toBe(before);
    tf.dispose(p);
  });
});
