/** `convkit compress --bits`, `--random-baseline` and `--distill`: parsing, rules, help and a tiny run. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCommandLine, runCli } from '@convkit/cli';
import { loadCompressed, restoreQuantization } from '@convkit/compress';
import { numTensors } from '@convkit/core';
import { describe, expect, it } from 'vitest';
import { commandHelp } from '../src/help';

describe('convkit compress flags', () => {
  it('parses --bits lists, --random-baseline and the distillation flags, with defaults', () => {
    const plain = parseCommandLine(['compress']).options;
    expect(plain).toMatchObject({ bits: [8], randomBaseline: false, distill: false, student: 'small' });
    expect(plain.distillEpochs).toBe(2);
    expect(plain.kdTemperature).toBe(4);
    expect(plain.kdAlpha).toBe(0.1);
    const o = parseCommandLine([
      'compress',
      '--bits',
      '4,8,2',
      '--prune',
      '0.75',
      '--random-baseline',
      '--distill',
      '--student',
      'lenet',
      '--distill-epochs',
      '3',
      '--kd-temperature',
      '2',
      '--kd-alpha',
      '0.5',
    ]).options;
    expect(o).toMatchObject({
      bits: [4, 8, 2],
      prune: 0.75,
      randomBaseline: true,
      distill: true,
      student: 'lenet',
      distillEpochs: 3,
      kdTemperature: 2,
      kdAlpha: 0.5,
    });
  });

  it('rejects bad widths and flags that need another one, naming the fix', () => {
    const bad: [string[], RegExp][] = [
      [['--bits', '1'], /--bits must be a comma-separated list of integers from 2 to 8, got '?1'?/],
      [['--bits', '9'], /--bits must be .* from 2 to 8/],
      [['--bits', '4,,2'], /an empty item/],
      [['--bits', '4,4'], /4 is given twice/],
      [['--bits', '4.5'], /--bits must be/],
      [['--bits', '4', '--quantize', 'float16'], /--bits .* cannot go with --quantize float16/],
      [['--random-baseline'], /--random-baseline .*add --prune X/],
      [['--student', 'lenet'], /--student applies to distillation: add --distill/],
      [['--kd-alpha', '0.3'], /--kd-alpha applies to distillation/],
      [['--distill', '--kd-alpha', '1'], /--kd-alpha must be a fraction/],
      [['--distill', '--student', 'huge'], /--student must be/],
    ];
    for (const [args, message] of bad) expect(() => parseCommandLine(['compress', ...args])).toThrow(message);
    expect(() => parseCommandLine(['train', '--bits', '4'])).toThrow(/--bits is not an option of convkit train/);
  });

  it('documents the new flags in compress --help', () => {
    const help = commandHelp('compress');
    for (const flag of ['--bits N,…', '--random-baseline', '--distill', '--student', '--distill-epochs N']) {
      expect(help).toContain(flag);
    }
    expect(help).toMatch(/--bits N,….*\(default 8\)/);
  });

  it('distils, prunes beside a random baseline, reports two widths and saves the first (int4)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'convkit-cli-bits-'));
    try {
      const before = numTensors();
      const lines: string[] = [];
      const file = join(out, 'small-int4.ckz');
      const code = await runCli(
        [
          'compress',
          '--model',
          'small',
          '--train-count',
          '600',
          '--test-count',
          '200',
          '--epochs',
          '1',
          '--batch-size',
          '32',
          '--lr',
          '0.003',
          '--distill',
          '--distill-epochs',
          '1',
          '--prune',
          '0.5',
          '--prune-epochs',
          '1',
          '--random-baseline',
          '--bits',
          '4,8',
          '--quiet',
          '--out',
          file,
          '--report-json',
          join(out, 'report.json'),
        ],
        (l) => lines.push(l),
      );
      expect(code).toBe(0);
      expect(numTensors()).toBe(before);
      const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
        rows: Array<{ step: string; sizeBytes: number; nonzeroParams: number }>;
      };
      expect(report.rows.map((r) => r.step)).toEqual([
        'original',
        'distilled',
        'pruned 50%',
        'random 50%',
        'int4 PTQ',
        'int8 PTQ',
      ]);
      const [, , pruned, random, int4, int8] = report.rows;
      expect(Math.abs(random.nonzeroParams - pruned.nonzeroParams)).toBeLessThanOrEqual(2);
      expect(int4.sizeBytes).toBeLessThan(int8.sizeBytes);
      const text = lines.join('\n');
      expect(text).toMatch(/^random 50%\s/m);
      expect(text).toMatch(/^int4 PTQ\s/m);
      const loaded = await loadCompressed(file);
      expect(loaded.info.weights.some((w) => w.encoding === 'int')).toBe(true);
      expect(restoreQuantization(loaded.model, loaded.metadata)).toBe(true);
      loaded.model.dispose();
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
