/**
 * The worker's training and compression sessions (src/trainer.ts,
 * src/compression.ts) in Node on the wasm backend, on a few hundred real
 * digits from the same files the build serves: progress events, held-out
 * evaluation, each compression step's effect on the report, the `.ckz`
 * download, and no leaked tensors.
 */
import '@convkit/backend-wasm';
import { decodeCompressed } from '@convkit/compress';
import { dispose, numTensors, setBackend, setSeed } from '@convkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDigitFiles } from '../build/digits';
import { Compressor } from '../src/compression';
import { type Digits, PIXELS, parseDigits } from '../src/digits';
import type { Response } from '../src/protocol';
import { type TensorSet, Trainer, toTensors } from '../src/trainer';

function head(d: Digits, n: number): Digits {
  return { count: n, pixels: d.pixels.subarray(0, n * PIXELS), labels: d.labels.subarray(0, n) };
}

let train: TensorSet;
let test: TensorSet;
let before: number;

beforeAll(async () => {
  await setBackend('wasm');
  setSeed(3);
  const files = makeDigitFiles();
  before = numTensors();
  train = toTensors(head(parseDigits(files.train, 'train'), 640));
  test = toTensors(head(parseDigits(files.test, 'test'), 200));
});

afterAll(() => {
  dispose([train.xs, train.ys, test.xs, test.ys]);
});

describe('digit files', () => {
  it('hold disjoint train and held-out sets of all 10,000 digits, every class in both', () => {
    const { train: a, test: b } = makeDigitFiles();
    const tr = parseDigits(a, 'train');
    const te = parseDigits(b, 'test');
    expect(tr.count + te.count).toBe(10_000);
    expect(te.count).toBeGreaterThan(1900);
    for (let d = 0; d < 10; d++) {
      expect(tr.labels.includes(d)).toBe(true);
      expect(te.labels.includes(d)).toBe(true);
    }
    const key = (p: Uint8Array, i: number) => p.subarray(i * PIXELS, (i + 1) * PIXELS).join(',');
    const seen = new Set(Array.from({ length: tr.count }, (_, i) => key(tr.pixels, i)));
    const shared = Array.from({ length: te.count }, (_, i) => key(te.pixels, i)).filter((k) => seen.has(k));
    // The mnist package has a few exact duplicate images; the split itself never puts one digit in both.
    expect(shared.length).toBeLessThan(5);
    expect(() => parseDigits(a.subarray(0, 100), 'cut')).toThrow(/cut: 100 bytes/);
  });
});

describe('worker sessions', () => {
  it('trains with progress events, evaluates, compresses step by step and frees its tensors', async () => {
    const events: Response[] = [];
    const trainer = new Trainer(train, test, (m) => events.push(m));
    const result = await trainer.run({
      model: 'small',
      epochs: 2,
      batchSize: 32,
      learningRate: 0.003,
      optimizer: 'adam',
    });
    const batches = events.filter((e) => e.type === 'batch');
    const epochs = events.filter((e) => e.type === 'epoch');
    expect(batches).toHaveLength(40);
    expect(batches.at(-1)).toMatchObject({ step: 40, totalSteps: 40, secondsLeft: 0 });
    expect(epochs.map((e) => e.type === 'epoch' && e.step)).toEqual([20, 40]);
    const lastEpoch = epochs[1].type === 'epoch' ? epochs[1] : undefined;
    expect(result).toMatchObject({ stopped: false, epochs: 2 });
    expect(result.evaluation.accuracy).toBeCloseTo(lastEpoch!.valAccuracy, 6);
    expect(result.evaluation.accuracy).toBeGreaterThan(0.5);
    const confusion = result.evaluation.confusion;
    expect(confusion.flat().reduce((a, b) => a + b, 0)).toBe(200);
    expect(confusion.reduce((n, row, i) => n + row[i], 0) / 200).toBeCloseTo(result.evaluation.accuracy, 6);
    expect(result.evaluation.grid.labels).toHaveLength(64);
    expect(result.evaluation.mistakes.labels.every((l, i) => l !== result.evaluation.mistakes.predicted[i])).toBe(true);

    const probs = await trainer.predict(Float32Array.from(test.digits.pixels.subarray(0, PIXELS), (v) => v / 255));
    expect(probs).toHaveLength(10);
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(probs.indexOf(Math.max(...probs))).toBe(result.evaluation.grid.predicted[0]);

    const model = trainer.requireModel();
    const compressor = new Compressor(train, test);
    const base = (await compressor.apply({ kind: 'reset' }, model))[0];
    expect(base.accuracy).toBeCloseTo(result.evaluation.accuracy, 6);
    expect(base.params).toBe(model.countParams());

    let rows = await compressor.apply({ kind: 'filters', fraction: 0.5, fineTuneSteps: 2 }, model);
    expect(rows[1].step).toBe('filters −50%');
    expect(rows[1].params).toBeLessThan(0.6 * base.params);
    expect(rows[1].flops).toBeLessThan(base.flops);

    rows = await compressor.apply({ kind: 'prune', sparsity: 0.8, fineTuneSteps: 2 }, model);
    expect(rows[2].nonzeroParams).toBeLessThan(0.3 * rows[1].params);
    expect(rows[2].gzipBytes).toBeLessThan(rows[1].gzipBytes);

    rows = await compressor.apply({ kind: 'quantize' }, model);
    expect(rows[3].step).toBe('int8 PTQ');
    expect(rows[3].sizeBytes).toBeLessThan(rows[2].sizeBytes);
    await expect(compressor.apply({ kind: 'prune', sparsity: 0.5, fineTuneSteps: 0 }, model)).rejects.toThrow(
      /already int8/,
    );

    const bytes = await compressor.ckz();
    expect(bytes.length).toBe(rows[3].sizeBytes);
    const decoded = decodeCompressed(bytes);
    expect(decoded.model.countParams()).toBe(rows[3].params);
    decoded.model.dispose();

    // The trained model is untouched by compression.
    expect(model.countParams()).toBe(base.params);
    compressor.dispose();
    model.optimizer?.dispose();
    model.dispose();
    expect(numTensors() - before).toBe(4); // the train and test tensors
  }, 60_000);

  it('stops on request after the current batch and pauses until resumed', async () => {
    let trainer!: Trainer;
    let paused = false;
    const steps: number[] = [];
    trainer = new Trainer(train, test, (m) => {
      if (m.type !== 'batch') return;
      steps.push(m.step);
      if (m.step === 3) {
        trainer.pause();
        paused = true;
        setTimeout(() => {
          expect(steps.at(-1)).toBe(3); // nothing ran while paused
          trainer.resume();
        }, 50);
      }
      if (m.step === 5) trainer.stop();
    });
    const result = await trainer.run({
      model: 'small',
      epochs: 3,
      batchSize: 32,
      learningRate: 0.001,
      optimizer: 'sgd',
    });
    expect(paused).toBe(true);
    expect(result.stopped).toBe(true);
    expect(steps).toEqual([1, 2, 3, 4, 5]);
    // fit finishes the interrupted epoch's bookkeeping (validation) and stops.
    expect(result.epochs).toBe(1);
    trainer.requireModel().optimizer?.dispose();
    trainer.requireModel().dispose();
  }, 30_000);
});
