import { ConfigError } from '@convkit/core';
import {
  createStudy,
  MedianPruner,
  RandomSampler,
  SuccessiveHalvingPruner,
  TrialPruned,
  type TrialRecord,
  type TrialState,
} from '@convkit/tune';
import { describe, expect, it } from 'vitest';

let n = 0;
function rec(intermediate: Record<number, number>, state: TrialState = 'complete', value?: number): TrialRecord {
  return {
    number: n++,
    state,
    params: {},
    distributions: {},
    intermediate,
    startedAt: '2026-01-01T00:00:00Z',
    ...(state === 'complete' ? { value: value ?? 0 } : {}),
  };
}

describe('MedianPruner', () => {
  // Five complete trials; at step 1 they reported 1..5, so the median is 3.
  const done = [1, 2, 3, 4, 5].map((v) => rec({ 0: v + 10, 1: v }));

  it('prunes when the best value so far is worse than the median at the step (hand-computed)', () => {
    const p = new MedianPruner();
    expect(p.prune([...done], rec({ 0: 20, 1: 3.5 }), 'minimize')).toBe(true); // best 3.5 > 3
    expect(p.prune([...done], rec({ 0: 20, 1: 2.9 }), 'minimize')).toBe(false);
    expect(p.prune([...done], rec({ 0: 1, 1: 3.5 }), 'minimize')).toBe(false); // best so far (1) counts
    expect(p.prune([...done], rec({ 0: 2, 1: 2.5 }), 'maximize')).toBe(true); // best 2.5 < median 3
    expect(p.prune([...done], rec({ 0: 12, 1: 2.5 }), 'maximize')).toBe(false); // best so far 12 > 3
    expect(p.prune([...done], rec({ 0: 13.5 }), 'maximize')).toBe(false); // median at step 0 is 13
    const even = done.slice(0, 4); // median of 1..4 at step 1 = 2.5
    expect(new MedianPruner({ startupTrials: 4 }).prune(even, rec({ 1: 2.6 }), 'minimize')).toBe(true);
    expect(new MedianPruner({ startupTrials: 4 }).prune(even, rec({ 1: 2.5 }), 'minimize')).toBe(false);
  });

  it('respects startupTrials, warmupSteps and minTrials', () => {
    const bad = rec({ 0: 99, 1: 99 });
    expect(new MedianPruner({ startupTrials: 6 }).prune(done, bad, 'minimize')).toBe(false);
    expect(new MedianPruner({ warmupSteps: 2 }).prune(done, bad, 'minimize')).toBe(false);
    expect(new MedianPruner({ warmupSteps: 1 }).prune(done, bad, 'minimize')).toBe(true);
    expect(new MedianPruner().prune(done, rec({ 7: 99 }), 'minimize')).toBe(false); // nobody reported step 7
    expect(new MedianPruner({ minTrials: 6 }).prune(done, bad, 'minimize')).toBe(false);
    // Running and pruned trials do not count as startup trials or in the median.
    const others = [...done.slice(0, 2), rec({ 1: 100 }, 'running'), rec({ 1: 100 }, 'pruned')];
    expect(new MedianPruner({ startupTrials: 2 }).prune(others, rec({ 1: 1.6 }), 'minimize')).toBe(true); // median(1, 2) = 1.5
    expect(() => new MedianPruner({ warmupSteps: -1 })).toThrow(ConfigError);
  });

  it('prunes inside optimize: bad trials stop early and are stored as pruned', async () => {
    const study = await createStudy({
      sampler: new RandomSampler({ seed: 2 }),
      pruner: new MedianPruner({ startupTrials: 3 }),
    });
    let steps = 0;
    await study.optimize(
      async (t) => {
        const x = t.suggestFloat('x', 0, 1);
        for (let s = 0; s < 5; s++) {
          steps++;
          await t.report(x * (5 - s), s);
          if (await t.shouldPrune()) throw new TrialPruned();
        }
        return x;
      },
      { trials: 20 },
    );
    const trials = await study.trials();
    const pruned = trials.filter((t) => t.state === 'pruned');
    expect(pruned.length).toBeGreaterThan(3);
    expect(steps).toBeLessThan(20 * 5);
    for (const t of pruned) expect(t.value).toBe(t.intermediate[Math.max(...Object.keys(t.intermediate).map(Number))]);
  });
});

describe('SuccessiveHalvingPruner (ASHA)', () => {
  it('places rungs at minResource·η^(s+k)', () => {
    const p = new SuccessiveHalvingPruner({ minResource: 2, reductionFactor: 3, minEarlyStoppingRate: 1 });
    expect([0, 1, 2].map((k) => p.rungStep(k))).toEqual([6, 18, 54]);
  });

  it('keeps the top 1/η at each rung (hand-computed)', () => {
    const p = new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 2 }); // rungs at steps 1, 2, 4
    const a = rec({ 1: 0.5, 2: 0.4, 4: 0.3 });
    const b = rec({ 1: 0.7, 2: 0.6 }, 'pruned');
    // Rung 0: values {0.6 (self), 0.5, 0.7}: n = 3, keep ⌊3/2⌋ = 1 → only the best (0.5) goes on.
    expect(p.prune([a, b], rec({ 1: 0.6 }), 'minimize')).toBe(true);
    expect(p.prune([a, b], rec({ 1: 0.45 }), 'minimize')).toBe(false);
    // Before the first rung nothing is judged.
    expect(p.prune([a, b], rec({ 0: 99 }), 'minimize')).toBe(false);
    // Passes rung 0, fails rung 1: {0.65, 0.4, 0.6} → keep 1 (0.4).
    expect(p.prune([a, b], rec({ 1: 0.45, 2: 0.65 }), 'minimize')).toBe(true);
    // Five values at rung 0: keep ⌊5/2⌋ = 2 → threshold is the 2nd best.
    const c = rec({ 1: 0.3 });
    const d = rec({ 1: 0.9 }, 'running');
    expect(p.prune([a, b, c, d], rec({ 1: 0.55 }), 'minimize')).toBe(true); // sorted .3 .5 .55 .7 .9
    expect(p.prune([a, b, c, d], rec({ 1: 0.5 }), 'minimize')).toBe(false); // ties the 2nd best
    // Maximize mirrors it.
    expect(p.prune([a, b], rec({ 1: 0.8 }), 'maximize')).toBe(false);
    expect(p.prune([a, b], rec({ 1: 0.6 }), 'maximize')).toBe(true);
    // A trial that reports only at step 3 is judged at rung 1 (step 2) by its step-3 value.
    expect(p.rungValue(rec({ 3: 0.1 }), 1)).toBe(0.1);
    expect(p.prune([a, b], rec({ 0: 0.2, 3: 0.35 }), 'minimize')).toBe(false); // rung0: {.35,.5,.7} best; rung1: {.35,.4,.6} best
  });

  it('rejects bad options', () => {
    expect(() => new SuccessiveHalvingPruner({ reductionFactor: 1 })).toThrow(/reductionFactor/);
    expect(() => new SuccessiveHalvingPruner({ minResource: 0 })).toThrow(ConfigError);
  });
});
