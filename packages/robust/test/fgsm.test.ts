import { numTensors, ops, setSeed, type Tensor, tensor1d, tensor2d, tensor4d, tidy } from '@convkit/core';
import { Dense, Flatten, Sequential } from '@convkit/layers';
import { SGD } from '@convkit/optim';
import { fgsm } from '@convkit/robust';
import { describe, expect, it } from 'vitest';

/** Flatten → Dense(3, softmax) on 2×2×1 images, with hand-set weights. */
function handBuilt(): Sequential {
  setSeed(5);
  const model = new Sequential({
    layers: [new Flatten({ inputShape: [2, 2, 1] }), new Dense({ units: 3, activation: 'softmax' })],
  });
  model.compile({ optimizer: new SGD({ learningRate: 0.1 }), loss: 'sparseCategoricalCrossentropy' });
  const kernel = tensor2d([
    [1.0, -0.5, 0.3],
    [-0.8, 0.6, 0.2],
    [0.4, 0.9, -1.1],
    [-0.2, -0.7, 0.8],
  ]);
  const bias = tensor1d([0.1, -0.2, 0.05]);
  model.setWeights([kernel, bias]);
  kernel.dispose();
  bias.dispose();
  return model;
}

/** Cross-entropy of each image under the model, in float64 from the predicted probabilities. */
async function losses(model: Sequential, x: Tensor, labels: number[]): Promise<number[]> {
  const p = model.predict(x);
  const probs = (await p.array()) as number[][];
  p.dispose();
  return probs.map((row, i) => -Math.log(row[labels[i]]));
}

/** Central finite-difference gradient of each image's loss, per pixel. */
async function finiteDifferenceGradient(model: Sequential, images: number[][], labels: number[], h = 1e-2) {
  const grads: number[][] = images.map((img) => img.map(() => 0));
  for (let j = 0; j < 4; j++) {
    const shifted = (d: number) =>
      tensor4d(
        images.flatMap((img) => img.map((v, k) => (k === j ? v + d : v))),
        [images.length, 2, 2, 1],
      );
    const up = shifted(h);
    const down = shifted(-h);
    const lu = await losses(model, up, labels);
    const ld = await losses(model, down, labels);
    up.dispose();
    down.dispose();
    for (let i = 0; i < images.length; i++) grads[i][j] = (lu[i] - ld[i]) / (2 * h);
  }
  return grads;
}

describe('fgsm', () => {
  const images = [
    [0.3, 0.6, 0.5, 0.4],
    [0.7, 0.2, 0.45, 0.55],
    [0.5, 0.5, 0.35, 0.65],
  ];
  const labels = [0, 1, 2];

  it('moves every pixel by exactly ε · sign(gradient), the signs of a finite-difference gradient', async () => {
    const model = handBuilt();
    const x = tensor4d(images.flat(), [3, 2, 2, 1]);
    const y = tensor1d(labels, 'int32');
    const fd = await finiteDifferenceGradient(model, images, labels);
    // The check means something only if no component is near zero.
    for (const g of fd.flat()) expect(Math.abs(g)).toBeGreaterThan(1e-3);
    const before = numTensors();
    const eps = 0.1;
    const adv = fgsm(model, x, y, { eps });
    expect(numTensors()).toBe(before + 1);
    expect(adv.shape).toEqual([3, 2, 2, 1]);
    const got = (await adv.data()) as Float32Array;
    images.flat().forEach((v, k) => {
      const expected = Math.fround(Math.fround(v) + Math.fround(eps) * Math.sign(fd.flat()[k]));
      expect(Math.abs(got[k] - expected)).toBeLessThanOrEqual(1e-7);
    });
    // The attack raised every image's loss.
    const clean = await losses(model, x, labels);
    const attacked = await losses(model, adv, labels);
    attacked.forEach((l, i) => expect(l).toBeGreaterThan(clean[i]));
    adv.dispose();
    // Targeted toward the given classes: the opposite step.
    const toward = fgsm(model, x, y, { eps, targeted: true });
    const t = (await toward.data()) as Float32Array;
    images.flat().forEach((v, k) => {
      expect(t[k]).toBeCloseTo(v - eps * Math.sign(fd.flat()[k]), 6);
    });
    toward.dispose();
    expect(numTensors()).toBe(before);
    model.dispose();
    x.dispose();
    y.dispose();
  });

  it('still finds a direction when the softmax is saturated (no gradient masking by the loss clip)', async () => {
    const model = handBuilt();
    const scaled = model.getWeights().map((w) => tidy(() => ops.mul(w, 60)));
    model.setWeights(scaled);
    const x = tensor4d(images.flat(), [3, 2, 2, 1]);
    const p = model.predict(x);
    const probs = (await p.array()) as number[][];
    const labels2 = probs.map((row) => row.indexOf(Math.max(...row)));
    // The predicted class has probability 1 in float32: the compiled loss's clip has a zero gradient there.
    expect(probs.filter((row) => Math.max(...row) === 1).length).toBeGreaterThan(0);
    const y = tensor1d(labels2, 'int32');
    const adv = fgsm(model, x, y, { eps: 0.01, clip: null });
    const moved = (await adv.data()) as Float32Array;
    images.flat().forEach((v, k) => expect(Math.abs(moved[k] - v)).toBeCloseTo(0.01, 6));
    for (const t of [...scaled, x, p, y, adv]) t.dispose();
    model.dispose();
  });

  it('follows a given loss on an uncompiled model, with one-hot labels', async () => {
    const compiled = handBuilt();
    const bare = new Sequential({
      layers: [new Flatten({ inputShape: [2, 2, 1] }), new Dense({ units: 3, activation: 'softmax' })],
    });
    const weights = compiled.getWeights();
    bare.setWeights(weights);
    const x = tensor4d(images.flat(), [3, 2, 2, 1]);
    const y = tensor1d(labels, 'int32');
    const oneHot = tidy(() => ops.oneHot(y, 3));
    // −log p(label), written by hand: the same direction as the compiled cross-entropy.
    const loss = (t: Tensor, p: Tensor) => ops.neg(ops.mean(ops.sum(ops.mul(t, ops.log(p)), -1)));
    const a = fgsm(bare, x, oneHot, { eps: 0.1, loss });
    const b = fgsm(compiled, x, y, { eps: 0.1 });
    expect(Array.from(await a.data())).toEqual(Array.from(await b.data()));
    for (const t of [...weights, x, y, oneHot, a, b]) t.dispose();
    compiled.dispose();
    bare.dispose();
  });

  it('clips to the pixel range, or to a given one, or not at all', async () => {
    const model = handBuilt();
    const x = tensor4d(images.flat(), [3, 2, 2, 1]);
    const y = tensor1d(labels, 'int32');
    for (const [clip, lo, hi] of [
      [undefined, 0, 1],
      [[0.2, 0.8], 0.2, 0.8],
    ] as const) {
      const adv = fgsm(model, x, y, { eps: 0.5, clip });
      const v = (await adv.data()) as Float32Array;
      // float32 bounds: 0.8 is stored as 0.800000011920929
      expect(Math.min(...v)).toBeGreaterThanOrEqual(Math.fround(lo));
      expect(Math.max(...v)).toBeLessThanOrEqual(Math.fround(hi));
      expect(v.some((p) => p === Math.fround(lo) || p === Math.fround(hi))).toBe(true);
      adv.dispose();
    }
    const free = fgsm(model, x, y, { eps: 0.5, clip: null });
    const v = (await free.data()) as Float32Array;
    expect(Math.max(...v.map((p, k) => Math.abs(p - images.flat()[k])))).toBeCloseTo(0.5, 6);
    expect(Math.min(...v)).toBeLessThan(0);
    free.dispose();
    // ε = 0 returns a copy of the (clipped) images.
    const same = fgsm(model, x, y, { eps: 0 });
    expect(Array.from(await same.data())).toEqual(Array.from(await x.data()));
    same.dispose();
    model.dispose();
    x.dispose();
    y.dispose();
  });

  it('L2: the step is ε along the normalised gradient', async () => {
    const model = handBuilt();
    const x = tensor4d(images.flat(), [3, 2, 2, 1]);
    const y = tensor1d(labels, 'int32');
    const fd = await finiteDifferenceGradient(model, images, labels, 1e-3);
    const adv = fgsm(model, x, y, { eps: 0.05, norm: 'l2', clip: null });
    const got = (await adv.data()) as Float32Array;
    fd.forEach((g, i) => {
      const len = Math.hypot(...g);
      g.forEach((gj, j) => expect(got[i * 4 + j] - images[i][j]).toBeCloseTo((0.05 * gj) / len, 3));
    });
    adv.dispose();
    model.dispose();
    x.dispose();
    y.dispose();
  });

  it('refuses bad options and shapes with typed errors, creating nothing', () => {
    const model = handBuilt();
    const x = tidy(() => tensor4d(images.flat(), [3, 2, 2, 1]));
    const y = tensor1d(labels, 'int32');
    const before = numTensors();
    expect(() => fgsm(model, x, y, { eps: -0.1 })).toThrow(/fgsm: eps must be a finite number ≥ 0, got -0.1/);
    expect(() => fgsm(model, x, y, { eps: Number.NaN })).toThrow(/eps must be/);
    expect(() => fgsm(model, x, y, { eps: 0.1, stepSize: 0 })).toThrow(/stepSize must be a finite number > 0/);
    expect(() => fgsm(model, x, y, { eps: 0.1, norm: 'l1' as never })).toThrow(/norm must be 'linf' or 'l2'/);
    expect(() => fgsm(model, x, y, { eps: 0.1, clip: [1, 0] })).toThrow(/clip must be/);
    const wrong = tensor2d([[1, 2, 3, 4]]);
    expect(() => fgsm(model, wrong, y, { eps: 0.1 })).toThrow(
      /expects images of shape \[null, 2, 2, 1\], received \[1, 4\]/,
    );
    const short = tensor1d([0], 'int32');
    expect(() => fgsm(model, x, short, { eps: 0.1 })).toThrow(/differ in batch size/);
    const uncompiled = new Sequential({ layers: [new Flatten({ inputShape: [2, 2, 1] }), new Dense({ units: 3 })] });
    const beforeUncompiled = numTensors();
    expect(() => fgsm(uncompiled, x, y, { eps: 0.1 })).toThrow(/has no loss: compile it/);
    expect(numTensors()).toBe(beforeUncompiled);
    uncompiled.dispose();
    wrong.dispose();
    short.dispose();
    expect(numTensors()).toBe(before);
    model.dispose();
    x.dispose();
    y.dispose();
  });
});
