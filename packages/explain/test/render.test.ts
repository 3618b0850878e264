/**
 * Heat-map rendering: normalisations by hand-computed values, colour map
 * end points, the overlay blend, ImageData where the platform has it, and
 * PNG files that decode back to the same pixels.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, dispose, numTensors, ShapeError, tensor2d, tensor3d, tensor4d } from '@convkit/core';
import { decode } from 'fast-png';
import { afterAll, describe, expect, it } from 'vitest';
import { colormap, normalizeValues, renderHeatmap, tileImages, toImageData } from '../src/index';
import { encodePng, writePng } from '../src/node';

const dir = mkdtempSync(join(tmpdir(), 'convkit-explain-render-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('normalizeValues', () => {
  const v = Float32Array.from([-2, 0, 1, 2]);
  it('scales as each mode says', () => {
    expect(Array.from(normalizeValues(v, 'minMax'))).toEqual([0, 0.5, 0.75, 1]);
    expect(Array.from(normalizeValues(v, 'maxAbs'))).toEqual([1, 0, 0.5, 1]);
    expect(Array.from(normalizeValues(v, 'positive'))).toEqual([0, 0, 0.5, 1]);
    expect(Array.from(normalizeValues(v, 'symmetric'))).toEqual([0, 0.5, 0.75, 1]);
    // The 75th percentile (1) becomes the top of the scale; 2 clips.
    expect(Array.from(normalizeValues(v, 'positive', 75))).toEqual([0, 0, 1, 1]);
    expect(Array.from(normalizeValues(Float32Array.from([3, 3]), 'minMax'))).toEqual([0, 0]);
    expect(() => normalizeValues(v, 'minMax', 0)).toThrow(ConfigError);
  });
});

describe('colormap', () => {
  it('hits the end points of each map and clamps outside [0, 1]', () => {
    expect(colormap('viridis')(0)).toEqual([0x44, 0x01, 0x54]);
    expect(colormap('viridis')(1)).toEqual([0xfd, 0xe7, 0x25]);
    expect(colormap('inferno')(2)).toEqual([0xfc, 0xff, 0xa4]);
    expect(colormap('gray')(0.5)).toEqual([128, 128, 128]);
    expect(colormap('coolwarm')(0.5)).toEqual([0xdd, 0xdc, 0xdc]);
    expect(() => colormap('jet' as never)).toThrow(
      /Unknown colormap 'jet'; known: viridis, inferno, magma, gray, coolwarm/,
    );
  });
});

describe('renderHeatmap', () => {
  it('colours a map, picks one of a batch, blends over an image, and leaks nothing', async () => {
    const maps = tensor3d([0, 1, 2, 3, 4, 5, 6, 7], [2, 2, 2]);
    const image = tensor4d([0, 1, 0, 1, 0.5, 0.5, 0.5, 0.5], [2, 2, 2, 1]);
    const row = tensor2d([1, 2], [1, 2]);
    const narrow = tensor3d([1, 2, 3], [1, 3, 1]);
    const rank4 = tensor4d([1], [1, 1, 1, 1]);
    const before = numTensors();
    const plain = await renderHeatmap(maps, { index: 1, colormap: 'gray' });
    expect([plain.width, plain.height]).toEqual([2, 2]);
    expect(Array.from(plain.data)).toEqual([0, 0, 0, 255, 85, 85, 85, 255, 170, 170, 170, 255, 255, 255, 255, 255]);
    const over = await renderHeatmap(maps, { index: 0, image, colormap: 'gray', alpha: 0.25 });
    // pixel 1: map 1/3 → 85, image 1 → 255: 0.75·255 + 0.25·85
    expect(Array.from(over.data.slice(4, 8))).toEqual([213, 213, 213, 255]);
    const translucent = await renderHeatmap(row, { alpha: 0.5 });
    expect(translucent.data[3]).toBe(128);
    expect(numTensors()).toBe(before);
    await expect(renderHeatmap(maps, { index: 2 })).rejects.toThrow(/index 2 is outside the batch of 2/);
    await expect(renderHeatmap(maps, { image: narrow })).rejects.toBeInstanceOf(ShapeError);
    await expect(renderHeatmap(rank4)).rejects.toThrow(/map must be \[H, W\] or \[N, H, W\]; received \[1, 1, 1, 1\]/);
    expect(numTensors()).toBe(before);
    dispose([maps, image, row, narrow, rank4]);
  });

  it('toImageData builds an ImageData where one exists and returns the pixels elsewhere', async () => {
    const rgba = { data: new Uint8ClampedArray(8).fill(7), width: 2, height: 1 };
    expect(toImageData(rgba)).toBe(rgba); // Node has no ImageData
    class FakeImageData {
      constructor(
        readonly data: Uint8ClampedArray,
        readonly width: number,
        readonly height: number,
      ) {}
    }
    (globalThis as { ImageData?: unknown }).ImageData = FakeImageData;
    try {
      const made = toImageData(rgba);
      expect(made).toBeInstanceOf(FakeImageData);
      expect(made.width).toBe(2);
    } finally {
      delete (globalThis as { ImageData?: unknown }).ImageData;
    }
  });
});

describe('tileImages', () => {
  const image = (w: number, h: number, fill: (i: number) => number) => ({
    width: w,
    height: h,
    data: Uint8ClampedArray.from({ length: w * h * 4 }, (_, i) => fill(i)),
  });

  it('lays two 2×1 images side by side, scaled ×2 with a gap of 1 (hand-computed pixels)', () => {
    // a: pixels A0 = (10,11,12,13), A1 = (20,21,22,23); b: B0 = (30,…), B1 = (40,…)
    const a = image(2, 1, (i) => 10 * (1 + Math.floor(i / 4)) + (i % 4));
    const b = image(2, 1, (i) => 10 * (3 + Math.floor(i / 4)) + (i % 4));
    const out = tileImages([a, b], { scale: 2, gap: 1 });
    expect([out.width, out.height]).toEqual([9, 2]);
    const first = (x: number, y: number) => out.data[(y * out.width + x) * 4];
    // each row: A0 A0 A1 A1 gap B0 B0 B1 B1
    for (const y of [0, 1]) {
      expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((x) => first(x, y))).toEqual([10, 10, 20, 20, 0, 30, 30, 40, 40]);
    }
    expect(Array.from(out.data.subarray(0, 4))).toEqual([10, 11, 12, 13]);
    expect(out.data[4 * 4 + 3]).toBe(0); // the gap is transparent
  });

  it('is the identity for one image at scale 1', () => {
    const a = image(3, 2, (i) => (i * 7) % 256);
    const out = tileImages([a]);
    expect([out.width, out.height]).toEqual([3, 2]);
    expect(Array.from(out.data)).toEqual(Array.from(a.data));
  });

  it('refuses no images, mixed sizes and a bad scale or gap', () => {
    const a = image(2, 2, () => 1);
    expect(() => tileImages([])).toThrow(ConfigError);
    expect(() => tileImages([a, image(3, 2, () => 1)])).toThrow(/image 1 is 3×2/);
    expect(() => tileImages([a], { scale: 0 })).toThrow(/scale/);
    expect(() => tileImages([a], { scale: 1.5 })).toThrow(/scale/);
    expect(() => tileImages([a], { gap: -1 })).toThrow(/gap/);
  });
});

describe('PNG (node entry)', () => {
  it('encodes pixels that decode back unchanged, writes atomically, replaces a PNG, refuses another file', async () => {
    const map = tensor2d([0, 0.5, 1, 0.25, 0.75, 0.1], [2, 3]);
    const rgba = await renderHeatmap(map, { colormap: 'viridis' });
    map.dispose();
    const back = decode(await encodePng(rgba));
    expect([back.width, back.height, back.channels, back.depth]).toEqual([3, 2, 4, 8]);
    expect(Array.from(back.data)).toEqual(Array.from(rgba.data));
    const file = join(dir, 'figures', 'map.png');
    await writePng(file, rgba);
    await writePng(file, rgba); // its own earlier output may be replaced
    expect(Array.from(decode(readFileSync(file)).data)).toEqual(Array.from(rgba.data));
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'keep me');
    await expect(writePng(notes, rgba)).rejects.toThrow(
      /refusing to save the PNG to .*notes\.txt: it is a file that is not a PNG/,
    );
    expect(readFileSync(notes, 'utf8')).toBe('keep me');
    await expect(encodePng({ data: new Uint8ClampedArray(3), width: 1, height: 1 })).rejects.toThrow(
      /expected 1×1×4 = 4 bytes/,
    );
  });
});
