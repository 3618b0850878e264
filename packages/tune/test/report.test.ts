import { ConfigError } from '@convkit/core';
import {
  bestSoFar,
  createStudy,
  paramImportances,
  RandomSampler,
  studyHistory,
  type TrialRecord,
  trialsToCsv,
  trialsToJson,
} from '@convkit/tune';
import { describe, expect, it } from 'vitest';

function rec(
  number: number,
  state: TrialRecord['state'],
  value: number | undefined,
  params: TrialRecord['params'] = {},
): TrialRecord {
  return {
    number,
    state,
    params,
    distributions: {},
    intermediate: {},
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.500Z',
    ...(value !== undefined ? { value } : {}),
  };
}

describe('reporting', () => {
  const trials = [
    rec(0, 'complete', 5),
    rec(1, 'failed', undefined),
    rec(2, 'complete', 7),
    rec(3, 'pruned', 9),
    rec(4, 'complete', 3),
  ];

  it('history and best-so-far curves (hand-computed)', () => {
    expect(studyHistory(trials).map((p) => [p.number, p.state, p.value])).toEqual([
      [0, 'complete', 5],
      [1, 'failed', undefined],
      [2, 'complete', 7],
      [3, 'pruned', 9],
      [4, 'complete', 3],
    ]);
    expect(bestSoFar(trials, 'minimize').map((p) => [p.number, p.best])).toEqual([
      [0, 5],
      [2, 5],
      [4, 3],
    ]);
    expect(bestSoFar(trials, 'maximize').map((p) => p.best)).toEqual([5, 7, 7]);
    expect(() => bestSoFar(trials, 'down' as never)).toThrow(ConfigError);
  });

  it('importances: the correlation ratio η² per parameter, normalised (hand-computed)', () => {
    // y depends on c only: c = a → 0, c = b → 10. x is noise-free and irrelevant (balanced across c).
    const rows = [
      rec(0, 'complete', 0, { c: 'a', x: 1 }),
      rec(1, 'complete', 0, { c: 'a', x: 2 }),
      rec(2, 'complete', 10, { c: 'b', x: 1 }),
      rec(3, 'complete', 10, { c: 'b', x: 2 }),
    ];
    // η²(c) = 1; η²(x): bins {1, 1} and {2, 2} have means 5 and 5 → 0.
    expect(paramImportances(rows)).toEqual({ c: 1, x: 0 });
    // y = x on 8 trials, c splits them 4/4 unevenly: c = a for x in 1..4 except 4 ↔ 5 swapped.
    const lin = [1, 2, 3, 4, 5, 6, 7, 8].map((x, i) =>
      rec(i, 'complete', x, { x, c: [1, 2, 3, 5].includes(x) ? 'a' : 'b' }),
    );
    // η²(x) with 4 equal-count bins {1,2},{3,4},{5,6},{7,8}: means 1.5, 3.5, 5.5, 7.5 around 4.5:
    // between = 2·(9 + 1 + 1 + 9) = 40, total = Σ(x-4.5)² = 42 → 40/42.
    // η²(c): means 2.75 and 6.25 → between = 4·(1.75² + 1.75²) = 24.5 → 24.5/42.
    const imp = paramImportances(lin);
    expect(Object.keys(imp)).toEqual(['x', 'c']);
    expect(imp.x).toBeCloseTo(40 / 64.5, 12);
    expect(imp.c).toBeCloseTo(24.5 / 64.5, 12);
    expect(paramImportances(rows.slice(0, 3))).toEqual({ c: 0, x: 0 }); // too few trials
    expect(() => paramImportances(rows, { bins: 1 })).toThrow(/bins/);
  });

  it('CSV with quoting, durations, params and user attributes; JSON round-trips', async () => {
    const study = await createStudy({ sampler: new RandomSampler({ seed: 1 }) });
    await study.optimize(
      (t) => {
        t.suggestCategorical('name', ['a,b', 'say "hi"']);
        t.setUserAttr('folds', [1, 2]);
        return 1;
      },
      { trials: 2 },
    );
    const csv = trialsToCsv(await study.trials());
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe('number,state,value,duration_ms,params_name,user_attrs_folds,error');
    for (const l of lines.slice(1)) expect(l).toMatch(/^\d,complete,1,\d+,("a,b"|"say ""hi"""),"\[1,2\]",$/);
    expect(trialsToCsv([rec(0, 'failed', undefined)])).toBe('number,state,value,duration_ms,error\n0,failed,,1500,\n');
    expect(JSON.parse(trialsToJson(trials))).toEqual(trials);
  });
});
