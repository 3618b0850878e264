import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCommandLine, runCli } from '@convkit/cli';
import { numTensors } from '@convkit/core';
import { describe, expect, it } from 'vitest';

/** Runs the CLI in-process, capturing stdout and stderr lines. */
async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    argv,
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const DATA = ['--backend', 'wasm', '--train-count', '600', '--test-count', '100'];

describe('convkit train --adversarial and convkit attack', () => {
  it('trains with fast FGSM, saves, then attacks the saved model at several ε', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convkit-robust-cli-'));
    try {
      const before = numTensors();
      const model = join(dir, 'm');
      const trained = await run([
        'train',
        '--model',
        'small',
        ...DATA,
        '--epochs',
        '2',
        '--batch-size',
        '32',
        '--lr',
        '0.003',
        '--adversarial',
        'fgsm',
        '--eps',
        '0.05',
        '--quiet',
        '--out',
        model,
      ]);
      expect(trained.err).toBe('');
      expect(trained.code).toBe(0);
      expect(trained.out).toMatch(/^adversarial training\s+fast FGSM, eps 0\.05 \(linf\)$/m);
      expect(numTensors()).toBe(before);

      const attacked = await run(['attack', '--model-dir', model, ...DATA, '--eps', '0,0.1,0.3', '--steps', '3']);
      expect(attacked.err).toBe('');
      expect(attacked.code).toBe(0);
      const rows = [...attacked.out.matchAll(/^pgd-3 linf\s+([\d.]+)\s+([\d.]+) %\s+([\d.]+) %\s+100$/gm)].map((m) => ({
        eps: Number(m[1]),
        clean: Number(m[2]),
        robust: Number(m[3]),
      }));
      expect(rows.map((r) => r.eps)).toEqual([0, 0.1, 0.3]);
      expect(rows[0].robust).toBe(rows[0].clean);
      expect(rows[0].clean).toBeGreaterThan(25); // two epochs on 600 digits (39 % seen); chance is 10 %
      expect(rows[2].robust).toBeLessThanOrEqual(rows[1].robust);
      expect(rows[1].robust).toBeLessThanOrEqual(rows[0].robust);
      expect(attacked.out).toMatch(/under PGD-3 \(linf, random start, step 2\.5·eps\/steps\) on 100 held-out images/);

      const fgsm = await run(['attack', '--model-dir', model, ...DATA, '--attack', 'fgsm', '--eps', '0.2', '--quiet']);
      expect(fgsm.code).toBe(0);
      expect(fgsm.out.split('\n')).toHaveLength(3); // --quiet: the table only
      expect(fgsm.out).toMatch(/^fgsm linf\s+0\.2\s/m);
      expect(numTensors()).toBe(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('parses the attack flags, with defaults', () => {
    const a = parseCommandLine(['attack', '--model-dir', 'm']).options;
    expect(a).toMatchObject({ attack: 'pgd', norm: 'linf', eps: undefined, steps: undefined });
    const b = parseCommandLine([
      'attack',
      '--model-dir',
      'm',
      '--eps=0.5,1,2',
      '--norm',
      'l2',
      '--step-size',
      '0.25',
      '--steps',
      '40',
    ]).options;
    expect(b).toMatchObject({ eps: [0.5, 1, 2], norm: 'l2', stepSize: 0.25, steps: 40 });
    const t = parseCommandLine([
      'train',
      '--adversarial',
      'pgd',
      '--eps',
      '0.1',
      '--steps',
      '5',
      '--norm',
      'linf',
    ]).options;
    expect(t).toMatchObject({ adversarial: 'pgd', eps: [0.1], steps: 5, norm: 'linf' });
  });

  const refused: Array<[string[], string]> = [
    [['attack'], 'convkit: attack needs --model-dir DIR (a directory written by `convkit train --out DIR`)'],
    [
      ['attack', '--model-dir', 'm', '--eps', '-0.1'],
      'convkit: --eps must be a comma-separated list of finite numbers ≥ 0, got -0.1',
    ],
    [
      ['attack', '--model-dir', 'm', '--eps', '0.1,,0.3'],
      'convkit: --eps must be a comma-separated list of finite numbers ≥ 0, got 0.1,,0.3 (an empty item)',
    ],
    [
      ['attack', '--model-dir', 'm', '--eps', '0.1,abc'],
      'convkit: --eps must be a comma-separated list of finite numbers ≥ 0, got 0.1,abc (abc)',
    ],
    [['attack', '--model-dir', 'm', '--steps', '0'], 'convkit: --steps must be a positive integer, got 0'],
    [
      ['attack', '--model-dir', 'm', '--step-size', '-1'],
      'convkit: --step-size must be a finite positive number, got -1',
    ],
    [['attack', '--model-dir', 'm', '--norm', 'l1'], 'convkit: --norm must be linf or l2, got l1 (did you mean l2?)'],
    [['attack', '--model-dir', 'm', '--attack', 'cw'], 'convkit: --attack must be fgsm or pgd, got cw'],
    [
      ['attack', '--model-dir', 'm', '--attack', 'fgsm', '--steps', '3'],
      'convkit: --steps applies to --attack pgd; FGSM takes one step',
    ],
    [
      ['train', '--eps', '0.1'],
      'convkit: --eps applies to adversarial training: add --adversarial fgsm or --adversarial pgd',
    ],
    [
      ['train', '--adversarial', 'pgd'],
      'convkit: --adversarial pgd needs --eps X, the radius to train against (e.g. --eps 0.1)',
    ],
    [
      ['train', '--adversarial', 'pgd', '--eps', '0.1,0.2'],
      'convkit: --adversarial pgd takes one radius > 0 in --eps, got 0.1,0.2 (several radii are for convkit attack)',
    ],
    [
      ['train', '--adversarial', 'fgsm', '--eps', '0'],
      'convkit: --adversarial fgsm takes one radius > 0 in --eps, got 0 (several radii are for convkit attack)',
    ],
    [
      ['train', '--adversarial', 'fgsm', '--eps', '0.1', '--steps', '3'],
      'convkit: --steps applies to --adversarial pgd; fast FGSM training takes one step',
    ],
    [
      ['evaluate', '--model-dir', 'm', '--eps', '0.1'],
      'convkit: --eps is not an option of convkit evaluate (it applies to attack, train; run convkit evaluate --help for the options of evaluate)',
    ],
  ];
  for (const [argv, line] of refused) {
    it(`refuses ${argv.join(' ')} in one line, exit code 2`, async () => {
      const before = numTensors();
      const { code, out, err } = await run(argv);
      expect(err).toBe(line);
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(numTensors()).toBe(before);
    });
  }

  it('a missing model directory: one line, exit code 2', async () => {
    const { code, err } = await run(['attack', '--model-dir', '/nonexistent/convkit-robust-model', '--backend', 'cpu']);
    expect(code).toBe(2);
    expect(err).toMatch(/^convkit: .*\/nonexistent\/convkit-robust-model/);
    expect(err).not.toContain('\n');
  });

  it('help lists the new command and flags', async () => {
    const overview = await run(['--help']);
    expect(overview.out).toMatch(/^ {2}convkit attack {3}--model-dir DIR/m);
    expect(overview.out).toMatch(/--adversarial none\|fgsm\|pgd --eps X/);
    const help = await run(['attack', '--help']);
    for (const flag of ['model-dir', 'attack', 'eps', 'steps', 'step-size', 'norm', 'test-count', 'backend', 'seed']) {
      expect(help.out).toMatch(new RegExp(`^ {2}--${flag} `, 'm'));
    }
    expect(help.out).not.toMatch(/^ {2}--adversarial /m);
  });
});
