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
import { colormap, normalizeValues, renderHeatmap, toImageData } from '../src/index';
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
