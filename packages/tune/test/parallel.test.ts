/**
 * optimizeParallel: trials on worker threads, their parameters drawn by the study's sampler on
 * the main thread (a blocking call from the worker's synchronous `suggest`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { optimizeParallel } from '../src/parallel/threads';
import type { Pruner } from '../src/pruners/pruner';
import { RandomSampler } from '../src/samplers/random';
import type { Sampler } from '../src/samplers/sampler';
import { MemoryStorage } from '../src/storage/memory';
import { createStudy } from '../src/study';
import { bundle } from './helpers/bundle';

const here = dirname(fileURLToPath(import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'convkit-tune-threads-'));
const workerScript = join(root, 'parallel-worker.mjs');
const objectiveModule = join(here, 'fixtures', 'objective.mjs');

beforeAll(() => bundle(join(here, '..', 'src', 'parallel', 'thread-worker.ts'), workerScript, 'esm'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The seeded random sampler, recording how many other trials each call saw and on which thread. */
function spy(seen: number[]): Sampler {
  const inner = new RandomSampler({ seed: 3 });
  return {
    name: 'spy',
    sample(others, name, d, trial, ctx) {
      seen.push(others.length);
      return inner.sample(others, name, d, trial, ctx);
    },
  };
}

describe('optimizeParallel on worker threads', () => {
  it('runs 4 trials 2 at a time, persists each as it ends, and a throwing trial is failed without stopping the study', async () => {
    const storage = new MemoryStorage();
    const seen: number[] = [];
    const study = await createStudy({ name: 'threads', storage, sampler: spy(seen) });
    const order: number[] = [];
    const trials = await optimizeParallel(study, {
      objectiveModule,
      exportName: 'objective',
      trials: 4,
      parallel: 2,
      data: { sleepMs: 150, throwOn: 2, crashOn: -1 },
      onTrialEnd: (t) => {
        order.push(t.number);
      },
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
    // Two at a time on two threads; the sampler ran on this thread (spy's array) for every suggestion.
    expect(new Set(trials.map((t) => t.userAttrs?.thread)).size).toBe(2);
    expect(seen).toHaveLength(8);
    // Trials 0 and 1 started together (no others yet, 1 running); later ones saw the earlier trials.
    expect(Math.min(...seen)).toBeLessThanOrEqual(1);
    expect(Math.max(...seen)).toBeGreaterThanOrEqual(2);
    expect(await study.bestTrial()).toMatchObject({ state: 'complete' });
  });

  it("prunes with the study's pruner, run on the main thread", async () => {
    const pruned: number[] = [];
    const pruner: Pruner = {
      name: 'odd',
      prune: (_all, trial) => {
        if (trial.number % 2 === 1) pruned.push(trial.number);
        return trial.number % 2 === 1;
      },
    };
    const study = await createStudy({ name: 'prune', sampler: new RandomSampler({ seed: 1 }), pruner });
    const trials = await optimizeParallel(study, {
      objectiveModule,
      exportName: 'objective',
      trials: 4,
      parallel: 2,
      data: { sleepMs: 10, throwOn: -1, crashOn: -1 },
      workerScript,
    });
    expect(trials.map((t) => t.state)).toEqual(['complete', 'pruned', 'complete', 'pruned']);
    expect(trials[1].value).toBe(trials[1].params.x);
    expect(pruned.sort()).toEqual([1, 3]);
  });

  it('a worker thread that exits mid-trial fails that trial and is replaced', async () => {
    const study = await createStudy({ name: 'crash', sampler: new RandomSampler({ seed: 2 }) });
    const trials = await optimizeParallel(study, {
      objectiveModule,
      exportName: 'objective',
      trials: 4,
      parallel: 2,
      data: { sleepMs: 20, throwOn: -1, crashOn: 1 },
      workerScript,
    });
    expect(trials.map((t) => t.state)).toEqual(['complete', 'failed', 'complete', 'complete']);
    expect(trials[1].error).toMatch(/worker thread running trial 1 crashed: exit code 3/);
  });

  it('refuses a missing module or export and bad counts with a ConfigError naming them', async () => {
    const study = await createStudy({ name: 'bad' });
    const base = { trials: 1, parallel: 1, workerScript, objectiveModule };
    await expect(optimizeParallel(study, { ...base, objectiveModule: join(root, 'nope.mjs') })).rejects.toThrow(
      /nope\.mjs does not exist/,
    );
    await expect(optimizeParallel(study, { ...base, exportName: 'missing' })).rejects.toThrow(
      /no function export 'missing'.*objective/,
    );
    await expect(optimizeParallel(study, { ...base, trials: 0 })).rejects.toThrow(/trials must be an integer >= 1/);
    await expect(optimizeParallel(study, { ...base, parallel: 1.5 })).rejects.toThrow(/parallel must be an integer/);
    expect(await study.trials()).toEqual([]);
  });
});
