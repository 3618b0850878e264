import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Batch, type BatchSource, numTensors, ops, setSeed, supportedKernels, type Tensor } from '@convkit/core';
import { sliceBatch } from '@convkit/layers';
import { Adam } from '@convkit/optim';
import { afterEach, describe, expect, it } from 'vitest';
import {
  compressModel,
  formatReport,
  inferenceKernelsOf,
  loadCompressed,
  quantizeWidths,
  restoreQuantization,
  saveCompressed,
} from '../src/index';
import { toyCnn, toyData } from './helpers';

const disposables: Array<{ dispose(): void }> = [];
afterEach(() => {
  for (const d of disposables.splice(0)) d.dispose();
});

function batches(x: Tensor, y: Tensor, size: number): BatchSource {
  const n = x.shape[0];
  return Object.assign(
    {
      *[Symbol.iterator](): Generator<Batch> {
        for (let s = 0; s < n; s += size) {
          const k = Math.min(size, n - s);
          yield { xs: sliceBatch(x, s, k), ys: sliceBatch(y, s, k) };
        }
      },
    },
    { batchCount: Math.ceil(n / size) },
  );
}

describe('compressModel', () => {
  it('prunes, clusters and quantizes with a report row per step; the saved int8 file reloads and predicts the same', async () => {
    setSeed(21);
    const train = toyData(256);
    const test = toyData(128);
    const model = toyCnn(8, 32);
    disposables.push(train.x, train.y, test.x, test.y, model);
    model.compile({ optimizer: new Adam({ learningRate: 0.02 }), loss: 'sparseCategoricalCrossentropy' });
    await model.fit(train.x, train.y, { epochs: 4, batchSize: 32 });
    const before = numTensors();
    const result = await compressModel(model, {
      trainData: () => batches(train.x, train.y, 32),
      testData: [test.x, test.y],
      calibrationData: train.x,
      optimizer: () => new Adam({ learningRate: 0.005 }),
      structured: { fraction: 0.25, epochs: 1 },
      prune: { sparsity: 0.7, epochs: 2 },
      cluster: { clusters: 16, epochs: 1 },
      quantize: 'int8',
      latencyRuns: 3,
    });
    disposables.push(result.model);
    expect(result.rows.map((r) => r.step)).toEqual([
      'original',
      'filters −25%',
      expect.stringMatching(/^pruned 7\d%$/),
      'clustered k=16',
      'int8 PTQ',
    ]);
    const [orig, structured, pruned, , int8] = result.rows;
    expect(structured.params).toBeLessThan(orig.params);
    expect(structured.flops).toBeLessThan(orig.flops);
    expect(pruned.nonzeroParams).toBeLessThan(0.45 * pruned.params);
    // (a toy model: the JSON header is a large part of this file)
    expect(int8.gzipBytes).toBeLessThan(orig.gzipBytes / 3);
    expect(int8.accuracy).toBeGreaterThan(0.8);
    expect(int8.extra?.['max |Δlogit|']).toBeGreaterThanOrEqual(0);
    for (const r of result.rows) {
      expect(r.latencyBatch1Ms).toBeGreaterThan(0);
      expect(r.latencyBatch64Ms).toBeGreaterThan(0);
    }
    // int8 rows are timed as evaluated: on the integer kernels where the backend has them (not on cpu).
    expect(int8.latencyMode).toBe('as-is');
    expect(orig.latencyMode).toBe('as-is');
    expect(orig.kernels).toBe('float');
    expect(int8.kernels).toBe(
      supportedKernels().includes(ops.compressedKernelNames.quantizedConv2d) ? 'int8' : 'float',
    );
    expect(inferenceKernelsOf(result.model).int8.length).toBeGreaterThan(0);
    expect(result.model.layers.filter((l) => l.outputTransform !== undefined).length).toBeGreaterThan(0);
    const table = formatReport(result.rows);
    expect(table).not.toContain('timed on float kernels');
    expect(table.split('\n')[0]).toMatch(/kernels$/);
    expect(table.split('\n')[0]).toMatch(/^step\s+params\s+nonzero\s+FLOPs\s+size\s+gzip/);
    expect(table).toContain('int8 PTQ');
    // The original model is untouched and everything intermediate is freed.
    expect(numTensors()).toBe(before + result.model.weights.length);

    const dir = mkdtempSync(join(tmpdir(), 'convkit-compress-'));
    try {
      const file = join(dir, 'model.ckz');
      await saveCompressed(result.model, file, result.encodeOptions);
      const loaded = await loadCompressed(file);
      disposables.push(loaded.model);
      expect(restoreQuantization(loaded.model, loaded.metadata)).toBe(true);
      const a = result.model.predict(test.x);
      const b = loaded.model.predict(test.x);
      const diff = ops.max(ops.abs(ops.sub(a, b)));
      expect(diff.dataSync()[0]).toBe(0);
      [a, b, diff].forEach((t) => t.dispose());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('distils, reports random beside magnitude pruning and one row per bit width; the first width is kept', async () => {
    setSeed(22);
    const train = toyData(192);
    const test = toyData(96);
    const model = toyCnn(8, 32);
    disposables.push(train.x, train.y, test.x, test.y, model);
    model.compile({ optimizer: new Adam({ learningRate: 0.02 }), loss: 'sparseCategoricalCrossentropy' });
    await model.fit(train.x, train.y, { epochs: 3, batchSize: 32 });
    const before = numTensors();
    const result = await compressModel(model, {
      trainData: () => batches(train.x, train.y, 32),
      testData: [test.x, test.y],
      calibrationData: train.x,
      optimizer: () => new Adam({ learningRate: 0.01 }),
      distill: { student: () => toyCnn(4, 16), epochs: 2, temperature: 2, alpha: 0.5 },
      prune: { sparsity: 0.75, epochs: 1, randomBaseline: { seed: 5 } },
      quantize: { bits: [4, 8, 2] },
      latencyRuns: 2,
    });
    disposables.push(result.model);
    expect(result.rows.map((r) => r.step)).toEqual([
      'original',
      'distilled',
      'pruned 75%',
      'random 75%',
      'int4 PTQ',
      'int8 PTQ',
      'int2 PTQ',
    ]);
    const [orig, student, pruned, random, int4, int8, int2] = result.rows;
    expect(student.params).toBeLessThan(orig.params / 2);
    expect(random.params).toBe(pruned.params);
    // The same number of kernel zeros (a few weights may also be exactly 0 by chance).
    expect(Math.abs(random.nonzeroParams - pruned.nonzeroParams)).toBeLessThanOrEqual(2);
    expect(random.extra?.baseline).toBe('random');
    // Narrower codes, smaller files.
    expect(int2.sizeBytes).toBeLessThan(int4.sizeBytes);
    expect(int4.sizeBytes).toBeLessThan(int8.sizeBytes);
    for (const r of [int4, int8, int2]) expect(r.latencyMode).toBe('as-is');
    expect(formatReport(result.rows)).toContain('random 75%');
    // The kept model is the 4-bit one.
    expect(result.encodeOptions.weights).toBe('int4');
    expect(numTensors()).toBe(before + result.model.weights.length);

    const dir = mkdtempSync(join(tmpdir(), 'convkit-compress-'));
    try {
      const file = join(dir, 'model.ckz');
      await saveCompressed(result.model, file, result.encodeOptions);
      const loaded = await loadCompressed(file);
      disposables.push(loaded.model);
      expect(loaded.info.weights.filter((w) => w.encoding === 'int').length).toBeGreaterThan(0);
      expect(restoreQuantization(loaded.model, loaded.metadata)).toBe(true);
      const a = result.model.predict(test.x);
      const b = loaded.model.predict(test.x);
      const diff = ops.max(ops.abs(ops.sub(a, b)));
      expect((await diff.data())[0]).toBe(0);
      [a, b, diff].forEach((t) => t.dispose());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('checks the quantize widths and the random baseline options', async () => {
    const model = toyCnn();
    disposables.push(model);
    const base = {
      trainData: () => batches(model.weights[0].variable, model.weights[0].variable, 1),
      testData: [model.weights[0].variable, model.weights[0].variable] as [Tensor, Tensor],
      calibrationData: model.weights[0].variable,
      optimizer: () => new Adam(),
    };
    expect(quantizeWidths({ bits: [8, 4, 8] })).toEqual([8, 4]);
    expect(quantizeWidths('int8')).toEqual([8]);
    expect(quantizeWidths('float16')).toEqual([]);
    expect(() => quantizeWidths({ bits: [] })).toThrow(/empty list/);
    expect(() => quantizeWidths({ bits: 1 })).toThrow(/quantize.bits must be an integer from 2 to 8, got 1/);
    await expect(compressModel(model, { ...base, quantize: { bits: 9 } })).rejects.toThrow(/quantize.bits/);
    await expect(
      compressModel(model, { ...base, prune: { sparsity: 0.5, randomBaseline: true, blockSparsity: [2, 4] } }),
    ).rejects.toThrow(/randomBaseline compares unstructured pruning/);
  });
});
