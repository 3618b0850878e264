/**
 * Distributed studies on a real Redis server (Debian's redis-server, started on a free port):
 * two worker processes share one study through BullMQ; every trial number must end exactly once,
 * also when one worker is SIGKILLed mid-trial (BullMQ reports its job stalled and the other
 * worker retries it with the same trial number).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStorage } from '../src/storage/redis';
import { StorageUnavailableError } from '../src/storage/redis-errors';
import { bundle, childEnv } from './helpers/bundle';
import { freePort, type RedisServer, startRedisServer } from './helpers/redis-server';

const here = dirname(fileURLToPath(import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'convkit-tune-redis-'));
const script = join(root, 'redis-worker.cjs');
let server: RedisServer;

beforeAll(async () => {
  [server] = await Promise.all([
    startRedisServer('distributed tuning test'),
    bundle(join(here, 'fixtures', 'redis-worker.ts'), script),
  ]);
});
afterAll(async () => {
  await server?.stop();
  rmSync(root, { recursive: true, force: true });
});

interface Child {
  proc: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

function worker(study: string, trials: number, id: string, log: string, sleepMs: number): Child {
  const proc = spawn(process.execPath, [script, server.url, study, String(trials), id, log, String(sleepMs)], {
    env: childEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr?.on('data', (d) => {
    stderr += d;
  });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { proc, done };
}

function events(log: string): { kind: string; trial: number; worker: string }[] {
  return readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [kind, trial, w] = line.split(' ');
      return { kind, trial: Number(trial), worker: w };
    });
}

async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function storedTrials(study: string) {
  const storage = await RedisStorage.connect(server.url);
  try {
    return await storage.getTrials(study);
  } finally {
    await storage.close();
  }
}

describe('distributed study on Redis with BullMQ', () => {
  it('two worker processes run every trial number to completion exactly once', async () => {
    const log = join(root, 'both.log');
    writeFileSync(log, '');
    const N = 10;
    const a = worker('both', N, 'A', log, 60);
    const b = worker('both', N, 'B', log, 60);
    const [ra, rb] = await Promise.all([a.done, b.done]);
    expect(ra, ra.stderr).toMatchObject({ code: 0 });
    expect(rb, rb.stderr).toMatchObject({ code: 0 });
    const ends = events(log).filter((e) => e.kind === 'end');
    expect(ends.map((e) => e.trial).sort((x, y) => x - y)).toEqual([...Array(N).keys()]);
    // Both workers took trials.
    expect(new Set(ends.map((e) => e.worker))).toEqual(new Set(['A', 'B']));
    const trials = await storedTrials('both');
    expect(trials.map((t) => t.number)).toEqual([...Array(N).keys()]);
    for (const t of trials) {
      expect(t.state).toBe('complete');
      const x = t.params.x as number;
      expect(t.value).toBeCloseTo(x * x, 12);
      expect(ends.find((e) => e.trial === t.number)?.worker).toBe(t.worker);
      expect(t.intermediate).toEqual({ 0: x });
    }
  }, 20_000);

  it('a worker killed mid-trial: its trial is retried by the other with the same number, and ends once', async () => {
    const log = join(root, 'kill.log');
    writeFileSync(log, '');
    const N = 6;
    const a = worker('kill', N, 'A', log, 400);
    // A starts alone, so it holds a trial when it is killed.
    await waitFor(() => events(log).some((e) => e.kind === 'start' && e.worker === 'A'), 10_000);
    const b = worker('kill', N, 'B', log, 400);
    const killed = events(log).find((e) => e.kind === 'start' && e.worker === 'A')?.trial as number;
    a.proc.kill('SIGKILL');
    const ra = await a.done;
    expect(ra.signal).toBe('SIGKILL');
    const rb = await b.done;
    expect(rb, rb.stderr).toMatchObject({ code: 0 });
    const all = events(log);
    const ends = all.filter((e) => e.kind === 'end');
    expect(ends.map((e) => e.trial).sort((x, y) => x - y)).toEqual([...Array(N).keys()]);
    // The killed trial never ended in A; B started it again under the same number and ended it.
    expect(all.some((e) => e.kind === 'end' && e.worker === 'A' && e.trial === killed)).toBe(false);
    expect(all.filter((e) => e.kind === 'start' && e.trial === killed).map((e) => e.worker)).toEqual(['A', 'B']);
    expect(ends.find((e) => e.trial === killed)?.worker).toBe('B');
    const trials = await storedTrials('kill');
    expect(trials.map((t) => t.number)).toEqual([...Array(N).keys()]);
    expect(trials.every((t) => t.state === 'complete')).toBe(true);
    expect(trials.find((t) => t.number === killed)?.worker).toBe('B');
  }, 20_000);

  it('RedisStorage keeps the StudyStorage contract: numbering, params, reports, ended trials refused, slots resumed', async () => {
    const storage = await RedisStorage.connect(server.url);
    try {
      await storage.openStudy('contract', 'maximize');
      await expect(storage.openStudy('contract', 'minimize')).rejects.toThrow(/direction 'maximize'/);
      const t0 = await storage.createTrial('contract', { params: { lr: 0.1 }, worker: 'w' });
      const t1 = await storage.createTrial('contract');
      expect([t0.number, t1.number]).toEqual([0, 1]);
      expect(t0).toMatchObject({ state: 'running', params: { lr: 0.1 }, distributions: {}, worker: 'w' });
      await storage.setParam('contract', 1, 'f', 'adam', { type: 'categorical', choices: ['adam', 'sgd'] });
      await storage.reportIntermediate('contract', 1, 0, 0.5);
      await storage.reportIntermediate('contract', 1, 1, 0.75);
      await storage.finishTrial('contract', 1, { state: 'complete', value: 0.8, userAttrs: { folds: [1, 2] } });
      await expect(storage.setParam('contract', 1, 'g', 1, { type: 'int', low: 0, high: 2 })).rejects.toThrow(
        /trial 1 of study 'contract' has ended \(complete\)/,
      );
      await expect(storage.finishTrial('contract', 1, { state: 'failed' })).rejects.toThrow(/has ended/);
      await expect(storage.reportIntermediate('contract', 7, 0, 1)).rejects.toThrow(/has no trial 7/);
      const [, done] = await storage.getTrials('contract');
      expect(done).toMatchObject({
        number: 1,
        state: 'complete',
        value: 0.8,
        params: { f: 'adam' },
        distributions: { f: { type: 'categorical', choices: ['adam', 'sgd'] } },
        intermediate: { 0: 0.5, 1: 0.75 },
        userAttrs: { folds: [1, 2] },
      });
      expect((await storage.getTrials('contract', ['running'])).map((t) => t.number)).toEqual([0]);
      // A slot's trial is created once; claiming it again resumes it with its params, reports cleared.
      const a = await storage.claimTrial('contract', 'slot-x', { worker: 'A' });
      await storage.setParam('contract', a.trial.number, 'x', 1.5, { type: 'float', low: 0, high: 2 });
      await storage.reportIntermediate('contract', a.trial.number, 0, 3);
      const b = await storage.claimTrial('contract', 'slot-x', { worker: 'B' });
      expect(b.resumed).toBe(true);
      expect(b.trial).toMatchObject({ number: a.trial.number, params: { x: 1.5 }, intermediate: {}, worker: 'B' });
      expect((await storage.getTrials('contract')).length).toBe(3);
      await expect(storage.getTrials('bad name')).rejects.toThrow(/study name "bad name" is not usable/);
    } finally {
      await storage.deleteStudy('contract');
      await storage.close();
    }
  });

  it('an unreachable server is a typed error naming the URL, within the connection time limit', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const t0 = Date.now();
    const err = await RedisStorage.connect(url, { connectTimeoutMs: 1000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageUnavailableError);
    expect((err as Error).message).toContain(url);
    expect((err as Error).message).toContain('redis-server');
    expect(Date.now() - t0).toBeLessThan(3000);
    await expect(RedisStorage.connect('http://127.0.0.1:1')).rejects.toThrow(/redis:\/\//);
  });
});
