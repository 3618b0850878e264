/**
 * optimizeParallel: trials on worker threads, sampled by the main thread against the storage.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { optimizeParallel } from '../src/parallel/threads';
import type { SampleParam } from '../src/parallel/types';
import type {
  Direction,
  Distribution,
  ParamValue,
  StudyInfo,
  StudyStorage,
  TrialRecord,
  TrialResult,
} from '../src/types';
import { bundle } from './helpers/bundle';

const here = dirname(fileURLToPath(import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'convkit-tune-threads-'));
const workerScript = join(root, 'parallel-worker.mjs');
const objectiveModule = join(here, 'fixtures', 'objective.mjs');

beforeAll(() => bundle(join(here, '..', 'src', 'parallel', 'thread-worker.ts'), workerScript, 'esm'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A minimal in-memory StudyStorage that logs every call (the other branch brings MemoryStorage). */
class LoggingStorage implements StudyStorage {
  trials: TrialRecord[] = [];
  calls: string[] = [];
  async openStudy(name: string, direction: Direction): Promise<StudyInfo> {
    return { name, direction, createdAt: new Date().toISOString() };
  }
  async createTrial(_s: string, init: { worker?: string } = {}): Promise<TrialRecord> {
    const t: TrialRecord = {
      number: this.trials.length,
      state: 'running',
      params: {},
      distributions: {},
      intermediate: {},
      startedAt: new Date().toISOString(),
      worker: init.worker,
    };
    this.trials.push(t);
    this.calls.push(`create ${t.number}`);
    return structuredClone(t);
  }
  async setParam(_s: string, n: number, name: string, value: ParamValue, d: Distribution) {
    this.trials[n].params[name] = value;
    this.trials[n].distributions[name] = d;
  }
  async reportIntermediate(_s: string, n: number, step: number, value: number) {
    this.trials[n].intermediate[step] = value;
  }
  async finishTrial(_s: string, n: number, r: TrialResult) {
    if (this.trials[n].state !== 'running') throw new Error(`trial ${n} finished twice`);
    Object.assign(this.trials[n], r, { finishedAt: new Date().toISOString() });
    this.calls.push(`finish ${n} ${r.state}`);
  }
  async getTrials(): Promise<TrialRecord[]> {
    return structuredClone(this.trials);
  }
  async close() {}
}

/** Seeded uniform sampling; records how many trials each call saw. */
function sampler(seen: number[]): SampleParam {
  let s = 12345;
  const rand = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  return (trials, _name, d) => {
    seen.push(trials.length);
    if (d.type === 'categorical') return d.choices[Math.floor(rand() * d.choices.length)];
    return d.low + rand() * (d.high - d.low);
  };
}

describe('optimizeParallel on worker threads', () => {
  it('runs 4 trials 2 at a time, persists each as it ends, and a throwing trial is failed without stopping the study', async () => {
    const storage = new LoggingStorage();
    const seen: number[] = [];
    const order: number[] = [];
    const trials = await optimizeParallel({
      storage,
      study: 'threads',
      objectiveModule,
      exportName: 'objective',
      trials: 4,
      parallel: 2,
      data: { sleepMs: 150, throwOn: 2, crashOn: -1 },
      sampleParam: sampler(seen),
      onTrial: (t) => order.push(t.number),
      workerScript,
    });
    expect(trials.map((t) => t.number)).toEqual([0, 1, 2, 3]);
    expect(order.sort()).toEqual([0, 1, 2, 3]);
    for (const t of trials) {
      if (t.number === 2) {
        expect(t.state).toBe('failed');
        expect(t.error).toContain('trial 2 fails on purpose');
        continue;
      }
      expect(t.state).toBe('complete');
      const x = t.params.x as number;
      expect(x).toBeGreaterThanOrEqual(-3);
      expect(x).toBeLessThanOrEqual(3);
      expect(t.value).toBeCloseTo((x - 1) ** 2 + (t.params.kind === 'a' ? 0 : 0.5), 12);
      expect(t.intermediate).toEqual({ 0: x });
      expect(t.distributions.kind).toEqual({ type: 'categorical', choices: ['a', 'b'] });
    }
    // Two at a time: trials 0 and 1 were created before either finished, and ran on two threads.
    expect(storage.calls.slice(0, 2).sort()).toEqual(['create 0', 'create 1']);
    expect(new Set(trials.map((t) => t.userAttrs?.thread)).size).toBeGreaterThanOrEqual(2);
    // The sampler ran on the main thread over every stored trial: the last trials saw all four.
    expect(Math.max(...seen)).toBe(4);
  });

  it('a worker thread that exits mid-trial fails that trial and is replaced', async () => {
    const storage = new LoggingStorage();
    const trials = await optimizeParallel({
      storage,
      study: 'crash',
      objectiveModule,
      exportName: 'objective',
      trials: 4,
      parallel: 2,
      data: { sleepMs: 20, throwOn: -1, crashOn: 1 },
      sampleParam: sampler([]),
      workerScript,
    });
    expect(trials.map((t) => t.state)).toEqual(['complete', 'failed', 'complete', 'complete']);
    expect(trials[1].error).toMatch(/worker thread running trial 1 crashed: exit code 3/);
  });

  it('refuses a missing module or export with a ConfigError naming it', async () => {
    const base = {
      storage: new LoggingStorage(),
      study: 's',
      trials: 1,
      parallel: 1,
      sampleParam: sampler([]),
      workerScript,
    };
    await expect(optimizeParallel({ ...base, objectiveModule: join(root, 'nope.mjs') })).rejects.toThrow(
      /nope\.mjs does not exist/,
    );
    await expect(optimizeParallel({ ...base, objectiveModule, exportName: 'missing' })).rejects.toThrow(
      /no function export 'missing'.*objective/,
    );
    await expect(optimizeParallel({ ...base, objectiveModule, trials: 0 })).rejects.toThrow(
      /trials must be an integer >= 1/,
    );
  });
});
