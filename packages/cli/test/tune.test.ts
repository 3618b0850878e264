/**
 * convkit tune: flags, search-space checks, a real study (sequential, on wasm, small MNIST
 * subset), results files, resuming a file study, and the worker-thread path of the command.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { memory } from '@convkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle } from '../../tune/test/helpers/bundle';
import { freePort, startRedisServer } from '../../tune/test/helpers/redis-server';
import { parseCommandLine } from '../src/args';
import { runCli } from '../src/cli';
import { tune } from '../src/tune';
import { parseTuneSpace } from '../src/tune-space';

const here = dirname(fileURLToPath(import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'convkit-tune-cli-'));
const workerScript = join(root, 'parallel-worker.mjs');
const space = join(root, 'search.json');
beforeAll(async () => {
  writeFileSync(
    space,
    JSON.stringify({
      lr: { type: 'float', low: 0.0005, high: 0.01, log: true },
      batchSize: { type: 'categorical', choices: [32, 64] },
    }),
  );
  await bundle(join(here, '..', '..', 'tune', 'src', 'parallel', 'thread-worker.ts'), workerScript, 'esm');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function capture() {
  const lines: string[] = [];
  return { lines, log: (l: string) => lines.push(l) };
}

/** A small real study: 800 training, 200 validation and 300 test digits, the small preset, wasm. */
const SMALL = ['--model', 'small', '--subset', '1000', '--test-count', '300', '--backend', 'wasm', '--seed', '7'];

describe('convkit tune: command line', () => {
  it('needs --config and --trials, and checks storage, study and parallel', () => {
    expect(() => parseCommandLine(['tune', '--trials', '3'])).toThrow(/tune needs --config FILE/);
    expect(() => parseCommandLine(['tune', '--config', space])).toThrow(/tune needs --trials N/);
    expect(() => parseCommandLine(['tune', '--config', space, '--trials', '0'])).toThrow(
      /--trials must be a positive integer/,
    );
    expect(() => parseCommandLine(['tune', '--config', space, '--trials', '2', '--storage', 'mysql://x'])).toThrow(
      /--storage must be memory, file:PATH or a redis:\/\/host:port URL/,
    );
    expect(() => parseCommandLine(['tune', '--config', space, '--trials', '2', '--study', 'a b'])).toThrow(
      /--study must be 1 to 128 letters/,
    );
    expect(() =>
      parseCommandLine(['tune', '--config', space, '--trials', '2', '--storage', 'redis://h:6379', '--parallel', '4']),
    ).toThrow(/start 4 processes/);
    expect(() => parseCommandLine(['tune', '--config', space, '--trials', '2', '--train-count', '9'])).toThrow(
      /--train-count is not an option of convkit tune/,
    );
    const { options } = parseCommandLine([
      'tune',
      '--config',
      space,
      '--trials',
      '5',
      '--parallel',
      '2',
      '--storage',
      'file:study.json',
      '--pruner',
      'asha',
    ]);
    expect(options).toMatchObject({
      config: space,
      trials: 5,
      parallel: 2,
      storage: 'file:study.json',
      study: 'convkit-tune',
      sampler: 'tpe',
      pruner: 'asha',
    });
  });

  it('refuses search spaces over unknown knobs or impossible values, naming the key', () => {
    const bad = (json: unknown) => () => parseTuneSpace(json, 'search.json');
    expect(bad({ learningRate: { type: 'float', low: 0.1, high: 1 } })).toThrow(
      /search\.json: \$\.learningRate is not a training knob.*lr, batchSize/,
    );
    expect(bad({ dropout: { type: 'float', low: 0, high: 0.99 } })).toThrow(/\$\.dropout can be 0\.99/);
    expect(bad({ batchSize: { type: 'float', low: 8, high: 64 } })).toThrow(/\$\.batchSize must be an int/);
    expect(bad({ optimizer: { type: 'categorical', choices: ['adam', 'lbfgs'] } })).toThrow(
      /\$\.optimizer can be "lbfgs", but it must be one of adam, adamw, sgd, rmsprop/,
    );
    expect(bad({ lr: { type: 'float', low: 0, high: 1 } })).toThrow(/\$\.lr can be 0/);
    expect(bad({ lr: { type: 'float', low: 1, high: 0.1 } })).toThrow(/search\.json: search space: \$\.lr/);
    expect(parseTuneSpace({ epochs: { type: 'int', low: 1, high: 3 } }, 'f').params).toHaveLength(1);
  });

  it('refuses an --out file it did not write, and a missing config, before any training', async () => {
    const foreign = join(root, 'notes.json');
    writeFileSync(foreign, '{"mine": true}');
    const err = capture();
    expect(await runCli(['tune', '--config', space, '--trials', '1', '--out', foreign], () => {}, err.log)).toBe(2);
    expect(err.lines.join('\n')).toMatch(/is a file that is not a convkit tune results JSON/);
    expect(readFileSync(foreign, 'utf8')).toBe('{"mine": true}');
    const err2 = capture();
    expect(await runCli(['tune', '--config', join(root, 'none.json'), '--trials', '1'], () => {}, err2.log)).toBe(2);
    expect(err2.lines.join('\n')).toMatch(/--config .*none\.json: cannot read it/);
  });

  it('an unreachable --storage redis:// server is one line naming the URL, exit code 2, without a hang', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const err = capture();
    const t0 = Date.now();
    expect(await runCli(['tune', '--config', space, '--trials', '1', '--storage', url], () => {}, err.log)).toBe(2);
    expect(err.lines).toHaveLength(1);
    expect(err.lines[0]).toContain(`cannot reach the Redis server at ${url}`);
    expect(err.lines[0]).toContain('redis-server --port');
    expect(Date.now() - t0).toBeLessThan(10_000);
  });
});

describe('convkit tune: studies', () => {
  it('runs a study on wasm, prints a line per trial and the final table, writes JSON, leaks no tensor', async () => {
    const out = join(root, 'results.json');
    const before = memory().numTensors;
    const run = capture();
    const code = await runCli(
      ['tune', '--config', space, '--trials', '3', '--parallel', '1', '--out', out, ...SMALL],
      run.log,
    );
    const text = run.lines.join('\n');
    expect(code, text).toBe(0);
    expect(memory().numTensors).toBe(before);
    // A stratified fifth of the 1000 training digits is held out for validation.
    const [, nTrain, nVal] = /(\d+) training, (\d+) validation images/.exec(text) ?? [];
    expect(Number(nTrain) + Number(nVal)).toBe(1000);
    expect(Math.abs(Number(nVal) - 200)).toBeLessThanOrEqual(5);
    expect(run.lines.filter((l) => /^trial +\d+ +complete +val +[\d.]+% +best/.test(l))).toHaveLength(3);
    const results = JSON.parse(readFileSync(out, 'utf8'));
    expect(results.format).toBe('convkit-tune-results');
    expect(results.trials).toHaveLength(3);
    const values = results.trials.map((t: { value: number }) => t.value);
    expect(results.best.value).toBe(Math.max(...values));
    expect(results.best.params).toEqual(results.trials[results.best.number].params);
    expect(results.test.images).toBe(300);
    expect(results.test.accuracy).toBeGreaterThan(0.3); // 10 classes: chance is 0.1
    expect(text).toMatch(new RegExp(`test accuracy +${(results.test.accuracy * 100).toFixed(2)} %`));
    expect(text).toMatch(/validation accuracy/);
    // Our own earlier results file may be replaced (CSV this time, its own file).
    const csv = join(root, 'results.csv');
    const again = await tune(
      {
        ...parseCommandLine(['tune', '--config', space, '--trials', '1', '--parallel', '1', '--out', csv, ...SMALL])
          .options,
        quiet: true,
      },
      () => {},
    );
    expect(readFileSync(csv, 'utf8').split('\n')[0]).toMatch(
      /^number,state,value,duration_ms,params_batchSize,params_lr/,
    );
    expect(again.trials).toHaveLength(1);
  });

  it('resumes a file study: a second run with more trials runs only the missing ones', async () => {
    const file = join(root, 'study.json');
    const args = ['tune', '--config', space, '--parallel', '1', '--storage', `file:${file}`, '--epochs', '1', ...SMALL];
    const first = await tune({ ...parseCommandLine([...args, '--trials', '2']).options, quiet: true }, () => {});
    expect(first.trials.map((t) => t.state)).toEqual(['complete', 'complete']);
    expect(existsSync(file)).toBe(true);
    const log = capture();
    const second = await tune(parseCommandLine([...args, '--trials', '3']).options, log.log);
    expect(log.lines.join('\n')).toMatch(/resuming: 2 trial\(s\) already ended/);
    expect(log.lines.filter((l) => /^trial /.test(l)).map((l) => l.split(/ +/)[1])).toEqual(['2']);
    expect(second.trials.map((t) => t.params)).toEqual([
      first.trials[0].params,
      first.trials[1].params,
      second.trials[2].params,
    ]);
  });

  it('runs trials on two worker threads and reports them as they end', async () => {
    const log = capture();
    const result = await tune(
      parseCommandLine(['tune', '--config', space, '--trials', '4', '--parallel', '2', '--sampler', 'random', ...SMALL])
        .options,
      log.log,
      { workerScript, objectiveModule: join(here, 'fixtures', 'tune-objective-stub.mjs') },
    );
    const text = log.lines.join('\n');
    expect(text).toMatch(/2 at a time on worker threads/);
    expect(log.lines.filter((l) => /^trial +\d+ +complete/.test(l))).toHaveLength(4);
    expect(new Set(result.trials.map((t) => t.userAttrs?.thread)).size).toBe(2);
    const best = result.trials.reduce((a, b) => ((b.value as number) > (a.value as number) ? b : a));
    expect(result.summary.best).toEqual({ number: best.number, params: best.params, value: best.value });
    expect(result.summary.test?.images).toBe(300);
  });

  it('joins a study on a Redis server (--storage redis://…) and runs its trial slots', async () => {
    const server = await startRedisServer('convkit tune --storage redis');
    try {
      const args = ['tune', '--config', space, '--trials', '2', '--storage', server.url, '--study', 'cli', ...SMALL];
      const log = capture();
      const result = await tune(parseCommandLine(args).options, log.log);
      expect(log.lines.join('\n')).toMatch(/one worker of the Redis study at redis:\/\/127\.0\.0\.1:\d+/);
      expect(result.trials.map((t) => [t.number, t.state])).toEqual([
        [0, 'complete'],
        [1, 'complete'],
      ]);
      // A second process with the same --trials finds every slot done and runs nothing new.
      const again = await tune({ ...parseCommandLine(args).options, quiet: true }, () => {});
      expect(again.trials).toEqual(result.trials);
    } finally {
      await server.stop();
    }
  });
});
