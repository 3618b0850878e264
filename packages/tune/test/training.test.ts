import { numTensors, Rng, setSeed, tensor } from '@convkit/core';
import { ImageDataset } from '@convkit/data';
import { Dense, Flatten, Sequential } from '@convkit/layers';
import { Adam } from '@convkit/optim';
import { createStudy, crossValidate, MedianPruner, pruningCallback, RandomSampler } from '@convkit/tune';
import { describe, expect, it } from 'vitest';

/** 4×4 grey images; class 1 when the top half is brighter than the bottom half. */
function task(n: number, seed: number): { images: Float32Array; labels: number[] } {
  const rng = new Rng(seed);
  const images = new Float32Array(n * 16);
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    labels.push(label);
    for (let p = 0; p < 16; p++) {
      const top = p < 8;
      images[i * 16 + p] = 0.5 + (top === (label === 1) ? 0.25 : -0.25) + rng.uniform(-0.2, 0.2);
    }
  }
  return { images, labels };
}

function model(lr: number): Sequential {
  const m = new Sequential({
    layers: [new Flatten({ inputShape: [4, 4, 1] }), new Dense({ units: 2, activation: 'softmax' })],
  });
  m.compile({
    optimizer: new Adam({ learningRate: lr }),
    loss: 'sparseCategoricalCrossentropy',
    metrics: ['accuracy'],
  });
  return m;
}

describe('crossValidate', () => {
  it('trains one model per fold, scores the held-out fold, frees every tensor', async () => {
    setSeed(1);
    const { images, labels } = task(40, 1);
    const data = new ImageDataset({ images, labels, shape: [4, 4, 1] });
    const before = numTensors();
    const built: number[] = [];
    const cv = await crossValidate(
      (fold) => {
        built.push(fold);
        return model(0.1);
      },
      data,
      { folds: 4, epochs: 5, batchSize: 8, metric: 'accuracy', seed: 3 },
    );
    expect(numTensors()).toBe(before);
    expect(built).toEqual([0, 1, 2, 3]);
    expect(cv.folds.map((f) => [f.fold, f.trainSize, f.validationSize])).toEqual([
      [0, 30, 10],
      [1, 30, 10],
      [2, 30, 10],
      [3, 30, 10],
    ]);
    const scores = cv.folds.map((f) => f.score);
    for (const f of cv.folds) {
      expect(f.score).toBe(f.metrics.accuracy);
      expect(f.metrics.loss).toBeTypeOf('number');
      expect(Math.round(f.score * 10)).toBeCloseTo(f.score * 10, 9); // 10 held-out images → multiples of 0.1
    }
    const mean = scores.reduce((a, b) => a + b, 0) / 4;
    expect(cv.mean).toBeCloseTo(mean, 12);
    expect(cv.std).toBeCloseTo(Math.sqrt(scores.reduce((a, s) => a + (s - mean) ** 2, 0) / 4), 12);
    expect(cv.mean).toBeGreaterThan(0.8); // the task is easy: the folds learned it
  });

  it('rejects bad options and unknown metrics without leaking', async () => {
    const { images, labels } = task(8, 2);
    const data = new ImageDataset({ images, labels, shape: [4, 4, 1] });
    const before = numTensors();
    await expect(crossValidate(() => model(0.1), data, { folds: 2, metric: 'f1' })).rejects.toThrow(
      /no "f1" \(it reports loss, accuracy\)/,
    );
    expect(numTensors()).toBe(before);
    await expect(crossValidate(() => model(0.1), data, { folds: 1 })).rejects.toThrow(/folds must be an integer >= 2/);
    await expect(crossValidate(() => model(0.1), data, { folds: 9 })).rejects.toThrow(/k/);
  });
});

describe('pruningCallback', () => {
  it('reports each epoch and stops fit when the pruner says so; no tensors leak', async () => {
    setSeed(2);
    const { images, labels } = task(32, 4);
    const x = tensor(images, [32, 4, 4, 1]);
    const y = tensor(labels, [32], 'int32');
    const before = numTensors();
    const study = await createStudy({
      sampler: new RandomSampler({ seed: 1 }),
      pruner: new MedianPruner({ startupTrials: 1 }),
    });
    study.enqueueTrial({ lr: 0.1 }); // learns: val_loss falls below ln 2 after one epoch
    study.enqueueTrial({ lr: 0 }); // learns nothing: worse than the median at epoch 0 → pruned
    const epochsRun: number[] = [];
    await study.optimize(
      async (trial) => {
        const m = model(trial.suggestFloat('lr', 0, 0.2));
        try {
          const h = await m.fit(x, y, {
            epochs: 4,
            batchSize: 8,
            validationData: [x, y],
            callbacks: [pruningCallback(trial)],
          });
          epochsRun.push(h.epoch.length);
          return h.history.val_loss.at(-1) as number;
        } finally {
          m.dispose();
        }
      },
      { trials: 2 },
    );
    x.dispose();
    y.dispose();
    expect(numTensors()).toBe(before - 2);
    const [good, bad] = await study.trials();
    expect(good.state).toBe('complete');
    expect(Object.keys(good.intermediate)).toEqual(['0', '1', '2', '3']);
    expect(good.value).toBe(good.intermediate[3]);
    expect(bad.state).toBe('pruned');
    expect(Object.keys(bad.intermediate)).toEqual(['0']); // stopped after its first epoch
    expect(bad.intermediate[0]).toBeGreaterThan(good.intermediate[0]);
    expect(epochsRun).toEqual([4]);
  });

  it("onPrune: 'stop' ends fit normally and flags the callback; a missing metric is a ConfigError", async () => {
    const { images, labels } = task(16, 5);
    const x = tensor(images, [16, 4, 4, 1]);
    const y = tensor(labels, [16], 'int32');
    const always = { name: 'always', prune: () => true };
    const study = await createStudy({ pruner: always });
    const trial = await study.ask();
    const m = model(0.1);
    const cb = pruningCallback(trial, { monitor: 'loss', onPrune: 'stop' });
    const h = await m.fit(x, y, { epochs: 3, batchSize: 8, callbacks: [cb] });
    expect(h.epoch).toEqual([0]);
    expect(cb.pruned).toBe(true);
    expect(cb.prunedAt).toBe(0);
    const t2 = await study.ask();
    await expect(m.fit(x, y, { epochs: 1, batchSize: 8, callbacks: [pruningCallback(t2)] })).rejects.toThrow(
      /no "val_loss" \(they have loss, accuracy/,
    );
    m.dispose();
    x.dispose();
    y.dispose();
  });
});
