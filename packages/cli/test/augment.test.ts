/** `--augment`: the transforms behind none, shift, flip and flip-shift, checked against plain-JS references. */
import { setSeed } from '@convkit/core';
import type { ImageSample } from '@convkit/data';
import { describe, expect, it } from 'vitest';
import { augmentation } from '../src/augment';

const H = 8;
const W = 8;
const C = 3;
const image = Float32Array.from({ length: H * W * C }, (_, i) => i + 1);
const sample: ImageSample = { image, label: 0, shape: [H, W, C] } as ImageSample;

/** `img` moved by (dy, dx), zeros shifted in. */
function shifted(img: Float32Array, dy: number, dx: number): number[] {
  const out = new Array(H * W * C).fill(0);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++)
      for (let c = 0; c < C; c++) {
        const sy = y - dy;
        const sx = x - dx;
        if (sy >= 0 && sy < H && sx >= 0 && sx < W) out[(y * W + x) * C + c] = img[(sy * W + sx) * C + c];
      }
  return out;
}

function mirrored(img: Float32Array): Float32Array {
  const out = new Float32Array(img.length);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++)
      for (let c = 0; c < C; c++) out[(y * W + x) * C + c] = img[(y * W + (W - 1 - x)) * C + c];
  return out;
}

/** The (dy, dx) that turns `img` into `out`, or undefined. */
function shiftOf(img: Float32Array, out: ArrayLike<number>, max: number): [number, number] | undefined {
  for (let dy = -max; dy <= max; dy++)
    for (let dx = -max; dx <= max; dx++) if (shifted(img, dy, dx).every((v, i) => v === out[i])) return [dy, dx];
  return undefined;
}

describe('augmentation', () => {
  it('none is no transform; flip mirrors about half the samples', () => {
    expect(augmentation('none', 'mnist')).toBeUndefined();
    expect(augmentation(undefined, 'cifar10')).toBeUndefined();
    setSeed(3);
    const flip = augmentation('flip', 'cifar10');
    let flipped = 0;
    for (let i = 0; i < 200; i++) {
      const out = Array.from(flip?.(sample).image ?? []);
      if (out.every((v, j) => v === image[j])) continue;
      expect(out).toEqual(Array.from(mirrored(image)));
      flipped++;
    }
    expect(flipped).toBeGreaterThan(70);
    expect(flipped).toBeLessThan(130);
  });

  it('shift moves by up to two pixels, four on cifar10; flip-shift also mirrors', () => {
    setSeed(5);
    for (const [data, max] of [
      ['mnist', 2],
      ['cifar10', 4],
    ] as const) {
      const shift = augmentation('shift', data);
      let largest = 0;
      for (let i = 0; i < 60; i++) {
        const d = shiftOf(image, shift?.(sample).image ?? [], 4);
        expect(d).toBeDefined();
        largest = Math.max(largest, Math.abs(d?.[0] ?? 0), Math.abs(d?.[1] ?? 0));
      }
      expect(largest).toBe(max);
    }
    const both = augmentation('flip-shift', 'cifar10');
    let mirroredCount = 0;
    for (let i = 0; i < 60; i++) {
      const out = both?.(sample).image ?? [];
      const plain = shiftOf(image, out, 4);
      const flipped = shiftOf(mirrored(image), out, 4);
      expect(plain !== undefined || flipped !== undefined).toBe(true);
      if (plain === undefined) mirroredCount++;
    }
    expect(mirroredCount).toBeGreaterThan(10);
  });
});
