import {
  compose,
  computeChannelStats,
  Dataset,
  flipImageHorizontal,
  type ImageSample,
  type ImageShape,
  normalizeChannels,
  oneHot,
  padAndCropImage,
  randomCrop,
  randomFlipHorizontal,
  randomShift,
  rescale,
  translateImage,
} from '@convkit/data';
import { describe, expect, it } from 'vitest';

/** 3×4×2 image whose channel 0 is 10*y + x and channel 1 is 100 + (10*y + x). */
const shape: ImageShape = [3, 4, 2];
function grid(): Float32Array {
  const img = new Float32Array(3 * 4 * 2);
  for (let y = 0; y < 3; y++)
    for (let x = 0; x < 4; x++) {
      img[(y * 4 + x) * 2] = 10 * y + x;
      img[(y * 4 + x) * 2 + 1] = 100 + 10 * y + x;
    }
  return img;
}
const px = (img: Float32Array, y: number, x: number, c = 0) => img[(y * 4 + x) * 2 + c];
const sample = (): ImageSample => ({ image: grid(), shape, label: 2 });

describe('transforms', () => {
  it('flip mirrors each row and keeps channels together', () => {
    const f = flipImageHorizontal(grid(), shape);
    expect(px(f, 0, 0)).toBe(3);
    expect(px(f, 2, 3)).toBe(20);
    expect(px(f, 1, 1, 1)).toBe(112);
    const always = randomFlipHorizontal({ probability: 1, seed: 1 })(sample());
    expect(Array.from(always.image)).toEqual(Array.from(f));
    const s = sample();
    expect(randomFlipHorizontal({ probability: 0 })(s)).toBe(s);
  });

  it('translate moves pixels by the given amounts with zero (or constant) fill', () => {
    const t = translateImage(grid(), shape, 1, 2);
    expect(px(t, 1, 2)).toBe(0); // from (0, 0)
    expect(px(t, 2, 3)).toBe(11); // from (1, 1)
    expect(px(t, 0, 3)).toBe(0); // uncovered row
    expect(px(t, 2, 1)).toBe(0); // uncovered columns
    const back = translateImage(grid(), shape, -1, -1, -5);
    expect(px(back, 0, 0)).toBe(11);
    expect(px(back, 2, 0)).toBe(-5);
    expect(Array.from(translateImage(grid(), shape, 0, 7))).toEqual(new Array(24).fill(0));
  });

  it('pad-and-crop equals a shift; reflect mode mirrors the border', () => {
    // padding 2, window at (top 0, left 4) → image moved down 2 and left 2
    const c = padAndCropImage(grid(), shape, 2, 0, 4);
    expect(Array.from(c)).toEqual(Array.from(translateImage(grid(), shape, 2, -2)));
    expect(px(c, 2, 0)).toBe(2);
    const centre = padAndCropImage(grid(), shape, 2, 2, 2, 'reflect');
    expect(Array.from(centre)).toEqual(Array.from(grid()));
    const r = padAndCropImage(grid(), shape, 1, 0, 0, 'reflect'); // moved down-right by 1, reflected
    expect(px(r, 0, 0)).toBe(11);
    expect(px(r, 1, 1)).toBe(0);
  });

  it('random crop and shift are seeded and move by at most the padding', () => {
    const seq = (seed: number) => {
      const t = randomShift({ maxShift: 1, seed });
      return [0, 1, 2, 3, 4].map(() => Array.from(t(sample()).image));
    };
    expect(seq(3)).toEqual(seq(3));
    const crop = randomCrop({ padding: 1, seed: 9 });
    const shifts = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const out = crop(sample()).image;
      let found = false;
      for (let dy = -1; dy <= 1 && !found; dy++)
        for (let dx = -1; dx <= 1 && !found; dx++) {
          if (Array.from(translateImage(grid(), shape, dy, dx)).every((v, j) => v === out[j])) {
            shifts.add(`${dy},${dx}`);
            found = true;
          }
        }
      expect(found).toBe(true);
    }
    expect(shifts.size).toBe(9);
  });

  it('rescale, one-hot and per-channel normalisation', async () => {
    const bytes: ImageSample = { image: Float32Array.from([0, 51, 255]), shape: [1, 3, 1], label: 1 };
    expect(Array.from(rescale()(bytes).image)).toEqual([0, 0.2, 1].map(Math.fround));
    expect(Array.from(oneHot(4)(bytes).target!)).toEqual([0, 1, 0, 0]);
    expect(() => oneHot(1)(bytes)).toThrow(/label 1/);

    const samples = [sample(), { ...sample(), image: grid().map((v) => v * 3 + 1) }];
    const stats = await computeChannelStats(Dataset.fromArray(samples));
    expect(stats.mean).toHaveLength(2);
    const normalized = await Dataset.fromArray(samples).map(normalizeChannels(stats)).toArray();
    for (let c = 0; c < 2; c++) {
      const values = normalized.flatMap((s) => Array.from(s.image).filter((_, i) => i % 2 === c));
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
      expect(mean).toBeCloseTo(0, 5);
      expect(Math.sqrt(variance)).toBeCloseTo(1, 5);
    }
  });

  it('compose chains transforms and never mutates the input', () => {
    const s = sample();
    const original = Array.from(s.image);
    const out = compose(randomFlipHorizontal({ probability: 1 }), rescale(2), oneHot(3))(s);
    expect(Array.from(s.image)).toEqual(original);
    expect(px(out.image, 0, 0)).toBe(6);
    expect(out.target).toBeDefined();
  });
});
