import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeSystemError, getPreset, reportFailure, runCli } from '@convkit/cli';
import { ConfigError, numTensors, SerializationError } from '@convkit/core';
import { saveModel } from '@convkit/layers';
import { describe, expect, it } from 'vitest';

/** Runs the CLI in-process, capturing stdout and stderr lines. */
async function run(argv: string[], log: (line: string) => void = () => {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    argv,
    (l) => {
      out.push(l);
      log(l);
    },
    (l) => err.push(l),
  );
  return { code, out, err: err.join('\n') };
}

const STACK_LINE = /^\s+at /m;

describe('runCli: every foreseeable failure is one line, exit code 2, no stack', () => {
  const cases: Array<[string[], string]> = [
    [['train', '--epochs', '-1'], 'convkit: --epochs must be a positive integer, got -1'],
    [['train', '--lr', 'Infinity'], 'convkit: --lr must be a finite positive number, got Infinity'],
    [['compress', '--ft-lr=0'], 'convkit: --ft-lr must be a finite positive number, got 0'],
    [['train', '--epoch', '3'], 'convkit: unknown option --epoch for convkit train (did you mean --epochs?)'],
    [
      ['frobnicate'],
      'convkit: unknown command frobnicate; the commands are train, evaluate, summary, compress, quickstart, attack, export, import, tune',
    ],
    [
      ['summary', 'lenet'],
      'convkit: unexpected argument lenet; convkit summary takes no arguments besides its --options',
    ],
    [['evaluate'], 'convkit: evaluate needs --model-dir DIR (a directory written by `convkit train --out DIR`)'],
    [['summary', '--model', 'nope'], 'convkit: --model must be one of lenet, small, cifar, got nope'],
  ];
  for (const [argv, line] of cases) {
    it(argv.join(' '), async () => {
      const before = numTensors();
      const { code, out, err } = await run(argv);
      expect(code).toBe(2);
      expect(err).toBe(line);
      expect(out).toEqual([]);
      expect(numTensors()).toBe(before);
    });
  }

  it('--debug adds the stack trace', async () => {
    const { code, err } = await run(['train', '--epochs', '-1', '--debug']);
    expect(code).toBe(2);
    expect(err.split('\n')[0]).toBe('convkit: --epochs must be a positive integer, got -1');
    expect(err).toMatch(STACK_LINE);
    // --debug counts even when the command line does not parse
    expect((await run(['--debug', 'frobnicate'])).err).toMatch(STACK_LINE);
  });

  it('a model directory that does not exist: one line, no tensor left', async () => {
    const before = numTensors();
    const { code, err } = await run(['evaluate', '--model-dir', '/nonexistent/convkit-model', '--backend', 'cpu']);
    expect(code).toBe(2);
    expect(err).toMatch(/^convkit: .*\/nonexistent\/convkit-model/);
    expect(err).not.toContain('\n');
    expect(numTensors()).toBe(before);
  });

  it('evaluate frees the loaded model when the data cannot be loaded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convkit-cli-err-'));
    try {
      const model = getPreset('small').build([28, 28, 1], 10);
      await saveModel(model, join(dir, 'm'));
      model.dispose();
      const before = numTensors();
      const { code, err } = await run([
        'evaluate',
        '--model-dir',
        join(dir, 'm'),
        '--backend',
        'cpu',
        '--data',
        'fashion-mnist',
        '--data-dir',
        join(dir, 'no-such-dir'),
      ]);
      expect(code).toBe(2);
      expect(err).toMatch(/^convkit: Fashion-MNIST: --data-dir is .*no-such-dir, which does not exist$/);
      expect(numTensors()).toBe(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('runCli: an unexpected error (a bug) is one line with a hint, exit code 1', () => {
  // A log callback that throws stands in for a bug inside a command.
  const bug = () => {
    throw new TypeError('boom');
  };

  it('without --debug: one line, no stack, the model freed', async () => {
    const before = numTensors();
    const { code, err } = await run(['summary', '--model', 'small'], bug);
    expect(code).toBe(1);
    expect(err).toBe('convkit: unexpected error: TypeError: boom (run with --debug for the stack trace)');
    expect(numTensors()).toBe(before);
  });

  it('with --debug: the stack trace', async () => {
    const { code, err } = await run(['summary', '--model', 'small', '--debug'], bug);
    expect(code).toBe(1);
    expect(err.split('\n')[0]).toBe('convkit: unexpected error: TypeError: boom');
    expect(err).toMatch(STACK_LINE);
  });
});

describe('reportFailure', () => {
  const capture = (err: unknown, debug = false) => {
    const lines: string[] = [];
    const code = reportFailure(err, (l) => lines.push(l), debug);
    return { code, lines };
  };

  it('prints a ConvkitError as one line, exit code 2, joining a multi-line message', () => {
    expect(capture(new SerializationError('weights.bin is truncated:\n  expected 40 bytes,\n  got 12'))).toEqual({
      code: 2,
      lines: ['convkit: weights.bin is truncated: expected 40 bytes, got 12'],
    });
    const withCause = capture(new ConfigError('outer', { cause: new Error('inner') }), true);
    expect(withCause.lines[0]).toBe('convkit: outer');
    expect(withCause.lines[1]).toMatch(/caused by: Error: inner/);
  });

  it('turns real file-system errors into one line naming the path and the reason, exit code 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convkit-cli-fs-'));
    try {
      const errors: unknown[] = [];
      for (const read of [() => readFileSync(join(dir, 'missing.json')), () => readFileSync(dir)]) {
        try {
          read();
        } catch (e) {
          errors.push(e);
        }
      }
      expect(capture(errors[0])).toEqual({
        code: 2,
        lines: [`convkit: cannot open '${join(dir, 'missing.json')}': no such file or directory (ENOENT)`],
      });
      expect(capture(errors[1])).toEqual({ code: 2, lines: ['convkit: cannot read: is a directory (EISDIR)'] });
      expect(describeSystemError(new TypeError('x'))).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('survives values that are not errors', () => {
    expect(capture('a string')).toEqual({
      code: 1,
      lines: ['convkit: unexpected error: a string (run with --debug for the stack trace)'],
    });
    const hostile = {
      toString() {
        throw new Error('no');
      },
    };
    expect(capture(hostile).code).toBe(1);
    expect(capture(undefined).lines).toEqual([
      'convkit: unexpected error: undefined (run with --debug for the stack trace)',
    ]);
  });
});

describe('the convkit binary', () => {
  // The one spawned test: the real process, its stderr and exit code. Packages
  // are not built in tests, so bin.ts runs from source through vite-node
  // (vitest's own runner) with the workspace aliases of vitest.config.ts.
  it('prints a usage error as one line on stderr and exits with 2', () => {
    const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
    const fromVitest = createRequire(createRequire(import.meta.url).resolve('vitest/package.json'));
    const viteNode = join(dirname(fromVitest.resolve('vite-node/package.json')), 'vite-node.mjs');
    const result = spawnSync(
      process.execPath,
      [
        viteNode,
        '--config',
        join(root, 'vitest.config.ts'),
        join(root, 'packages/cli/src/bin.ts'),
        'train',
        '--epochs',
        '-1',
      ],
      { cwd: root, encoding: 'utf8', timeout: 60_000 },
    );
    expect(result.stderr).toBe('convkit: --epochs must be a positive integer, got -1\n');
    expect(result.stdout).toBe('');
    expect(result.status).toBe(2);
  });
});
