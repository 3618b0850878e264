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
