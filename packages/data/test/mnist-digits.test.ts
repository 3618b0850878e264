import { describe, expect, it } from 'vitest';
import { loadMnistDigits } from '../src/mnist';

describe('embedded MNIST digits', () => {
  it('returns 28×28×1 digits in [0, 1] with labels 0..9, seeded and class-balanced', async () => {
    const ds = await loadMnistDigits({ count: 200, seed: 5 });
    expect(ds.size).toBe(200);
    expect(ds.shape).toEqual([28, 28, 1]);
    expect(ds.classCounts()).toEqual(new Array(10).fill(20));
    const s = ds.at(0);
    expect(s.image).toHaveLength(784);
    expect(Math.max(...s.image)).toBeLessThanOrEqual(1);
    expect(Math.max(...s.image)).toBeGreaterThan(0.5);
    expect(Math.min(...s.image)).toBeGreaterThanOrEqual(0);
    const again = await loadMnistDigits({ count: 200, seed: 5 });
    expect(Array.from(again.at(17).image)).toEqual(Array.from(ds.at(17).image));
    const all = await loadMnistDigits();
    expect(all.size).toBe(10000);
    expect(new Set(Array.from({ length: all.size }, (_, i) => all.labelAt(i)))).toEqual(
      new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
    );
    await expect(loadMnistDigits({ count: 0 })).rejects.toThrow(/count/);
  });
});
