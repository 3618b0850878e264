import { Dataset, ImageDataset, kFold, trainValidationSplit } from '@convkit/data';
import { describe, expect, it } from 'vitest';

/** 100 one-pixel images; image i has value i; classes 0/1/2 in proportion 60/30/10. */
function imbalanced(): ImageDataset {
  const labels = Array.from({ length: 100 }, (_, i) => (i % 10 < 6 ? 0 : i % 10 < 9 ? 1 : 2));
  return new ImageDataset({ images: Float32Array.from({ length: 100 }, (_, i) => i), labels, shape: [1, 1, 1] });
}

const ids = async (ds: ImageDataset) => (await ds.toArray()).map((s) => s.image[0]);

describe('splits', () => {
  it('stratified train/validation split keeps class proportions and is disjoint', async () => {
    const { train, validation } = trainValidationSplit(imbalanced(), 0.2, { stratify: true, seed: 1 });
    expect(validation.classCounts()).toEqual([12, 6, 2]);
    expect(train.classCounts()).toEqual([48, 24, 8]);
    const all = [...(await ids(train)), ...(await ids(validation))].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 100 }, (_, i) => i));
    const again = trainValidationSplit(imbalanced(), 0.2, { stratify: true, seed: 1 });
    expect(await ids(again.validation)).toEqual(await ids(validation));
    expect(await ids(trainValidationSplit(imbalanced(), 0.2, { stratify: true, seed: 2 }).validation)).not.toEqual(
      await ids(validation),
    );
  });

  it('k-fold folds are disjoint, cover the set and are stratified on request', async () => {
    const data = imbalanced();
    const folds = kFold(data, 5, { seed: 3, stratify: true });
    expect(folds).toHaveLength(5);
    const seen: number[] = [];
    for (const { train, validation } of folds) {
      expect(train.size + validation.size).toBe(100);
      expect(validation.classCounts()).toEqual([12, 6, 2]);
      const v = await ids(validation);
      const t = new Set(await ids(train));
      expect(v.some((x) => t.has(x))).toBe(false);
      seen.push(...v);
    }
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    const plain = kFold(Dataset.fromArray(Array.from({ length: 7 }, (_, i) => i)), 3, { seed: 1 });
    expect(plain.map((f) => f.validation.size)).toEqual([3, 2, 2]);
    expect(() => kFold(data, 1)).toThrow(/k must be/);
  });

  it('splits plain arrays through labelOf, as views over the array', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => ({ x: i, cls: i % 2 }));
    const ds = Dataset.fromArray(rows, { labelOf: (r) => r.cls });
    const { train, validation } = trainValidationSplit(ds, 0.5, { stratify: true, seed: 4 });
    const v = await validation.toArray();
    expect(v.filter((r) => r.cls === 0)).toHaveLength(5);
    expect(v[0]).toBe(rows[v[0].x]);
    expect(train.size).toBe(10);
    expect(() => trainValidationSplit(ds, 1)).toThrow(/validationFraction/);
  });
});
