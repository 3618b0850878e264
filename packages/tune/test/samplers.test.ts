import { ConfigError } from '@convkit/core';
import {
  createStudy,
  type Direction,
  EvolutionarySampler,
  GridSampler,
  RandomSampler,
  type Sampler,
  TPESampler,
  type Trial,
} from '@convkit/tune';
import { describe, expect, it } from 'vitest';

async function run(
  sampler: Sampler,
  objective: (t: Trial) => number,
  trials: number,
  direction: Direction = 'minimize',
) {
  const study = await createStudy({ sampler, direction });
  await study.optimize(objective, { trials });
  return study;
}

const quadratic2d = (t: Trial) => (t.suggestFloat('x', -5, 5) - 1.5) ** 2 + (t.suggestFloat('y', -5, 5) + 2) ** 2;

function medianOf(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

describe('samplers', () => {
  it('every sampler is reproducible with a seed (mixed float/log/int/step/categorical space)', async () => {
    const space = (t: Trial) => {
      const kind = t.suggestCategorical('kind', ['a', 'b', 'c']);
      const lr = t.suggestFloat('lr', 1e-5, 1, { log: true });
      const n = t.suggestInt('n', 1, 1024, { log: true });
      const f = t.suggestInt('f', 8, 64, { step: 8 });
      const extra = kind === 'a' ? t.suggestFloat('extra', 0, 1, { step: 0.1 }) : 0;
      return Math.log10(lr) ** 2 + Math.abs(Math.log2(n) - 5) + f / 64 + extra + (kind === 'b' ? 0 : 1);
    };
    const makers: ((seed: number) => Sampler)[] = [
      (seed) => new RandomSampler({ seed }),
      (seed) => new TPESampler({ seed, nStartupTrials: 5 }),
      (seed) => new TPESampler({ seed, nStartupTrials: 5, multivariate: true }),
      (seed) => new EvolutionarySampler({ seed, populationSize: 5 }),
    ];
    for (const make of makers) {
      const a = (await (await run(make(7), space, 25)).trials()).map((t) => t.params);
      const b = (await (await run(make(7), space, 25)).trials()).map((t) => t.params);
      const c = (await (await run(make(8), space, 25)).trials()).map((t) => t.params);
      expect(b).toEqual(a);
      expect(c).not.toEqual(a);
      for (const p of a) {
        expect(Number.isInteger(p.n)).toBe(true);
        expect(p.n as number).toBeGreaterThanOrEqual(1);
        expect(p.n as number).toBeLessThanOrEqual(1024);
        expect((p.f as number) % 8).toBe(0);
        if (p.kind === 'a') expect(Math.round((p.extra as number) * 10) / 10).toBe(p.extra);
        else expect(p.extra).toBeUndefined();
      }
    }
  });

  it('TPE reaches a lower median regret than random search on 2-D quadratic (10 seeds, 40 trials)', async () => {
    const tpe: number[] = [];
    const mv: number[] = [];
    const rnd: number[] = [];
    for (let seed = 0; seed < 10; seed++) {
      tpe.push((await (await run(new TPESampler({ seed }), quadratic2d, 40)).bestValue()) as number);
      mv.push((await (await run(new TPESampler({ seed, multivariate: true }), quadratic2d, 40)).bestValue()) as number);
      rnd.push((await (await run(new RandomSampler({ seed }), quadratic2d, 40)).bestValue()) as number);
    }
    // Random search with 40 points in a 10×10 box: median regret ≈ 0.8; TPE concentrates near the optimum.
    expect(medianOf(tpe)).toBeLessThan(medianOf(rnd) / 2);
    expect(medianOf(mv)).toBeLessThan(medianOf(rnd) / 2);
    expect(tpe.filter((v, i) => v < rnd[i]).length).toBeGreaterThanOrEqual(7);
  });

  it('TPE maximizes too, and learns a categorical and a log-int parameter', async () => {
    const objective = (t: Trial) => {
      const c = t.suggestCategorical('c', ['bad', 'good', 'worse']);
      const n = t.suggestInt('n', 1, 1000, { log: true });
      return (c === 'good' ? 1 : 0) - Math.abs(Math.log10(n) - 2);
    };
    const study = await run(new TPESampler({ seed: 3 }), objective, 60, 'maximize');
    const late = (await study.trials()).slice(30);
    expect(late.filter((t) => t.params.c === 'good').length).toBeGreaterThan(20);
    expect(await study.bestValue()).toBeGreaterThan(0.9);
  });

  it('GridSampler covers the grid once, then the study stops', async () => {
    const sampler = new GridSampler({ lr: [0.001, 0.01, 0.1], act: ['relu', 'tanh'] });
    expect(sampler.size).toBe(6);
    const study = await createStudy({ sampler });
    const res = await study.optimize(
      (t) =>
        t.suggestFloat('lr', 1e-4, 1, { log: true }) +
        (t.suggestCategorical('act', ['relu', 'tanh']) === 'relu' ? 0 : 1),
      {
        trials: 100,
      },
    );
    expect(res.stoppedBy).toBe('exhausted');
    const combos = (await study.trials()).map((t) => `${t.params.lr}/${t.params.act}`);
    expect(combos).toEqual(['0.001/relu', '0.001/tanh', '0.01/relu', '0.01/tanh', '0.1/relu', '0.1/tanh']);
    const outside = await createStudy({ sampler: new GridSampler({ lr: [5] }) });
    await expect(outside.optimize((t) => t.suggestFloat('lr', 0, 1), { trials: 1 })).rejects.toThrow(/outside/);
    const missing = await createStudy({ sampler: new GridSampler({ lr: [0.5] }) });
    await expect(missing.optimize((t) => t.suggestFloat('other', 0, 1), { trials: 1 })).rejects.toThrow(
      /not in the grid/,
    );
    expect(() => new GridSampler({ a: [] })).toThrow(ConfigError);
    expect(() => new GridSampler({ a: [1, 1] })).toThrow(/twice/);
  });

  it('GridSampler.fromSpace spaces numeric values (log-aware) and covers conditional parameters once', async () => {
    const g = GridSampler.fromSpace(
      {
        lr: { type: 'float', low: 1e-4, high: 1e-1, log: true },
        units: { type: 'int', low: 16, high: 256, log: true },
        k: { type: 'int', low: 1, high: 3 },
        q: { type: 'float', low: 0, high: 1, step: 0.3 },
        opt: { type: 'categorical', choices: ['sgd', 'adam'] },
        momentum: { type: 'float', low: 0, high: 0.9, condition: { param: 'opt', equals: 'sgd' } },
      },
      { points: 4 },
    );
    const values = (n: string) => [...new Set(Array.from({ length: g.size }, (_, i) => g.combination(i)[n]))];
    expect(values('lr')).toEqual([0.0001, 0.001, 0.01, 0.1]);
    expect(values('units')).toEqual([16, 40, 102, 256]); // round(16·2^(4k/3)): 40.3, 101.6
    expect(values('k')).toEqual([1, 2, 3]);
    expect(values('q')).toEqual([0, 0.3, 0.6, 0.9]);
    expect(values('momentum')).toEqual([0, 0.3, 0.6, 0.9]);
    expect(() => GridSampler.fromSpace({ a: { type: 'float', low: 0, high: 1 } }, { points: 1 })).toThrow(/points/);

    const small = GridSampler.fromSpace({
      opt: { type: 'categorical', choices: ['sgd', 'adam'] },
      momentum: { type: 'categorical', choices: [0, 0.9], condition: { param: 'opt', equals: 'sgd' } },
    });
    const study = await createStudy({ sampler: small });
    const res = await study.optimize(
      (t) => {
        const opt = t.suggestCategorical('opt', ['sgd', 'adam']);
        return opt === 'sgd' ? (t.suggestCategorical('momentum', [0, 0.9]) as number) : 1;
      },
      { trials: 10 },
    );
    expect(res.stoppedBy).toBe('exhausted');
    expect((await study.trials()).map((t) => t.params)).toEqual([
      { opt: 'sgd', momentum: 0 },
      { opt: 'sgd', momentum: 0.9 },
      { opt: 'adam' },
    ]);
  });

  it('EvolutionarySampler improves over generations (sphere in 4-D, 5 seeds)', async () => {
    const sphere = (t: Trial) => {
      let s = 0;
      for (const k of ['a', 'b', 'c', 'd']) s += (t.suggestFloat(k, -5, 5) - 1) ** 2;
      return s;
    };
    for (let seed = 0; seed < 5; seed++) {
      const study = await run(new EvolutionarySampler({ seed, populationSize: 10 }), sphere, 80);
      const values = (await study.trials()).map((t) => t.value as number);
      const first = medianOf(values.slice(0, 10)); // the random generation
      const last = medianOf(values.slice(70, 80)); // the 8th generation
      expect(last).toBeLessThan(first / 3);
    }
  });

  it('rejects bad sampler options', () => {
    expect(() => new TPESampler({ nEiCandidates: 0 })).toThrow(ConfigError);
    expect(() => new TPESampler({ seed: Number.NaN })).toThrow(/seed/);
    expect(() => new EvolutionarySampler({ mutationRate: 2 })).toThrow(/mutationRate/);
    expect(() => new EvolutionarySampler({ populationSize: 1 })).toThrow(/populationSize/);
  });
});
