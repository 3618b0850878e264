/**
 * convkit's fused optimizer kernels on 'wasm' (ConvkitFusedAdam, ConvkitFusedSgd,
 * ConvkitFusedRmsprop; csrc/optim.c) against the composite of ordinary ops on
 * the cpu backend, on 1 and 2 threads, with tensor sizes that leave SIMD tails
 * and one large enough to be split across threads. Tolerance 1e-6 relative
 * (the kernels repeat the composite's float32 operations in the same order, so
 * they normally agree to the bit). Then Adam, AdamW, SGD (Nesterov) and
 * RMSprop from @convkit/optim train a tiny model for a few steps on 'wasm'
 * with the fused kernel and with it unregistered (the composite): same weights
 * within 1e-6 relative. No leaked tensors.
 */
import { convkitKernelConfigs, setThreadsCount } from '@convkit/backend-wasm';
import { type Optimizer, ops, setBackend } from '@convkit/core';
import { Adam, AdamW, RMSprop, SGD } from '@convkit/optim';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { rng } from './helpers';

/** Shapes of one update: SIMD tails (7, 3), a conv kernel, and 100,000 floats (split across 2 threads). */
const SHAPES = [[7], [3, 3, 1, 32], [3], [1000, 100]];
const REL = 1e-6;

function expectSame(got: Float32Array[], ref: Float32Array[], what: string): void {
  expect(got.length, what).toBe(ref.length);
  got.forEach((g, i) => {
    let worst = 0;
    let at = 0;
    for (let j = 0; j < g.length; j++) {
      const e = Math.abs(g[j] - ref[i][j]) / (1e-30 + Math.abs(ref[i][j]));
      if (!(e <= worst)) {
        worst = e;
        at = j;
      }
    }
    expect(worst, `${what}[${i}] at ${at}: got ${g[at]}, want ${ref[i][at]}`).toBeLessThanOrEqual(REL);
  });
}

/** Random groups (seeded): each an array of Float32Arrays of SHAPES. */
function groups(seed: number, count: number, positive: number[] = []): Float32Array[][] {
  const r = rng(seed);
  return Array.from({ length: count }, (_, k) =>
    SHAPES.map((s) => {
      const a = r.floats(s.reduce((x, y) => x * y, 1));
      if (positive.includes(k)) for (let i = 0; i < a.length; i++) a[i] = Math.abs(a[i]) * 0.1;
      return a;
    }),
  );
}

type Run = (lists: tf.Tensor[][]) => tf.Tensor[];

/** Runs `run` on `backend` over tensors made from `data`; returns the outputs' values and the kernels run. */
async function runOn(backend: string, data: Float32Array[][], run: Run) {
  await setBackend(backend);
  const lists = data.map((g) => g.map((a, i) => tf.tensor(a, SHAPES[i])));
  const before = tf.memory().numTensors;
  let outs: tf.Tensor[] = [];
  const prof = await tf.profile(() => {
    outs = run(lists);
  });
  expect(tf.memory().numTensors, `${backend}: only the outputs are new`).toBe(before + outs.length);
  const values = await Promise.all(outs.map(async (t) => (await t.data()) as Float32Array));
  tf.dispose([...outs, ...lists.flat()]);
  return { values, kernels: prof.kernelNames };
}

async function compare(name: string, kernel: string, data: Float32Array[][], run: Run) {
  const ref = await runOn('cpu', data, run);
  expect(ref.kernels).not.toContain(kernel);
  for (const threads of [1, 2]) {
    await setBackend('wasm');
    await setThreadsCount(threads);
    const got = await runOn('wasm', data, run);
    expect(got.kernels, `${name}: the fused kernel runs`).toEqual([kernel]);
    expectSame(got.values, ref.values, `${name}, ${threads} thread(s)`);
  }
}

afterAll(async () => {
  await setBackend('wasm');
  await setThreadsCount(2);
});

describe('fused optimizer kernels match the composite on cpu', () => {
  for (const weightDecay of [0, 0.02]) {
    it(`ConvkitFusedAdam, weightDecay ${weightDecay}`, async () => {
      const data = groups(1, 4, [3]);
      await compare(`adam wd ${weightDecay}`, ops.FUSED_ADAM_KERNEL, data, ([p, g, m, v]) => {
        const r = ops.fusedAdamUpdate(p, g, m, v, {
          lr: 3e-3,
          beta1: 0.9,
          beta2: 0.999,
          epsilon: 1e-7,
          step: 7,
          weightDecay,
        });
        return [...r.params, ...r.ms, ...r.vs];
      });
    });
  }

  for (const [momentum, nesterov, weightDecay] of [
    [0, false, 0],
    [0.9, false, 0.01],
    [0.9, true, 0],
  ] as const) {
    it(`ConvkitFusedSgd, momentum ${momentum}, nesterov ${nesterov}, weightDecay ${weightDecay}`, async () => {
      const data = groups(2, momentum > 0 ? 3 : 2);
      await compare(`sgd ${momentum} ${nesterov}`, ops.FUSED_SGD_KERNEL, data, ([p, g, b]) => {
        const r = ops.fusedSgdUpdate(p, g, b ?? [], { lr: 0.05, momentum, nesterov, weightDecay });
        return [...r.params, ...r.buffers];
      });
    });
  }

  for (const [momentum, centered] of [
    [0, false],
    [0.5, true],
  ] as const) {
    it(`ConvkitFusedRmsprop, momentum ${momentum}, centered ${centered}`, async () => {
      const data = groups(3, 5, [2]);
      await compare(`rmsprop ${momentum} ${centered}`, ops.FUSED_RMSPROP_KERNEL, data, ([p, g, s, a, b]) => {
        const r = ops.fusedRmspropUpdate(
          p,
          g,
          { meanSquares: s, meanGrads: centered ? a : [], buffers: momentum > 0 ? b : [] },
          { lr: 1e-3, rho: 0.9, epsilon: 1e-7, momentum, centered },
        );
        return [...r.params, ...r.meanSquares, ...r.meanGrads, ...r.buffers];
      });
    });
  }

  it('rejects a call with a missing input', async () => {
    await setBackend('wasm');
    const p = tf.tensor([1, 2]);
    const attrs = { n: 2, lr: 1, beta1: 0.9, beta2: 0.9, epsilon: 0, step: 1, weightDecay: 0 };
    expect(() =>
      tf.engine().runKernel(ops.FUSED_ADAM_KERNEL, { p0: p, g0: p, m0: p, v0: p }, attrs as unknown as tf.NamedAttrMap),
    ).toThrow(/input p1 is missing/);
    p.dispose();
  });
});

// ---------- a tiny model trained by @convkit/optim, fused kernel vs composite ----------

function tinyModel(v: tf.Variable[], x: tf.Tensor4D): tf.Tensor {
  let h = tf.relu(tf.add(tf.conv2d(x, v[0] as tf.Tensor4D, 1, 'valid'), v[1]));
  h = tf.maxPool(h as tf.Tensor4D, 2, 2, 'valid');
  return tf.add(tf.matMul(tf.reshape(h, [x.shape[0], -1]), v[2] as tf.Tensor2D), v[3]);
}

/** Weights after `steps` updates of `opt` on 'wasm', with the optimizer's fused kernel registered or not. */
async function trainTiny(opt: Optimizer, kernel: string, fused: boolean, steps: number): Promise<Float32Array[]> {
  await setBackend('wasm');
  const config = convkitKernelConfigs.find((k) => k.kernelName === kernel)!;
  try {
    if (!fused) tf.unregisterKernel(kernel, 'wasm');
    const r = rng(11);
    const shapes = [[3, 3, 1, 6], [6], [4 * 4 * 6, 3], [3]];
    const vars = shapes.map((s, i) =>
      tf.tidy(() => tf.variable(tf.mul(tf.tensor(r.floats(s.reduce((a, b) => a * b, 1)), s), 0.5), true, `tiny${i}`)),
    );
    const x = tf.tensor4d(r.floats(4 * 10 * 10), [4, 10, 10, 1]);
    const y = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 2, 1, 2], 'int32'), 3));
    for (let s = 0; s < steps; s++) {
      const { value, grads } = tf.variableGrads(
        () => tf.losses.softmaxCrossEntropy(y, tinyModel(vars, x)) as tf.Scalar,
      );
      opt.applyGradients(vars.map((v) => ({ variable: v, gradient: grads[v.name] })));
      tf.dispose([value, ...Object.values(grads)]);
    }
    const out = await Promise.all(vars.map(async (v) => (await v.data()) as Float32Array));
    tf.dispose([x, y, ...vars]);
    opt.dispose();
    return out;
  } finally {
    if (!tf.getKernel(kernel, 'wasm')) tf.registerKernel(config);
  }
}

describe('optimizers train the same on the fused kernel and on the composite', () => {
  const cases: [string, () => Optimizer, string][] = [
    ['Adam', () => new Adam({ learningRate: 0.01 }), ops.FUSED_ADAM_KERNEL],
    ['AdamW', () => new AdamW({ learningRate: 0.01, weightDecay: 0.1 }), ops.FUSED_ADAM_KERNEL],
    ['SGD Nesterov', () => new SGD({ learningRate: 0.1, momentum: 0.9, nesterov: true }), ops.FUSED_SGD_KERNEL],
    [
      'RMSprop centered',
      () => new RMSprop({ learningRate: 0.01, centered: true, momentum: 0.5 }),
      ops.FUSED_RMSPROP_KERNEL,
    ],
  ];
  for (const [name, make, kernel] of cases) {
    it(`${name}: 4 steps of a tiny CNN`, async () => {
      await setBackend('wasm');
      const start = tf.memory().numTensors;
      const fused = await trainTiny(make(), kernel, true, 4);
      const composite = await trainTiny(make(), kernel, false, 4);
      expect(tf.getKernel(kernel, 'wasm'), 'kernel registered again').toBeDefined();
      expect(tf.memory().numTensors).toBe(start);
      expectSame(fused, composite, name);
    });
  }
});
