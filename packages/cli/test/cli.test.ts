import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatTable, parseCommandLine, runCli } from '@convkit/cli';
import { loadCompressed, restoreQuantization } from '@convkit/compress';
import { numTensors } from '@convkit/core';
import { describe, expect, it } from 'vitest';

function capture(): { lines: string[]; log: (l: string) => void } {
  const lines: string[] = [];
  return { lines, log: (l: string) => lines.push(l) };
}

/**
 * Checks `convkit evaluate`'s report against itself: the confusion matrix
 * holds every sample, its diagonal gives the accuracy, each class's precision,
 * recall and support are read off it, and top-5 and AUC are sensible.
 */
function checkEvaluateReport(text: string, samples: number, accuracy: number): void {
  const lines = text.split('\n');
  const value = (name: string) => Number(new RegExp(`^${name}\\s+([\\d.]+)$`, 'm').exec(text)?.[1]);
  expect(value('top5Accuracy')).toBeGreaterThanOrEqual(accuracy);
  expect(value('top5Accuracy')).toBeLessThanOrEqual(1);
  const auc = value('auc \\(macro, one-vs-rest\\)');
  expect(auc).toBeGreaterThan(0.9); // well above chance (0.5) for a model > 75 % accurate on 10 classes
  expect(auc).toBeLessThanOrEqual(1);
  const start = lines.indexOf('confusion matrix (rows: true class, columns: predicted class):');
  expect(start).toBeGreaterThan(0);
  const matrix = lines.slice(start + 3, start + 13).map((l) => l.trim().split(/\s+/).slice(1).map(Number));
  expect(matrix).toHaveLength(10);
  expect(matrix.flat().reduce((a, b) => a + b, 0)).toBe(samples);
  const correct = matrix.reduce((sum, row, i) => sum + row[i], 0);
  expect(correct / samples).toBeCloseTo(accuracy, 4);
  const perClass = lines.slice(lines.indexOf('per class:') + 3);
  for (let c = 0; c < 10; c++) {
    const [name, precision, recall, , support] = perClass[c].trim().split(/\s+/);
    expect(name).toBe(String(c));
    const predicted = matrix.reduce((sum, row) => sum + row[c], 0);
    const actual = matrix[c].reduce((a, b) => a + b, 0);
    expect(Number(support)).toBe(actual);
    expect(Number(recall)).toBeCloseTo(actual === 0 ? 0 : matrix[c][c] / actual, 3);
    expect(Number(precision)).toBeCloseTo(predicted === 0 ? 0 : matrix[c][c] / predicted, 3);
  }
  expect(perClass[10]).toMatch(/^macro avg\s/);
  expect(perClass[11]).toMatch(new RegExp(`^weighted avg\\s.*\\s${samples}$`));
}

describe('convkit CLI', () => {
  it('parses options and rejects bad ones with a clear message', () => {
    const { command, options } = parseCommandLine(['train', '--model', 'small', '--epochs', '3', '--backend', 'cpu']);
    expect(command).toBe('train');
    expect(options).toMatchObject({ model: 'small', epochs: 3, backend: 'cpu', batchSize: 64, data: 'mnist' });
    expect(() => parseCommandLine(['train', '--epochs', '0'])).toThrow(/--epochs must be a positive integer/);
    expect(() => parseCommandLine(['train', '--data', 'cifar'])).toThrow(/--data must be/);
    expect(() => parseCommandLine(['train', '--bogus'])).toThrow(/bogus/);
  });

  it('summary prints the lenet table', async () => {
    const { lines, log } = capture();
    expect(await runCli(['summary', '--model', 'lenet'], log)).toBe(0);
    const text = lines.join('\n');
    expect(text).toContain('Total params: 225,034');
  });

  it('reports usage errors with exit code 2', async () => {
    const { log } = capture();
    expect(await runCli(['summary', '--model', 'nope'], log)).toBe(2);
    expect(await runCli(['evaluate'], log)).toBe(2);
    expect(await runCli(['frobnicate'], log)).toBe(2);
    expect(await runCli([], log)).toBe(1); // no command: the usage
  });

  it('trains on the wasm backend, saves, and evaluates the saved model on the same held-out digits', async () => {
    const out = mkdtempSync(join(tmpdir(), 'convkit-cli-'));
    try {
      const before = numTensors();
      const train = capture();
      const code = await runCli(
        [
          'train',
          '--model',
          'small',
          '--backend',
          'wasm',
          '--train-count',
          '1500',
          '--test-count',
          '500',
          '--epochs',
          '2',
          '--batch-size',
          '32',
          '--lr',
          '0.003',
          '--quiet',
          '--out',
          join(out, 'm'),
        ],
        train.log,
      );
      expect(code).toBe(0);
      const report = train.lines.join('\n');
      expect(report).toMatch(/held-out accuracy\s+\d+\.\d+ %/);
      const acc = Number(/held-out accuracy\s+([\d.]+) %/.exec(report)![1]);
      expect(acc).toBeGreaterThan(75); // 10 classes: chance is 10 %
      expect(numTensors()).toBe(before);
      const evaluate = capture();
      expect(
        await runCli(
          [
            'evaluate',
            '--model-dir',
            join(out, 'm'),
            '--backend',
            'wasm',
            '--test-count',
            '500',
            '--train-count',
            '1500',
          ],
          evaluate.log,
        ),
      ).toBe(0);
      const evalAcc = Number(/accuracy\s+([\d.]+)/.exec(evaluate.lines.join('\n'))![1]);
      expect(evalAcc * 100).toBeCloseTo(acc, 1);
      checkEvaluateReport(evaluate.lines.join('\n'), 500, evalAcc);
      expect(numTensors()).toBe(before);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('compress trains, prunes, quantizes, reports every step and saves a file that reloads', async () => {
    const out = mkdtempSync(join(tmpdir(), 'convkit-cli-'));
    try {
      const before = numTensors();
      const run = capture();
      const file = join(out, 'small.ckz');
      const code = await runCli(
        [
          'compress',
          '--model',
          'small',
          '--train-count',
          '1000',
          '--test-count',
          '300',
          '--epochs',
          '2',
          '--batch-size',
          '32',
          '--lr',
          '0.003',
          '--prune',
          '0.5',
          '--prune-epochs',
          '1',
          '--quantize',
          'int8',
          '--quiet',
          '--out',
          file,
          '--report-json',
          join(out, 'report.json'),
        ],
        run.log,
      );
      expect(code).toBe(0);
      const text = run.lines.join('\n');
      expect(text).toMatch(/^original\s/m);
      expect(text).toMatch(/^pruned 50%\s/m);
      expect(text).toMatch(/^int8 PTQ\s/m);
      expect(numTensors()).toBe(before);
      const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
        rows: Array<{ step: string; accuracy: number; gzipBytes: number }>;
      };
      expect(report.rows.map((r) => r.step)).toEqual(['original', 'pruned 50%', 'int8 PTQ']);
      expect((report as { format?: string }).format).toBe('convkit-compress-report');
      expect(report.rows[2].gzipBytes).toBeLessThan(report.rows[0].gzipBytes / 3);
      expect(report.rows[2].accuracy).toBeGreaterThan(0.5);
      const loaded = await loadCompressed(file);
      expect(restoreQuantization(loaded.model, loaded.metadata)).toBe(true);
      loaded.model.dispose();
      expect(() => parseCommandLine(['compress', '--prune', '1'])).toThrow(/--prune must be a fraction/);
      expect(() => parseCommandLine(['compress', '--quantize', 'int4'])).toThrow(/--quantize must be/);
      expect(() => parseCommandLine(['compress', '--cluster', '1'])).toThrow(/--cluster/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('formats tables with aligned columns', () => {
    expect(
      formatTable([
        { a: 'x', b: 1 },
        { a: 'long', b: 22 },
      ]),
    ).toBe('a      b\n----  --\nx      1\nlong  22');
  });
});
