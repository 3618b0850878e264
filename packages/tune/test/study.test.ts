import { ConfigError } from '@convkit/core';
import { createStudy, MemoryStorage, RandomSampler, type Trial, TrialPruned } from '@convkit/tune';
import { describe, expect, it } from 'vitest';

describe('Trial (define-by-run)', () => {
  it('suggests values inside their distributions, conditional parameters by code', async () => {
    const study = await createStudy({ sampler: new RandomSampler({ seed: 3 }) });
    await study.optimize(
      (t) => {
        const x = t.suggestFloat('x', -2, 3);
        const lr = t.suggestFloat('lr', 1e-4, 1e-1, { log: true });
        const n = t.suggestInt('n', 8, 64, { step: 8 });
        const q = t.suggestFloat('q', 0, 1, { step: 0.25 });
        const opt = t.suggestCategorical('opt', ['sgd', 'adam'] as const);
        if (opt === 'sgd') t.suggestFloat('momentum', 0, 0.99);
        expect(x).toBeGreaterThanOrEqual(-2);
        expect(x).toBeLessThanOrEqual(3);
        expect(lr).toBeGreaterThanOrEqual(1e-4);
        expect(lr).toBeLessThanOrEqual(1e-1);
        expect(n % 8).toBe(0);
        expect([0, 0.25, 0.5, 0.75, 1]).toContain(q);
        expect(t.suggestFloat('x', -2, 3)).toBe(x); // same name, same distribution: same value
        return x * x;
      },
      { trials: 30 },
    );
    const trials = await study.trials();
    expect(trials).toHaveLength(30);
    for (const t of trials) {
      expect(t.state).toBe('complete');
      expect('momentum' in t.params).toBe(t.params.opt === 'sgd');
      expect(t.value).toBeCloseTo((t.params.x as number) ** 2, 12);
    }
    expect(new Set(trials.map((t) => t.params.opt))).toEqual(new Set(['sgd', 'adam']));
    const best = await study.bestTrial();
    expect(best?.value).toBe(Math.min(...trials.map((t) => t.value as number)));
    expect(await study.bestParams()).toEqual(best?.params);
  });

  it('rejects bad ranges and a name suggested twice with another distribution', async () => {
    const study = await createStudy();
    const t = await study.ask();
    expect(() => t.suggestFloat('a', 2, 1)).toThrow(ConfigError);
    expect(() => t.suggestFloat('a', 0, 1, { log: true })).toThrow(/log scale needs low > 0/);
    expect(() => t.suggestFloat('a', 0, Number.NaN)).toThrow(/high must be a finite number/);
    expect(() => t.suggestInt('a', 0.5, 3)).toThrow(/integers/);
    expect(() => t.suggestInt('a', 0, 3, { step: 0 })).toThrow(/step must be/);
    expect(() => t.suggestCategorical('a', [])).toThrow(/non-empty/);
    expect(() => t.suggestCategorical('a', ['x', 'x'])).toThrow(/appears twice/);
    expect(() => t.suggestFloat('', 0, 1)).toThrow(/non-empty string/);
    t.suggestFloat('a', 0, 1);
    expect(() => t.suggestFloat('a', 0, 2)).toThrow(/already suggested as float \[0, 1\]/);
    expect(() => t.suggestInt('a', 0, 1)).toThrow(ConfigError);
    await expect(t.report(Number.NaN, 0)).rejects.toThrow(/finite/);
    await expect(t.report(1, -1)).rejects.toThrow(/step/);
    await t.report(1, 0);
    await expect(t.report(2, 0)).rejects.toThrow(/already reported/);
    expect(() => t.setUserAttr('f', () => 1)).toThrow(/JSON/);
    await study.tell(t, 1);
    expect(() => t.suggestFloat('b', 0, 1)).toThrow(/has ended/);
  });

  it('records pruned and failed trials, rethrows uncaught errors, honours catch', async () => {
    const storage = new MemoryStorage();
    const study = await createStudy({ storage, sampler: new RandomSampler({ seed: 1 }) });
    let k = 0;
    const objective = async (t: Trial) => {
      const i = k++;
      t.suggestFloat('x', 0, 1);
      t.setUserAttr('i', i);
      if (i === 0) {
        await t.report(5, 0);
        throw new TrialPruned();
      }
      if (i === 1) return Number.NaN;
      if (i === 2) throw new RangeError('boom');
      return i;
    };
    await study.optimize(objective, { trials: 2 });
    await expect(study.optimize(objective, { trials: 1 })).rejects.toThrow('boom');
    k = 2;
    await study.optimize(objective, { trials: 2, catch: [RangeError] });
    const trials = await study.trials();
    expect(trials.map((t) => t.state)).toEqual(['pruned', 'failed', 'failed', 'failed', 'complete']);
    expect(trials[0].value).toBe(5);
    expect(trials[1].error).toMatch(/NaN/);
    expect(trials[2].error).toMatch(/RangeError: boom/);
    expect(trials.map((t) => t.userAttrs?.i)).toEqual([0, 1, 2, 2, 3]);
    expect(trials.map((t) => t.number)).toEqual([0, 1, 2, 3, 4]);
    await expect(study.optimize(objective, {})).rejects.toThrow(ConfigError);
    await expect(study.optimize(objective, { trials: -1 })).rejects.toThrow(/trials must be/);
  });

  it('totalTrials finishes a target count across reopenings; stale running trials are failed or rerun', async () => {
    const storage = new MemoryStorage();
    const s1 = await createStudy({ name: 's', storage, sampler: new RandomSampler({ seed: 5 }) });
    await s1.optimize((t) => t.suggestFloat('x', 0, 1), { trials: 3 });
    const orphan = await s1.ask(); // a process "dies" with this trial running
    orphan.suggestFloat('x', 0, 1);
    await orphan.flush();
    const s2 = await createStudy({ name: 's', storage, sampler: new RandomSampler({ seed: 5 }), staleTrials: 'rerun' });
    const seen: number[] = [];
    const res = await s2.optimize(
      (t) => {
        seen.push(t.number);
        return t.suggestFloat('x', 0, 1);
      },
      { totalTrials: 5 },
    );
    expect(res.stoppedBy).toBe('totalTrials');
    expect(seen).toEqual([4, 5]);
    const trials = await s2.trials();
    expect(trials[3].state).toBe('failed');
    expect(trials[3].error).toMatch(/interrupted/);
    expect(trials[4].params.x).toBe(trials[3].params.x); // rerun with the same parameters
    expect(trials.filter((t) => t.state === 'complete')).toHaveLength(5);
    await expect(createStudy({ name: 's', storage, direction: 'maximize' })).rejects.toThrow(/direction/);
  });

  it('RandomSampler is reproducible with a seed and independent of suggestion order', async () => {
    const run = async (seed: number, reverse: boolean) => {
      const study = await createStudy({ sampler: new RandomSampler({ seed }) });
      await study.optimize(
        (t) => {
          if (reverse) {
            t.suggestInt('b', 0, 100);
            t.suggestFloat('a', 0, 1);
          } else {
            t.suggestFloat('a', 0, 1);
            t.suggestInt('b', 0, 100);
          }
          return 0;
        },
        { trials: 10 },
      );
      return (await study.trials()).map((t) => t.params);
    };
    const a = await run(11, false);
    expect(await run(11, true)).toEqual(a);
    expect(await run(12, false)).not.toEqual(a);
  });

  it('timeoutMs stops starting trials; a failing storage fails the trial and rejects', async () => {
    const study = await createStudy({ sampler: new RandomSampler({ seed: 1 }) });
    const t0 = Date.now();
    const res = await study.optimize(
      async (t) => {
        await new Promise((r) => setTimeout(r, 40));
        return t.suggestFloat('x', 0, 1);
      },
      { timeoutMs: 100, trials: 50 },
    );
    expect(res.stoppedBy).toBe('timeout');
    expect(res.trials.length).toBeGreaterThanOrEqual(1);
    expect(res.trials.length).toBeLessThanOrEqual(4);
    expect(Date.now() - t0).toBeLessThan(1000);

    class Flaky extends MemoryStorage {
      override async setParam(): Promise<void> {
        throw new Error('disk full');
      }
    }
    const storage = new Flaky();
    const flaky = await createStudy({ storage });
    await expect(flaky.optimize((t) => t.suggestFloat('x', 0, 1), { trials: 1 })).rejects.toThrow('disk full');
    const [t] = await flaky.trials();
    expect(t.state).toBe('failed');
    expect(t.error).toMatch(/storage: disk full/);
  });
});
