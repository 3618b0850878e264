import { type Batch, numTensors, ops, setSeed, type Tensor, tidy } from '@convkit/core';
import type { Sequential } from '@convkit/layers';
import { formatRobustTable, type RobustProgress, robustAccuracy } from '@convkit/robust';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { robustTask, smallModel } from './helpers';

let model: Sequential;
let x: Tensor;
let y: Tensor;

beforeAll(async () => {
  setSeed(31);
  const train = robustTask(384, 3);
  model = smallModel();
  await model.fit(train.x, train.y, { epochs: 6, batchSize: 32 });
  train.x.dispose();
  train.y.dispose();
  ({ x, y } = robustTask(100, 4));
});

afterAll(() => {
  model.dispose();
  x.dispose();
  y.dispose();
});

/** Batches of 32 of `x, y`, as a re-iterable source. */
function source(): Iterable<Batch> & { batchCount: number } {
  return {
    batchCount: 4,
    *[Symbol.iterator]() {
      for (let s = 0; s < 100; s += 32) {
        const n = Math.min(32, 100 - s);
        yield tidy(() => ({ xs: ops.slice(x, [s, 0, 0, 0], [n, -1, -1, -1]), ys: ops.slice(y, [s], [n]) }));
      }
    },
  };
}

describe('robustAccuracy', () => {
  it('one row per ε: clean accuracy beside it, robust ≤ clean, falling with ε, ε = 0 equal to clean', async () => {
    const before = numTensors();
    const progress: RobustProgress[] = [];
    const rows = await robustAccuracy(model, x, y, {
      eps: [0, 0.05, 0.15, 0.3],
      steps: 5,
      seed: 1,
      batchSize: 40,
      onProgress: (p) => progress.push(p),
    });
    expect(numTensors()).toBe(before);
    expect(rows.map((r) => r.eps)).toEqual([0, 0.05, 0.15, 0.3]);
    expect(progress).toEqual([
      { batch: 1, batches: 3, samples: 40 },
      { batch: 2, batches: 3, samples: 80 },
      { batch: 3, batches: 3, samples: 100 },
    ]);
    const clean = rows[0].cleanAccuracy;
    // The clean accuracy, computed independently.
    const evaluation = await model.evaluate(x, y);
    expect(clean).toBeCloseTo(evaluation.accuracy, 6);
    expect(clean).toBeGreaterThan(0.8);
    for (const r of rows) {
      expect(r.cleanAccuracy).toBe(clean);
      expect(r.samples).toBe(100);
      expect(r.attack).toBe('pgd-5 linf');
    }
    expect(rows[0].robustAccuracy).toBe(clean);
    for (let i = 1; i < rows.length; i++)
      expect(rows[i].robustAccuracy).toBeLessThanOrEqual(rows[i - 1].robustAccuracy);
    expect(rows[3].robustAccuracy).toBeLessThan(clean - 0.3);
  });

  it('streams over a batch source (freeing every batch) with the same result as tensors', async () => {
    const opts = { eps: [0.1], attack: 'fgsm' as const };
    const fromTensors = await robustAccuracy(model, x, y, opts);
    const before = numTensors();
    const fromSource = await robustAccuracy(model, source(), opts);
    expect(numTensors()).toBe(before);
    expect(fromSource).toEqual(fromTensors);
    expect(fromSource[0].attack).toBe('fgsm linf');
  });

  it('takes a custom attack', async () => {
    // Inverting the images: an "attack" that ignores ε.
    const rows = await robustAccuracy(model, x, y, { eps: [1], attack: (xb) => ops.sub(1, xb) });
    expect(rows[0].attack).toBe('custom');
    expect(rows[0].robustAccuracy).toBeLessThan(rows[0].cleanAccuracy);
  });

  it('prints as a text or Markdown table', () => {
    const rows = [
      { attack: 'pgd-20 linf', eps: 0.1, cleanAccuracy: 0.9912, robustAccuracy: 0.5, samples: 2000 },
      { attack: 'pgd-20 linf', eps: 0.3, cleanAccuracy: 0.9912, robustAccuracy: 0.0105, samples: 2000 },
    ];
    expect(formatRobustTable(rows)).toBe(
      [
        'attack       eps  clean accuracy  robust accuracy  images',
        '-----------  ---  --------------  ---------------  ------',
        'pgd-20 linf  0.1          99.1 %           50.0 %    2000',
        'pgd-20 linf  0.3          99.1 %            1.1 %    2000',
      ].join('\n'),
    );
    expect(formatRobustTable(rows.slice(0, 1), { markdown: true, digits: 2 })).toBe(
      [
        '| attack | eps | clean accuracy | robust accuracy | images |',
        '| --- | ---: | ---: | ---: | ---: |',
        '| pgd-20 linf | 0.1 | 99.12 % | 50.00 % | 2000 |',
      ].join('\n'),
    );
  });

  it('refuses bad ε lists, attacks and shapes with typed errors, leaking nothing', async () => {
    const before = numTensors();
    await expect(robustAccuracy(model, x, y, { eps: [] })).rejects.toThrow(/eps must be a non-empty list/);
    await expect(robustAccuracy(model, x, y, { eps: [0.1, -1] })).rejects.toThrow(
      /eps must be a finite number ≥ 0, got -1/,
    );
    await expect(robustAccuracy(model, x, y, { eps: [0.1], steps: 0 })).rejects.toThrow(
      /steps must be a positive integer/,
    );
    await expect(robustAccuracy(model, x, y, { eps: [0.1], attack: 'cw' as never })).rejects.toThrow(/attack must be/);
    await expect(robustAccuracy(model, x, y, { eps: [0.1], batchSize: 0 })).rejects.toThrow(/batchSize must be/);
    const flat = tidy(() => ops.reshape(x, [100, 64]));
    await expect(robustAccuracy(model, flat, y, { eps: [0.1] })).rejects.toThrow(
      /expects images of shape \[null, 8, 8, 1\]/,
    );
    flat.dispose();
    expect(numTensors()).toBe(before);
  });
});
