/**
 * Every numeric option of every public data function: NaN, ±Infinity,
 * negative, fractional where an integer is needed, and wrong types are a
 * `ConfigError` naming the function, the option and what it accepts — not a
 * silent no-op, a `DataFormatError` or a crash further on — and leak no tensors.
 */
import { gzipSync } from 'node:zlib';
import { ConfigError, numTensors } from '@convkit/core';
import {
  CIFAR10_RECORD_BYTES,
  cifar10FromBatches,
  collateImages,
  Dataset,
  encodeIdx,
  fashionMnistFromFiles,
  ImageDataset,
  imageDatasetFromIdx,
  kFold,
  mnistFromFiles,
  normalizeChannels,
  oneHot,
  padAndCropImage,
  randomCrop,
  randomFlipHorizontal,
  randomShift,
  readCifar10,
  readIdx,
  readIdxImages,
  readIdxLabels,
  rescale,
  toPlainBytes,
  trainValidationSplit,
  translateImage,
} from '@convkit/data';
import { loadMnistDigits } from '@convkit/data/mnist';
import { describe, expect, it } from 'vitest';
import { loadCifar10, loadFashionMnist, loadIdx, loadMnist } from '../src/node';

const images = encodeIdx(new Uint8Array(2 * 4), [2, 2, 2]);
const labels = encodeIdx([1, 0], [2]);
const files = { trainImages: images, trainLabels: labels, testImages: images, testLabels: labels };
const cifar = new Uint8Array(CIFAR10_RECORD_BYTES);
const sample = { image: new Float32Array(4), shape: [2, 2, 1] as const, label: 1 };

function dataset(n = 6): ImageDataset {
  return new ImageDataset({
    images: new Float32Array(n * 4),
    labels: Array.from({ length: n }, (_, i) => i % 2),
    shape: [2, 2, 1],
  });
}

/** Invalid values for an option that needs a positive integer. */
const NOT_POSITIVE_INT = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1, 0, 2.5, '8', null, true];

type Case = [call: () => unknown, message: RegExp];

function expectConfigError(call: () => unknown, message: RegExp): void {
  let error: unknown;
  const before = numTensors();
  try {
    call();
  } catch (e) {
    error = e;
  }
  expect(error, `${message}`).toBeInstanceOf(ConfigError);
  expect((error as Error).message).toMatch(message);
  expect(numTensors()).toBe(before);
}

describe('option validation: a ConfigError naming the function and the option', () => {
  it('maxBytes of every reader and loader', async () => {
    for (const bad of NOT_POSITIVE_INT) {
      const maxBytes = bad as number;
      const cases: Case[] = [
        [
          () => toPlainBytes(gzipSync(images), { maxBytes }),
          /^toPlainBytes: options\.maxBytes must be a positive integer/,
        ],
        [() => readIdx(images, { maxBytes }), /^readIdx: options\.maxBytes must be a positive integer, got /],
        [() => readIdxImages(images, { maxBytes }), /^readIdxImages: options\.maxBytes/],
        [() => readIdxLabels(labels, { maxBytes }), /^readIdxLabels: options\.maxBytes/],
        [() => imageDatasetFromIdx(images, labels, {}, { maxBytes }), /^imageDatasetFromIdx: options\.maxBytes/],
        [() => mnistFromFiles(files, { maxBytes }), /^mnistFromFiles: options\.maxBytes/],
        [() => fashionMnistFromFiles(files, { maxBytes }), /^fashionMnistFromFiles: options\.maxBytes/],
        [() => readCifar10(cifar, { maxBytes }), /^readCifar10: options\.maxBytes/],
        [() => cifar10FromBatches([{ bytes: cifar }], { maxBytes }), /^cifar10FromBatches: options\.maxBytes/],
      ];
      for (const [call, message] of cases) expectConfigError(call, message);
      for (const [load, fn] of [
        [() => loadIdx('/nonexistent/file', { maxBytes }), 'loadIdx'],
        [() => loadMnist('/nonexistent', { maxBytes }), 'loadMnist'],
        [() => loadFashionMnist('/nonexistent', { maxBytes }), 'loadFashionMnist'],
        [() => loadCifar10('/nonexistent', { maxBytes }), 'loadCifar10'],
      ] as const) {
        await expect(load()).rejects.toThrow(new RegExp(`^${fn}: options\\.maxBytes must be a positive integer`));
        await expect(load()).rejects.toBeInstanceOf(ConfigError);
      }
    }
  });

  it('numClasses of the IDX readers, datasets and transforms', async () => {
    for (const numClasses of [0, -3, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '10']) {
      const k = numClasses as number;
      expectConfigError(
        () => readIdxLabels(labels, { numClasses: k }),
        /^readIdxLabels: options\.numClasses must be an integer in 1\.\.256, got /,
      );
      expectConfigError(
        () => imageDatasetFromIdx(images, labels, {}, { numClasses: k }),
        /^imageDatasetFromIdx: options\.numClasses/,
      );
      expectConfigError(() => mnistFromFiles(files, { numClasses: k }), /^mnistFromFiles: options\.numClasses/);
      expectConfigError(
        () => new ImageDataset({ images: new Float32Array(4), labels: [0], shape: [2, 2, 1], numClasses: k }),
        /^ImageDataset: numClasses must be/,
      );
      expectConfigError(
        () => ImageDataset.fromUint8(new Uint8Array(4), [0], [2, 2, 1], { numClasses: k }),
        /^ImageDataset\.fromUint8: options\.numClasses/,
      );
      expectConfigError(() => oneHot(k), /^oneHot: numClasses must be/);
      await expect(loadMnist('/nonexistent', { numClasses: k })).rejects.toThrow(/^loadMnist: options\.numClasses/);
    }
    expectConfigError(() => readIdxLabels(labels, { numClasses: 257 }), /got 257/);
    expectConfigError(
      () => mnistFromFiles(files, { numClasses: 11 }),
      /^mnistFromFiles: classNames has 10 names but numClasses is 11/,
    );
  });

  it('sizes and counts of Dataset operators, and the batch oneHot option', () => {
    const ds = Dataset.fromArray([1, 2, 3]);
    for (const bad of NOT_POSITIVE_INT) {
      const n = bad as number;
      expectConfigError(() => ds.batch(n), /^Dataset\.batch: size must be a positive integer, got /);
      expectConfigError(() => ds.shuffle(n), /^Dataset\.shuffle: bufferSize must be a positive integer/);
      expectConfigError(() => ds.prefetch(n), /^Dataset\.prefetch: bufferSize must be a positive integer/);
      expectConfigError(
        () => ds.batch(2, { oneHot: n }),
        /^Dataset\.batch: options\.oneHot must be an integer in 1\.\./,
      );
      expectConfigError(() => collateImages([sample], { oneHot: n }), /^collateImages: options\.oneHot/);
      expectConfigError(() => dataset().toBatch({ oneHot: n }), /^collateImages: options\.oneHot/);
    }
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, -1, 1.5, '2']) {
      const n = bad as number;
      expectConfigError(() => ds.take(n), /^Dataset\.take: count must be a non-negative integer, got /);
      expectConfigError(() => ds.skip(n), /^Dataset\.skip: count must be a non-negative integer/);
      expectConfigError(() => Dataset.range(n), /^Dataset\.range: n must be a non-negative integer/);
    }
    for (const bad of [Number.NaN, Number.NEGATIVE_INFINITY, -1, 1.5, '2']) {
      expectConfigError(
        () => ds.repeat(bad as number),
        /^Dataset\.repeat: count must be a non-negative integer or Infinity/,
      );
      expectConfigError(
        () => Dataset.fromGenerator(() => [1], { size: bad as number }),
        /^Dataset\.fromGenerator: options\.size/,
      );
    }
    expectConfigError(
      () => ds.batch(2, { dropRemainder: 'yes' as never }),
      /^Dataset\.batch: options\.dropRemainder must be true or false/,
    );
    expectConfigError(() => ds.map('x' as never), /^Dataset\.map: fn must be a function/);
    expectConfigError(
      () => Dataset.fromArray('abc' as never),
      /^Dataset\.fromArray: items must be an array, got "abc"/,
    );
    expect(ds.repeat(Number.POSITIVE_INFINITY).size).toBe(Number.POSITIVE_INFINITY);
  });

  it('seeds: integers only', async () => {
    const ds = dataset();
    for (const seed of [Number.NaN, Number.POSITIVE_INFINITY, 0.5, '1']) {
      const s = seed as number;
      expectConfigError(() => ds.shuffle(4, s), /^Dataset\.shuffle: seed must be an integer, got /);
      expectConfigError(
        () => trainValidationSplit(ds, 0.5, { seed: s }),
        /^trainValidationSplit: options\.seed must be an integer/,
      );
      expectConfigError(() => kFold(ds, 2, { seed: s }), /^kFold: options\.seed must be an integer/);
      expectConfigError(() => randomShift({ maxShift: 1, seed: s }), /^randomShift: options\.seed must be an integer/);
      expectConfigError(() => randomCrop({ padding: 1, seed: s }), /^randomCrop: options\.seed/);
      expectConfigError(() => randomFlipHorizontal({ seed: s }), /^randomFlipHorizontal: options\.seed/);
      await expect(loadMnistDigits({ count: 10, seed: s })).rejects.toThrow(
        /^loadMnistDigits: options\.seed must be an integer/,
      );
    }
    expect(trainValidationSplit(ds, 0.5, { seed: -7 }).validation.size).toBe(3);
  });

  it('fractions of splits and k of k-fold', () => {
    const ds = dataset(6);
    for (const f of [Number.NaN, 0, 1, -0.1, 1.5, Number.POSITIVE_INFINITY, '0.2']) {
      expectConfigError(
        () => trainValidationSplit(ds, f as number),
        /^trainValidationSplit: validationFraction must be a number in \(0, 1\), got /,
      );
    }
    for (const k of [Number.NaN, 1, 7, 2.5, Number.POSITIVE_INFINITY, '3']) {
      expectConfigError(() => kFold(ds, k as number), /^kFold: k must be an integer in 2\.\.6, got /);
    }
    expectConfigError(() => kFold(ds, 2, { stratify: 1 as never }), /^kFold: options\.stratify must be true or false/);
    expectConfigError(
      () => trainValidationSplit([1, 2] as never, 0.5),
      /^trainValidationSplit: data must be a splittable dataset/,
    );
  });

  it('shift, crop and flip parameters, normalisation statistics, rescale factor', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, -1, 1.5, '2']) {
      expectConfigError(
        () => randomShift({ maxShift: bad as number }),
        /^randomShift: options\.maxShift must be a non-negative integer, got /,
      );
      expectConfigError(
        () => randomCrop({ padding: bad as number }),
        /^randomCrop: options\.padding must be a non-negative integer/,
      );
    }
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, -0.1, 1.01, '0.5']) {
      expectConfigError(
        () => randomFlipHorizontal({ probability: bad as number }),
        /^randomFlipHorizontal: options\.probability must be a number in \[0, 1\], got /,
      );
    }
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, '0']) {
      expectConfigError(
        () => randomShift({ maxShift: 1, fill: bad as number }),
        /^randomShift: options\.fill must be a finite number/,
      );
      expectConfigError(() => rescale(bad as number), /^rescale: factor must be a finite number/);
      expectConfigError(
        () => translateImage(sample.image, sample.shape, 0, 0, bad as number),
        /^translateImage: fill must be a finite number/,
      );
      expectConfigError(
        () => normalizeChannels({ mean: [bad as number], std: [1] }),
        /^normalizeChannels: stats\.mean\[0\] must be a finite number/,
      );
      expectConfigError(
        () => normalizeChannels({ mean: [0, 0], std: [1, bad as number] }),
        /^normalizeChannels: stats\.std\[1\] must be a finite number >= 0/,
      );
    }
    expectConfigError(
      () => normalizeChannels({ mean: [0], std: [-1] }),
      /^normalizeChannels: stats\.std\[0\] must be a finite number >= 0, got -1/,
    );
    expectConfigError(
      () => randomCrop({ padding: 1, padMode: 'edge' as never }),
      /^randomCrop: options\.padMode must be one of 'zeros', 'reflect', got "edge"/,
    );
    expectConfigError(
      () => translateImage(sample.image, sample.shape, 0.5, 0),
      /^translateImage: dy must be an integer, got 0\.5/,
    );
    expectConfigError(
      () => padAndCropImage(sample.image, sample.shape, 1, 3, 0),
      /^padAndCropImage: top must be an integer in 0\.\.2, got 3/,
    );
  });

  it('IDX encoding, input types and loadMnistDigits count', async () => {
    expectConfigError(() => encodeIdx([1], [1], 'uint16' as never), /^encodeIdx: dtype must be one of uint8, int8/);
    expectConfigError(() => encodeIdx([300], [1]), /^encodeIdx: value 300 at index 0 does not fit uint8/);
    expectConfigError(() => encodeIdx([1.5], [1], 'int16'), /^encodeIdx: value 1\.5 at index 0 does not fit int16/);
    expectConfigError(
      () => readIdx('train-images-idx3-ubyte' as never),
      /^readIdx: input must be the file's contents .*use the loaders of @convkit\/data\/node/,
    );
    expectConfigError(
      () => mnistFromFiles({ ...files, testLabels: undefined as never }),
      /^mnistFromFiles: files\.testLabels must be the file's contents/,
    );
    expectConfigError(() => cifar10FromBatches([]), /^cifar10FromBatches: files must be a non-empty array/);
    expectConfigError(
      () => cifar10FromBatches([{ bytes: cifar, name: 3 as never }]),
      /^cifar10FromBatches: files\[0\]\.name must be a non-empty string/,
    );
    expectConfigError(
      () => imageDatasetFromIdx(images, labels, {}, { scale: 'no' as never }),
      /^imageDatasetFromIdx: options\.scale must be true or false/,
    );
    for (const count of [0, 10001, Number.NaN, 2.5, '5']) {
      await expect(loadMnistDigits({ count: count as number })).rejects.toThrow(
        /^loadMnistDigits: options\.count must be an integer in 1\.\.10000, got /,
      );
    }
  });
});
