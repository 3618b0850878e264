import { ConfigError, numTensors, ops, setSeed, tensor } from '@convkit/core';
import { Conv2D, Dense, Flatten, Sequential } from '@convkit/layers';
import { Adam } from '@convkit/optim';
import { afterEach, describe, expect, it } from 'vitest';
import { clusterWeights, kmeans1d } from '../src/cluster';
import { distill, distillationLoss } from '../src/distill';
import { accuracyOf, hasSoftmaxActivation, logitsOf } from '../src/evaluate';
import { pruneOneShot } from '../src/pruning';
import { toyCnn, toyData } from './helpers';

const disposables: Array<{ dispose(): void }> = [];
afterEach(() => {
  for (const d of disposables.splice(0)) d.dispose();
});

describe('kmeans1d', () => {
  it('finds well-separated clusters and assigns every value to its nearest centroid', () => {
    const v = new Float32Array([0.9, 1.1, -2.05, 1.0, -1.95, 5, 5.2, -2]);
    const { centroids, assignment } = kmeans1d(v, 3);
    expect(centroids[0]).toBeCloseTo(-2, 5);
    expect(centroids[1]).toBeCloseTo(1, 5);
    expect(centroids[2]).toBeCloseTo(5.1, 5);
    expect([...assignment]).toEqual([1, 1, 0, 1, 0, 2, 2, 0]);
    // nearest-centroid property on random data
    const r = Float32Array.from({ length: 500 }, (_, i) => Math.sin(i * 12.9898) * 3);
    const k = kmeans1d(r, 8, { init: 'density' });
    for (let i = 0; i < r.length; i++) {
      const d = Math.abs(r[i] - k.centroids[k.assignment[i]]);
      for (const c of k.centroids) expect(d).toBeLessThanOrEqual(Math.abs(r[i] - c) + 1e-6);
    }
  });
});

describe('clusterWeights', () => {
  it('leaves at most k distinct values per kernel, keeps them through fine-tuning and preserves pruned zeros', async () => {
    setSeed(11);
    const { x, y } = toyData(192);
    const model = toyCnn();
    disposables.push(x, y, model);
    model.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: 'sparseCategoricalCrossentropy' });
    await model.fit(x, y, { epochs: 3, batchSize: 32 });
    const pruner = await pruneOneShot(model, { sparsity: 0.5 });
    pruner.strip();
    const zeros = model.weights
      .filter((w) => w.name.endsWith('kernel'))
      .map((w) => Array.from(w.variable.dataSync()).map((v) => v === 0));
    const clusterer = await clusterWeights(model, { clusters: 8 });
    for (const n of Object.values(await clusterer.distinctValues())) expect(n).toBeLessThanOrEqual(9); // 7 centroids + 0... ≤ k + 1
    const centroidsBefore = clusterer.kernels.map((k) => Float32Array.from(k.centroids));
    await model.fit(x, y, { epochs: 1, batchSize: 32, callbacks: [clusterer.callback()] });
    const before = numTensors();
    const h = await model.fit(x, y, { epochs: 2, batchSize: 32, callbacks: [clusterer.callback()] });
    expect(numTensors()).toBe(before);
    expect(Number.isFinite(h.history.loss[1])).toBe(true);
    for (const n of Object.values(await clusterer.distinctValues())) expect(n).toBeLessThanOrEqual(8);
    // the centroids moved with training, the zeros did not
    expect(clusterer.kernels.some((k, i) => k.centroids.some((c, j) => c !== centroidsBefore[i][j]))).toBe(true);
    model.weights
      .filter((w) => w.name.endsWith('kernel'))
      .forEach((w, i) => {
        const d = w.variable.dataSync();
        zeros[i].forEach((z, j) => {
          if (z) expect(d[j] === 0).toBe(true);
        });
      });
    clusterer.strip();
    expect(() => clusterer.step()).toThrow(/strip/);
    expect(() => clusterWeights(model, { clusters: 1 })).toThrow(ConfigError);
  });
});

describe('distillation', () => {
  it('distillationLoss is T²·KL(softmax(t/T) ‖ softmax(s/T)) computed by hand', () => {
    const t = tensor([[2, 0, -1]]);
    const s = tensor([[0.5, 0.5, 0]]);
    const T = 2;
    const soft = (v: number[]) => {
      const e = v.map((z) => Math.exp(z / T));
      const sum = e.reduce((a, b) => a + b, 0);
      return e.map((z) => z / sum);
    };
    const pt = soft([2, 0, -1]);
    const ps = soft([0.5, 0.5, 0]);
    const kl = pt.reduce((a, p, i) => a + p * Math.log(p / ps[i]), 0);
    const loss = distillationLoss(t, s, T);
    expect(loss.dataSync()[0]).toBeCloseTo(T * T * kl, 5);
    const same = distillationLoss(t, t, T);
    expect(same.dataSync()[0]).toBeCloseTo(0, 6);
    [t, s, loss, same].forEach((z) => z.dispose());
  });

  it('withLogitOutput gives the exact pre-softmax outputs, even where probabilities underflow', () => {
    setSeed(13);
    const model = toyCnn();
    disposables.push(model);
    const x = tensor(
      Float32Array.from({ length: 2 * 64 }, (_, i) => (i % 7) * 40),
      [2, 8, 8, 1],
    ); // large inputs: saturated softmax
    disposables.push(x);
    expect(hasSoftmaxActivation(model)).toBe(true);
    const z = logitsOf(model, x);
    const p = model.predict(x);
    const back = ops.softmax(z);
    expect(ops.max(ops.abs(ops.sub(back, p))).dataSync()[0]).toBeLessThan(1e-6);
    // the layer's softmax is back in place afterwards
    const again = model.predict(x);
    expect(Array.from(again.dataSync())).toEqual(Array.from(p.dataSync()));
    [z, p, back, again].forEach((t) => t.dispose());
  });

  it('a student distilled from a teacher learns the task, leaks nothing, and validates its inputs', async () => {
    setSeed(12);
    const train = toyData(256);
    const test = toyData(128);
    const teacher = toyCnn(8, 16);
    disposables.push(train.x, train.y, test.x, test.y, teacher);
    teacher.compile({ optimizer: new Adam({ learningRate: 0.02 }), loss: 'sparseCategoricalCrossentropy' });
    await teacher.fit(train.x, train.y, { epochs: 5, batchSize: 32 });
    const student = new Sequential({
      layers: [
        new Conv2D({ filters: 2, kernelSize: 3, strides: 2, activation: 'relu', inputShape: [8, 8, 1] }),
        new Flatten(),
        new Dense({ units: 2, activation: 'softmax' }),
      ],
    });
    disposables.push(student);
    await expect(distill({ teacher, student, data: [train.x, train.y] })).rejects.toThrow(/compile the student/);
    student.compile({
      optimizer: new Adam({ learningRate: 0.02 }),
      loss: 'sparseCategoricalCrossentropy',
      metrics: ['accuracy'],
    });
    await distill({ teacher, student, data: [train.x, train.y], epochs: 1, batchSize: 32 });
    const before = numTensors();
    const h = await distill({
      teacher,
      student,
      data: [train.x, train.y],
      epochs: 4,
      batchSize: 32,
      temperature: 3,
      alpha: 0.3,
      validationData: [test.x, test.y],
    });
    expect(numTensors()).toBe(before);
    expect(h.history.loss.length).toBe(4);
    expect(h.history.distillLoss[3]).toBeLessThan(h.history.distillLoss[0]);
    expect(h.history.val_accuracy[3]).toBeGreaterThan(0.8);
    expect(await accuracyOf(student, [test.x, test.y])).toBeCloseTo(h.history.val_accuracy[3], 6);
    const wrong = new Sequential({
      layers: [new Flatten({ inputShape: [8, 8, 1] }), new Dense({ units: 3, activation: 'softmax' })],
    });
    disposables.push(wrong);
    wrong.compile({ optimizer: new Adam(), loss: 'sparseCategoricalCrossentropy' });
    await expect(distill({ teacher, student: wrong, data: [train.x, train.y] })).rejects.toThrow(
      /2 outputs but the student 3/,
    );
    await expect(distill({ teacher, student, data: [train.x, train.y], temperature: 0 })).rejects.toThrow(
      /temperature/,
    );
  });

  it("an ensemble teacher is the mean of its members' logits", async () => {
    setSeed(21);
    const train = toyData(128);
    const a = toyCnn(4, 8);
    const b = toyCnn(6, 8);
    disposables.push(train.x, train.y, a, b);
    for (const t of [a, b]) {
      t.compile({ optimizer: new Adam({ learningRate: 0.02 }), loss: 'sparseCategoricalCrossentropy' });
      await t.fit(train.x, train.y, { epochs: 2, batchSize: 32 });
    }
    // The same student trained from [a, a] and from a: identical weights.
    const run = async (teacher: Parameters<typeof distill>[0]['teacher']) => {
      setSeed(5);
      const student = toyCnn(2, 4);
      disposables.push(student);
      student.compile({ optimizer: new Adam({ learningRate: 0.02 }), loss: 'sparseCategoricalCrossentropy' });
      const h = await distill({ teacher, student, data: [train.x, train.y], epochs: 1, batchSize: 32, alpha: 0 });
      return { weights: student.getWeights().map((w) => Array.from(w.dataSync())), h };
    };
    const single = await run(a);
    const twice = await run([a, a]);
    expect(twice.weights).toEqual(single.weights);
    // With alpha 0 and one batch, the distillation loss is the loss against the mean logits.
    setSeed(5);
    const probe = toyCnn(2, 4);
    disposables.push(probe);
    const [xb, yb] = [train.x, train.y];
    const mean = ops.div(ops.add(logitsOf(a, xb), logitsOf(b, xb)), 2);
    const expected = distillationLoss(mean, logitsOf(probe, xb), 4).dataSync()[0];
    probe.compile({ optimizer: new Adam({ learningRate: 0 }), loss: 'sparseCategoricalCrossentropy' });
    await distill({ teacher: [a, b], student: probe, data: [xb, yb], epochs: 1, batchSize: 128 }); // optimizer slots
    const before = numTensors();
    const h = await distill({ teacher: [a, b], student: probe, data: [xb, yb], epochs: 1, batchSize: 128, alpha: 0 });
    expect(numTensors()).toBe(before);
    expect(h.history.distillLoss[0]).toBeCloseTo(expected, 4);
    mean.dispose();
    await expect(distill({ teacher: [], student: probe, data: [xb, yb] })).rejects.toThrow(/ensemble is empty/);
  });
});
