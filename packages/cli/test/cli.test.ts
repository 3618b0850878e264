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
