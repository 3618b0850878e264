/**
 * ROC/PR, top-k and the per-class report against hand-computed values and
 * brute-force references; their typed errors; and how fit/evaluate feed the
 * metrics: one read per batch, values equal to the references, no leak.
 */
import {
  ConfigError,
  DataFormatError,
  NonFiniteError,
  numTensors,
  ops,
  randomUniform,
  ShapeError,
  setSeed,
  tensor1d,
  tensor2d,
  tidy,
} from '@convkit/core';
import {
  AveragePrecision,
  averagePrecisionOf,
  ConfusionMatrix,
  classificationReport,
  Dense,
  getMetric,
  Precision,
  precisionRecallCurve,
  RocAuc,
  reportFromConfusion,
  rocAucOf,
  rocAucScore,
  rocCurve,
  rocCurveOf,
  Sequential,
  TopKAccuracy,
} from '@convkit/layers';
import { Adam } from '@convkit/optim';
import { describe, expect, it, vi } from 'vitest';

/** Seeded uniform numbers (mulberry32), independent of the library. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** AUC as the fraction of (positive, negative) pairs ordered right, ties counting half (Mann-Whitney). */
function pairAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 1) continue;
    for (let j = 0; j < labels.length; j++) {
      if (labels[j] !== 0) continue;
      pairs++;
      sum += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0;
    }
  }
  return sum / pairs;
}

/** AP as the mean over positives of the precision among samples scoring at least as high. */
function bruteAp(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  let sum = 0;
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 1) continue;
    positives++;
    let above = 0;
    let hits = 0;
    for (let j = 0; j < labels.length; j++) {
      if (scores[j] >= scores[i]) {
        above++;
        hits += labels[j];
      }
    }
    sum += hits / above;
  }
  return sum / positives;
}

const f32 = (v: number) => Math.fround(v);

describe('hand-computed values', () => {
  it('ROC and PR curves of four samples', async () => {
    const before = numTensors();
    const y = tensor1d([0, 0, 1, 1]);
    const s = tensor1d([0.1, 0.4, 0.35, 0.8]);
    const roc = await rocCurve(y, s);
    expect([...roc.fpr]).toEqual([0, 0, 0.5, 0.5, 1]);
    expect([...roc.tpr]).toEqual([0, 0.5, 0.5, 1, 1]);
    expect([...roc.thresholds]).toEqual([Number.POSITIVE_INFINITY, f32(0.8), f32(0.4), f32(0.35), f32(0.1)]);
    // Area: a 0.5-wide strip at height 0.5 and another at height 1.
    expect(await rocAucScore(y, s)).toBeCloseTo(0.75, 12);
    const pr = await precisionRecallCurve(y, s);
    expect([...pr.precision].map((v) => +v.toFixed(12))).toEqual([0.5, +(2 / 3).toFixed(12), 0.5, 1, 1]);
    expect([...pr.recall]).toEqual([1, 1, 0.5, 0.5, 0]);
    // AP = Σ (Rₙ − Rₙ₋₁) Pₙ = 0.5·1 (at 0.8) + 0.5·(2/3) (at 0.35).
    const ap = new AveragePrecision();
    await ap.update(y, s);
    expect(ap.result()).toBeCloseTo(0.5 + 0.5 * (2 / 3), 12);
    y.dispose();
    s.dispose();
    expect(numTensors()).toBe(before);
  });

  it('tied scores make one step; collinear ROC points are dropped', () => {
    // Pairs: (0.5 vs 0.5) ½, (0.5 vs 0.1) 1, (0.9 vs 0.5) 1, (0.9 vs 0.1) 1 → 3.5 / 4.
    expect(rocAucOf([1, 0, 1, 0], [0.5, 0.5, 0.9, 0.1])).toBeCloseTo(0.875, 12);
    // One positive, then three negatives one by one: (0, 1), then a straight line to (1, 1) whose
    // middle points are dropped.
    const roc = rocCurveOf([1, 0, 0, 0], [0.9, 0.3, 0.2, 0.1]);
    expect([...roc.fpr]).toEqual([0, 0, 1]);
    expect([...roc.tpr]).toEqual([0, 1, 1]);
    expect([...roc.thresholds]).toEqual([Number.POSITIVE_INFINITY, 0.9, 0.1]);
    expect(averagePrecisionOf([1, 0, 0, 0], [0.9, 0.3, 0.2, 0.1])).toBe(1);
  });

  it('agrees with the pairwise AUC and brute-force AP on random scores with ties, streamed', async () => {
    const before = numTensors();
    const r = rng(7);
    const n = 300;
    const labels = Array.from({ length: n }, () => (r() < 0.4 ? 1 : 0));
    const scores = labels.map((l) => f32(Math.round((0.3 * l + 0.7 * r()) * 20) / 20));
    const auc = new RocAuc();
    const ap = new AveragePrecision();
    for (let start = 0; start < n; start += 64) {
      const y = tensor1d(labels.slice(start, start + 64));
      const p = tensor2d(
        scores.slice(start, start + 64).map((v) => [v]),
        [Math.min(64, n - start), 1],
      );
      await auc.update(y, p);
      await ap.update(y, p);
      y.dispose();
      p.dispose();
    }
    expect(auc.result()).toBeCloseTo(pairAuc(labels, scores), 12);
    expect(ap.result()).toBeCloseTo(bruteAp(labels, scores), 12);
    expect(numTensors()).toBe(before);
  });

  it('top-k ranks ties towards the higher class index', async () => {
    // Row [0.3, 0.3, 0.4]: class 1 ranks second (one higher score), class 0 third (0.4 and the tied class 1 first).
    const m = new TopKAccuracy(2);
    const p = tensor2d([
      [0.3, 0.3, 0.4],
      [0.3, 0.3, 0.4],
      [0.3, 0.3, 0.4],
    ]);
    const y = tensor1d([0, 1, 2], 'int32');
    await m.update(y, p);
    expect(m.result()).toBeCloseTo(2 / 3, 12);
    // One-hot labels give the same.
    const oneHot = tensor2d([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    m.reset();
    await m.update(oneHot, p);
    expect(m.result()).toBeCloseTo(2 / 3, 12);
    expect(getMetric('topKAccuracy')).toMatchObject({ k: 5, name: 'topKAccuracy' });
    expect(getMetric('top3')).toMatchObject({ k: 3, name: 'top3' });
    [p, y, oneHot].forEach((t) => t.dispose());
  });

  it('per-class report of a confusion matrix', async () => {
    // truth 0 0 1 1 2 2 ; predicted 0 1 1 1 2 0
    const y = tensor1d([0, 0, 1, 1, 2, 2], 'int32');
    const p = tidy(() => ops.oneHot(tensor1d([0, 1, 1, 1, 2, 0], 'int32'), 3));
    const report = await classificationReport(y, p, { classNames: ['a', 'b', 'c'] });
    const P = [1 / 2, 2 / 3, 1];
    const R = [1 / 2, 1, 1 / 2];
    const F = P.map((v, i) => (2 * v * R[i]) / (v + R[i]));
    report.classes.forEach((row, c) => {
      expect(row.name).toBe(['a', 'b', 'c'][c]);
      expect(row.precision).toBeCloseTo(P[c], 12);
      expect(row.recall).toBeCloseTo(R[c], 12);
      expect(row.f1).toBeCloseTo(F[c], 12);
      expect(row.support).toBe(2);
    });
    expect(report.accuracy).toBeCloseTo(4 / 6, 12);
    expect(report.macroAvg.f1).toBeCloseTo((F[0] + F[1] + F[2]) / 3, 12);
    // Supports are equal here, so the weighted average equals the macro one.
    expect(report.weightedAvg.precision).toBeCloseTo(report.macroAvg.precision, 12);
    // A class never predicted and never present: precision and recall 0, counted in the macro average only.
    const r2 = reportFromConfusion([
      [3, 1, 0],
      [1, 1, 0],
      [0, 0, 0],
    ]);
    expect(r2.classes[2]).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 0 });
    expect(r2.macroAvg.recall).toBeCloseTo((3 / 4 + 1 / 2 + 0) / 3, 12);
    expect(r2.weightedAvg.recall).toBeCloseTo((4 * (3 / 4) + 2 * (1 / 2)) / 6, 12);
    expect(() => reportFromConfusion([[1, 2]])).toThrow(ConfigError);
    y.dispose();
    p.dispose();
  });
});

describe('typed errors', () => {
  it('names the problem and leaves nothing allocated', async () => {
    const before = numTensors();
    const p3 = tensor2d([
      [0.2, 0.5, 0.3],
      [0.6, 0.2, 0.2],
    ]);
    const y2 = tensor1d([1, 0], 'int32');
    const y3 = tensor1d([1, 0, 2], 'int32');
    const yBad = tensor1d([1, 7], 'int32');
    const yOnly0 = tensor1d([0, 0], 'int32');
    const p2 = tensor2d([
      [0.3, 0.7],
      [0.6, 0.4],
    ]);
    // Labels and predictions of different batch sizes.
    await expect(new RocAuc().update(y3, p3)).rejects.toThrow(ShapeError);
    await expect(new TopKAccuracy(2).update(y3, p3)).rejects.toThrow(/differ in batch size/);
    const yWide = tensor2d([[1, 0]]);
    await expect(rocAucScore(yWide, p3)).rejects.toThrow(ShapeError);
    // k larger than the number of classes.
    await expect(new TopKAccuracy(5).update(y2, p3)).rejects.toThrow(
      new ConfigError("Metric 'top5Accuracy': k = 5 is larger than the number of classes (3); use k <= 3"),
    );
    // A class with no samples: the message names it.
    await expect(rocAucScore(y2, p3)).rejects.toThrow(/rocAucScore, class 2 .*no positive samples among 2/);
    const auc = new RocAuc();
    await auc.update(y2, p3);
    expect(() => auc.result()).toThrow(DataFormatError);
    expect(() => auc.result()).toThrow(/Metric 'auc', class 2/);
    const yOnes = tensor1d([1, 1]);
    const sTwo = tensor1d([0.2, 0.4]);
    await expect(rocAucScore(yOnes, sTwo)).rejects.toThrow(/no negative samples/);
    const onlyClass0 = new AveragePrecision();
    await onlyClass0.update(yOnly0, p2);
    expect(() => onlyClass0.result()).toThrow(/class 1 .*no positive samples/);
    // Labels outside the classes.
    await expect(new RocAuc().update(yBad, p3)).rejects.toThrow(
      /label 7 of sample 1 in the batch is not a class id 0..2/,
    );
    await expect(new ConfusionMatrix().update(yBad, p3)).rejects.toThrow(DataFormatError);
    await expect(new Precision().update(yBad, p3)).rejects.toThrow(/^Metric 'precision': label 7 of sample 1/);
    // NaN scores.
    const pNaN = tensor2d([
      [0.2, Number.NaN, 0.3],
      [0.6, 0.2, 0.2],
    ]);
    await expect(new RocAuc().update(y2, pNaN)).rejects.toThrow(NonFiniteError);
    await expect(new RocAuc().update(y2, pNaN)).rejects.toThrow(/score of sample 0 in the batch is NaN/);
    await expect(new TopKAccuracy(2).update(y2, pNaN)).rejects.toThrow(NonFiniteError);
    // Columns that change between batches; multi-class curves without a class; bad options.
    const growing = new AveragePrecision();
    await growing.update(y2, p3);
    const p4 = tensor2d([[0.1, 0.2, 0.3, 0.4]]);
    const y4 = tensor1d([3], 'int32');
    await expect(growing.update(y4, p4)).rejects.toThrow(/4 score columns but earlier batches had 3/);
    await expect(rocCurve(y2, p3)).rejects.toThrow(/need positiveClass/);
    expect(() => new RocAuc({ average: 'weighted' as never })).toThrow(ConfigError);
    expect(() => new TopKAccuracy(0)).toThrow(ConfigError);
    [p3, y2, y3, yBad, yOnly0, p2, pNaN, p4, y4, yWide, yOnes, sTwo].forEach((t) => t.dispose());
    expect(numTensors()).toBe(before);
  });
});

describe('fit and evaluate feed the metrics', () => {
  function data(n: number, seed: number) {
    setSeed(seed);
    return tidy(() => {
      const x = randomUniform([n, 6]);
      // Class from the first 3 features' argmax, with some noise features.
      const y = ops.argMax(ops.add(ops.slice(x, [0, 0], [n, 3]), ops.mul(randomUniform([n, 3]), 0.3)), 1);
      return { x, y };
    });
  }

  it('evaluate: compiled and extra metrics equal references computed from predict', async () => {
    const { x, y } = data(120, 3);
    const model = new Sequential({ layers: [new Dense({ units: 3, activation: 'softmax', inputShape: [6] })] });
    model.compile({
      optimizer: new Adam({ learningRate: 0.05 }),
      loss: 'sparseCategoricalCrossentropy',
      metrics: ['accuracy', 'auc', 'top2'],
    });
    await model.fit(x, y, { epochs: 3, batchSize: 16 });
    const before = numTensors();
    const cm = new ConfusionMatrix();
    const microAp = new AveragePrecision({ average: 'micro' });
    const logs = await model.evaluate(x, y, { batchSize: 25, metrics: [cm, microAp] });
    expect(numTensors()).toBe(before);
    const probs = model.predict(x);
    const p = (await probs.data()) as Float32Array;
    const labels = Array.from(await y.data());
    probs.dispose();
    const row = (i: number) => Array.from(p.subarray(i * 3, i * 3 + 3));
    let aucSum = 0;
    for (let c = 0; c < 3; c++) {
      aucSum += pairAuc(
        labels.map((l) => (l === c ? 1 : 0)),
        labels.map((_, i) => row(i)[c]),
      );
    }
    expect(logs.auc).toBeCloseTo(aucSum / 3, 6);
    const microLabels = labels.flatMap((l) => [0, 1, 2].map((c) => (c === l ? 1 : 0)));
    expect(logs.microAveragePrecision).toBeCloseTo(bruteAp(microLabels, Array.from(p)), 6);
    const top2 = labels.filter(
      (l, i) => row(i).filter((v, j) => v > row(i)[l] || (v === row(i)[l] && j > l)).length < 2,
    );
    expect(logs.top2).toBeCloseTo(top2.length / labels.length, 12);
    const argmax = (r: number[]) => r.indexOf(Math.max(...r));
    const matrix = [0, 1, 2].map((t) =>
      [0, 1, 2].map((q) => labels.filter((l, i) => l === t && argmax(row(i)) === q).length),
    );
    expect(cm.matrix()).toEqual(matrix);
    expect(cm.report().accuracy).toBeCloseTo(logs.accuracy, 12);
    // A second evaluate resets the extra accumulators first.
    await model.evaluate(x, y, { batchSize: 60, metrics: [cm] });
    expect(cm.matrix()).toEqual(matrix);
    await expect(model.evaluate(x, y, { metrics: [42 as never] })).rejects.toThrow(ConfigError);
    model.dispose();
    x.dispose();
    y.dispose();
  });

  it('fit reads once per batch whatever the metrics, and reports costly metrics per epoch only', async () => {
    const { x, y } = data(64, 5);
    const reads = async (metrics: string[]) => {
      const model = new Sequential({ layers: [new Dense({ units: 3, activation: 'softmax', inputShape: [6] })] });
      model.compile({ optimizer: new Adam(), loss: 'sparseCategoricalCrossentropy', metrics });
      const batchLogs: Array<Record<string, number>> = [];
      const proto = Object.getPrototypeOf(x) as { data(): Promise<unknown> };
      const spy = vi.spyOn(proto, 'data');
      const before = numTensors();
      const history = await model.fit(x, y, {
        epochs: 1,
        batchSize: 16,
        shuffle: false,
        callbacks: [{ onBatchEnd: (_: number, logs: Record<string, number>) => void batchLogs.push({ ...logs }) }],
      });
      const count = spy.mock.calls.length;
      spy.mockRestore();
      model.dispose();
      // The model's kernel and bias are gone; nothing else stays.
      expect(numTensors()).toBe(before - 2);
      return { count, history, batchLogs };
    };
    const bare = await reads([]);
    const many = await reads(['accuracy', 'precision', 'recall', 'f1', 'top2', 'auc', 'averagePrecision']);
    expect(many.count).toBe(bare.count);
    expect(bare.count).toBeLessThanOrEqual(4 + 2); // 4 steps, plus the up-front checks of the targets
    expect(many.batchLogs).toHaveLength(4);
    expect(many.batchLogs[0]).toHaveProperty('top2');
    expect(many.batchLogs[0]).not.toHaveProperty('auc');
    expect(many.history.history.auc[0]).toBeGreaterThan(0);
    x.dispose();
    y.dispose();
  });
});
