import { ConfigError, tensor, tensor1d, tensor2d, tidy } from '@convkit/core';
import {
  Accuracy,
  binaryCrossentropy,
  categoricalCrossentropy,
  confusionMatrix,
  F1Score,
  getLoss,
  getMetric,
  huber,
  kullbackLeiblerDivergence,
  meanAbsoluteError,
  meanSquaredError,
  Precision,
  Recall,
  sparseCategoricalCrossentropy,
  TopKAccuracy,
} from '@convkit/layers';
import { describe, expect, it } from 'vitest';

const value = (t: { dataSync(): ArrayLike<number>; dispose(): void }) => {
  const v = t.dataSync()[0];
  t.dispose();
  return v;
};

describe('losses against hand-computed values', () => {
  const probs = [
    [0.7, 0.2, 0.1],
    [0.1, 0.3, 0.6],
  ];
  const logits = [
    [2.0, 0.5, -1.0],
    [0.0, 1.0, 3.0],
  ];
  const softmax = (row: number[]) => {
    const e = row.map(Math.exp);
    const s = e.reduce((a, b) => a + b);
    return e.map((v) => v / s);
  };

  it('categorical and sparse categorical cross-entropy, probabilities and logits', () => {
    const expected = -(Math.log(0.7) + Math.log(0.6)) / 2;
    const p = tensor2d(probs);
    const oneHot = tensor2d([
      [1, 0, 0],
      [0, 0, 1],
    ]);
    const sparse = tensor1d([0, 2], 'int32');
    expect(value(categoricalCrossentropy()(oneHot, p))).toBeCloseTo(expected, 5);
    expect(value(sparseCategoricalCrossentropy()(sparse, p))).toBeCloseTo(expected, 5);
    const l = tensor2d(logits);
    const expLogits = -(Math.log(softmax(logits[0])[0]) + Math.log(softmax(logits[1])[2])) / 2;
    expect(value(sparseCategoricalCrossentropy({ fromLogits: true })(sparse, l))).toBeCloseTo(expLogits, 5);
    expect(value(categoricalCrossentropy({ fromLogits: true })(oneHot, l))).toBeCloseTo(expLogits, 5);
    [p, oneHot, sparse, l].forEach((t) => t.dispose());
  });

  it('binary cross-entropy with probabilities and logits', () => {
    const z = tensor1d([1, 0, 1]);
    const p = tensor1d([0.9, 0.2, 0.4]);
    const expected = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.4)) / 3;
    expect(value(binaryCrossentropy()(z, p))).toBeCloseTo(expected, 5);
    const x = tensor1d([2.0, -1.0, 40.0]);
    const sig = (v: number) => 1 / (1 + Math.exp(-v));
    const expLogit = -(Math.log(sig(2)) + Math.log(1 - sig(-1)) + Math.log(sig(40))) / 3;
    expect(value(binaryCrossentropy({ fromLogits: true })(z, x))).toBeCloseTo(expLogit, 5);
    [z, p, x].forEach((t) => t.dispose());
  });

  it('MSE, MAE, Huber and KL divergence', () => {
    const t = tensor1d([1, 2, 3]);
    const p = tensor1d([1.5, 2, 0]);
    expect(value(meanSquaredError(t, p))).toBeCloseTo((0.25 + 0 + 9) / 3, 5);
    expect(value(meanAbsoluteError(t, p))).toBeCloseTo((0.5 + 0 + 3) / 3, 5);
    // delta 1: 0.5·0.25, 0, 1·(3 − 0.5)
    expect(value(huber()(t, p))).toBeCloseTo((0.125 + 0 + 2.5) / 3, 5);
    const a = tensor2d([[0.5, 0.5]]);
    const b = tensor2d([[0.9, 0.1]]);
    expect(value(kullbackLeiblerDivergence(a, b))).toBeCloseTo(
      0.5 * Math.log(0.5 / 0.9) + 0.5 * Math.log(0.5 / 0.1),
      5,
    );
    [t, p, a, b].forEach((x) => x.dispose());
  });

  it('resolves names and aliases and rejects unknown ones', () => {
    expect(getLoss('mse').lossName).toBe('meanSquaredError');
    expect(getLoss('sparse_categorical_crossentropy').lossName).toBe('sparseCategoricalCrossentropy');
    expect(() => getLoss('nope')).toThrow(ConfigError);
  });
});

describe('metrics stream over batches', () => {
  it('accuracy counts samples, not per-batch ratios', async () => {
    const acc = new Accuracy();
    const p1 = tensor2d([
      [0.9, 0.1],
      [0.2, 0.8],
      [0.6, 0.4],
    ]);
    const y1 = tensor1d([0, 1, 1], 'int32'); // 2/3
    const p2 = tensor2d([[0.1, 0.9]]);
    const y2 = tensor2d([[1, 0]]); // one-hot, 0/1
    await acc.update(y1, p1);
    await acc.update(y2, p2);
    expect(acc.result()).toBeCloseTo(2 / 4, 10); // not (2/3 + 0)/2
    [p1, y1, p2, y2].forEach((t) => t.dispose());
  });

  it('top-k accuracy', async () => {
    const m = new TopKAccuracy(2);
    const p = tensor2d([
      [0.5, 0.3, 0.2],
      [0.5, 0.3, 0.2],
      [0.5, 0.3, 0.2],
    ]);
    const y = tensor1d([1, 2, 0], 'int32');
    await m.update(y, p);
    expect(m.result()).toBeCloseTo(2 / 3, 10);
    [p, y].forEach((t) => t.dispose());
  });

  it('precision, recall, F1 and the confusion matrix match hand counts', async () => {
    // truth: 0 0 1 1 2 2 ; pred: 0 1 1 1 2 0
    const y = tensor1d([0, 0, 1, 1, 2, 2], 'int32');
    const p = tidy(() =>
      tensor(
        [0, 1, 1, 1, 2, 0].flatMap((c) => [0, 1, 2].map((k) => (k === c ? 1 : 0))),
        [6, 3],
      ),
    );
    expect(await confusionMatrix(y, p)).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [1, 0, 1],
    ]);
    const prec = new Precision();
    const rec = new Recall();
    const f1 = new F1Score();
    for (const m of [prec, rec, f1]) await m.update(y, p);
    const P = [1 / 2, 2 / 3, 1];
    const R = [1 / 2, 1, 1 / 2];
    expect(prec.result()).toBeCloseTo((P[0] + P[1] + P[2]) / 3, 10);
    expect(rec.result()).toBeCloseTo((R[0] + R[1] + R[2]) / 3, 10);
    const F = P.map((pp, i) => (2 * pp * R[i]) / (pp + R[i]));
    expect(f1.result()).toBeCloseTo((F[0] + F[1] + F[2]) / 3, 10);
    const binPrec = new Precision({ average: 'binary', positiveClass: 1 });
    await binPrec.update(y, p);
    expect(binPrec.result()).toBeCloseTo(2 / 3, 10);
    [y, p].forEach((t) => t.dispose());
  });

  it('binary predictions are thresholded', async () => {
    const acc = getMetric('accuracy');
    const y = tensor1d([1, 0, 1, 0]);
    const p = tensor2d([[0.8], [0.3], [0.4], [0.6]]);
    await acc.update(y, p);
    expect(acc.result()).toBeCloseTo(0.5, 10);
    [y, p].forEach((t) => t.dispose());
    expect(() => getMetric('bogus')).toThrow(ConfigError);
    expect(getMetric('top3').name).toBe('top3');
  });
});
