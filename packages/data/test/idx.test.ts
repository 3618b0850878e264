import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DataFormatError } from '@convkit/core';
import {
  encodeIdx,
  FASHION_MNIST_CLASSES,
  fashionMnistFromFiles,
  imageDatasetFromIdx,
  readIdx,
  readIdxImages,
  readIdxLabels,
} from '@convkit/data';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadFashionMnist, loadIdx } from '../src/node';

function fakeImages(n: number, rows = 4, cols = 3): Uint8Array {
  const pixels = new Uint8Array(n * rows * cols);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 37) % 256;
  return encodeIdx(pixels, [n, rows, cols]);
}

const fakeLabels = (n: number) =>
  encodeIdx(
    Uint8Array.from({ length: n }, (_, i) => i % 10),
    [n],
  );

function expectFormatError(fn: () => unknown, pattern: RegExp): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(DataFormatError);
  expect((error as Error).message).toMatch(pattern);
}

describe('IDX', () => {
  it('round-trips images and labels, raw and gzipped, with the MNIST magics', () => {
    const file = fakeImages(5);
    expect(Array.from(file.subarray(0, 4))).toEqual([0, 0, 8, 3]);
    expect(Array.from(fakeLabels(5).subarray(0, 4))).toEqual([0, 0, 8, 1]);
    for (const bytes of [file, gzipSync(file)]) {
      const img = readIdxImages(bytes);
      expect([img.count, img.rows, img.cols]).toEqual([5, 4, 3]);
      expect(img.pixels[13]).toBe((13 * 37) % 256);
    }
    expect(Array.from(readIdxLabels(gzipSync(fakeLabels(12))))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
  });

  it('round-trips every element type, big-endian', () => {
    const values = [-3, 0, 1.5, 1000];
    for (const dtype of ['int16', 'int32', 'float32', 'float64'] as const) {
      const v = dtype.startsWith('int') ? [-3, 0, 2, 1000] : values;
      const idx = readIdx(encodeIdx(v, [2, 2], dtype));
      expect(idx.dtype).toBe(dtype);
      expect(idx.dims).toEqual([2, 2]);
      expect(Array.from(idx.data)).toEqual(v);
    }
    const be = encodeIdx([1], [1], 'int32');
    expect(Array.from(be.subarray(8))).toEqual([0, 0, 0, 1]);
  });

  it('builds an image dataset scaled to [0, 1] with HW1 samples', async () => {
    const ds = imageDatasetFromIdx(fakeImages(6), fakeLabels(6));
    expect(ds.size).toBe(6);
    expect(ds.shape).toEqual([4, 3, 1]);
    const s = ds.at(1);
    expect(s.label).toBe(1);
    expect(s.image[0]).toBeCloseTo(((12 * 37) % 256) / 255, 6);
  });

  it('rejects corrupt, truncated, mismatched and absurd files with DataFormatError', () => {
    const good = fakeImages(3);
    expectFormatError(() => readIdx(new Uint8Array([0, 0])), /truncated IDX file/);
    expectFormatError(() => readIdx(Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0, 0, 0])), /not an IDX file/);
    expectFormatError(() => readIdx(Uint8Array.from([0, 0, 0x42, 1, 0, 0, 0, 1, 0])), /not an IDX file/);
    expectFormatError(() => readIdx(Uint8Array.from([0, 0, 8, 0])), /0 dimensions/);
    expectFormatError(() => readIdx(Uint8Array.from([0, 0, 8, 3, 0, 0, 0, 1])), /truncated IDX header/);
    expectFormatError(() => readIdx(good.subarray(0, good.length - 1), { name: 'train.idx' }), /train\.idx: truncated/);
    const longer = new Uint8Array(good.length + 2);
    longer.set(good);
    expectFormatError(() => readIdx(longer), /trailing bytes/);
    // Header claims 4 billion 65536×65536 images: rejected from the header alone.
    const absurd = Uint8Array.from([0, 0, 8, 3, 0xff, 0xff, 0xff, 0xff, 0, 1, 0, 0, 0, 1, 0, 0, 1, 2, 3]);
    expectFormatError(() => readIdx(absurd, { name: 'huge' }), /huge: .*more than maxBytes/);
    const gz = gzipSync(good);
    expectFormatError(() => readIdx(gz.subarray(0, gz.length - 10), { name: 'cut.gz' }), /cut\.gz: .*gzip/);
    const bad = Uint8Array.from(gz);
    bad[12] ^= 0xff;
    bad[13] ^= 0xff;
    expectFormatError(() => readIdx(bad), /gzip/);
    expectFormatError(() => readIdxImages(fakeLabels(3), { name: 'imgs' }), /imgs: expected an IDX image file/);
    expectFormatError(() => readIdxLabels(good, { name: 'labs' }), /labs: expected an IDX label file/);
    expectFormatError(() => readIdxLabels(encodeIdx([1, 12], [2])), /label 12/);
    expectFormatError(
      () => imageDatasetFromIdx(fakeImages(3), fakeLabels(4), { images: 'a-images', labels: 'a-labels' }),
      /a-images holds 3 images but a-labels holds 4 labels/,
    );
  });

  it('loads Fashion-MNIST from bytes and from a directory of .gz files', async () => {
    const files = {
      trainImages: gzipSync(fakeImages(8, 28, 28)),
      trainLabels: gzipSync(fakeLabels(8)),
      testImages: fakeImages(2, 28, 28),
      testLabels: fakeLabels(2),
    };
    const fromBytes = fashionMnistFromFiles(files);
    expect([fromBytes.train.size, fromBytes.test.size]).toEqual([8, 2]);
    expect(fromBytes.train.classNames).toBe(FASHION_MNIST_CLASSES);

    const dir = mkdtempSync(join(tmpdir(), 'convkit-idx-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'train-images-idx3-ubyte.gz'), files.trainImages);
    writeFileSync(join(dir, 'train-labels-idx1-ubyte.gz'), files.trainLabels);
    writeFileSync(join(dir, 't10k-images-idx3-ubyte'), files.testImages);
    writeFileSync(join(dir, 't10k-labels-idx1-ubyte'), fakeLabels(3));
    await expect(loadFashionMnist(dir)).rejects.toThrow(/t10k-images-idx3-ubyte holds 2 images but .*holds 3 labels/);
    writeFileSync(join(dir, 't10k-labels-idx1-ubyte'), files.testLabels);
    const fromDir = await loadFashionMnist(dir);
    expect([fromDir.train.size, fromDir.test.size]).toEqual([8, 2]);
    expect(Array.from(fromDir.train.at(3).image)).toEqual(Array.from(fromBytes.train.at(3).image));
    const idx = await loadIdx(join(dir, 'train-labels-idx1-ubyte.gz'));
    expect(idx.dims).toEqual([8]);
    await expect(loadFashionMnist(join(dir, 'missing'))).rejects.toThrow(
      /loadFashionMnist: dir is .*missing, which does not exist/,
    );
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    await expect(loadFashionMnist(empty)).rejects.toThrow(/train-images-idx3-ubyte\(\.gz\)/);
  });

  it('reads the real Fashion-MNIST files when they are present', async () => {
    const dir = join(__dirname, '../../../../shared/datasets/fashion-mnist');
    if (!existsSync(dir)) return;
    const { train, test } = await loadFashionMnist(dir);
    expect([train.size, test.size]).toEqual([60000, 10000]);
    expect(train.shape).toEqual([28, 28, 1]);
    expect(train.classCounts()).toEqual(new Array(10).fill(6000));
  });
});
