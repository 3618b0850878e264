import { Rng } from '@convkit/core';
import { describe, expect, it } from 'vitest';
import { CategoricalParzen, defaultWeights, logNormalMass, NumericParzen } from '../src/samplers/parzen';

describe('Parzen estimators (TPE internals)', () => {
  it('logNormalMass matches reference normal probabilities, far into the tails', () => {
    // Reference values: scipy.stats.norm (Φ(1) − Φ(−1), sf(5), sf(10), Φ(0.5) − Φ(−2)).
    expect(Math.exp(logNormalMass(-1, 1))).toBeCloseTo(0.6826894921370859, 6);
    expect(logNormalMass(5, Number.POSITIVE_INFINITY)).toBeCloseTo(Math.log(2.866515718791939e-7), 5);
    expect(logNormalMass(10, Number.POSITIVE_INFINITY)).toBeCloseTo(Math.log(7.61985302416047e-24), 5);
    expect(logNormalMass(Number.NEGATIVE_INFINITY, -10)).toBeCloseTo(Math.log(7.61985302416047e-24), 5);
    expect(Math.exp(logNormalMass(-2, 0.5))).toBeCloseTo(0.6687123268, 6);
    expect(logNormalMass(1, 1)).toBe(Number.NEGATIVE_INFINITY);
  });

  it("defaultWeights is Optuna's (flat below 25, then a ramp for the oldest)", () => {
    expect(defaultWeights(3)).toEqual([1, 1, 1]);
    const w = defaultWeights(28); // numpy.linspace(1/28, 1, 3) then 25 ones
    expect(w).toHaveLength(28);
    expect(w[0]).toBeCloseTo(1 / 28, 12);
    expect(w[1]).toBeCloseTo((1 / 28 + 1) / 2, 12);
    expect(w[2]).toBeCloseTo(1, 12);
    expect(w.slice(3)).toEqual(Array(25).fill(1));
  });

  it('bandwidths: the larger neighbour gap, clipped to [range / min(100, n + 2), range] (hand-computed)', () => {
    const p = new NumericParzen([0.6, 0.2, 0.5], [1, 1, 1], 0, 1, 1);
    expect(p.mus).toEqual([0.6, 0.2, 0.5, 0.5]); // observation order, then the prior
    // gaps: 0.2 → 0.3 (inner neighbour only), 0.5 → max(0.3, 0.1), 0.6 → 0.1 → clipped up to 1/5.
    expect(p.sigmas.map((s) => Number(s.toFixed(12)))).toEqual([0.2, 0.3, 0.3, 1]);
    expect(p.weights).toEqual([0.25, 0.25, 0.25, 0.25]);
    const one = new NumericParzen([0.2], [1], 0, 1, 1);
    expect(one.sigmas[0]).toBeCloseTo(0.8, 12); // max(0.2 − 0, 1 − 0.2)
  });

  it('the truncated mixture is a density on its interval, and sampling follows it', () => {
    const p = new NumericParzen([0.1, 0.15, 0.9], [1, 1, 2], -1, 2, 0.5);
    let integral = 0;
    const n = 30000;
    for (let i = 0; i < n; i++) integral += Math.exp(p.logPdf(-1 + ((i + 0.5) / n) * 3)) * (3 / n);
    expect(integral).toBeCloseTo(1, 4);
    expect(Math.exp(p.logMass(-1, 2))).toBeCloseTo(1, 6);
    const rng = new Rng(1);
    let inside = 0;
    const draws = 20000;
    for (let i = 0; i < draws; i++) {
      const x = p.sample(rng);
      expect(x).toBeGreaterThanOrEqual(-1);
      expect(x).toBeLessThanOrEqual(2);
      if (x >= 0 && x <= 0.5) inside++;
    }
    expect(inside / draws).toBeCloseTo(Math.exp(p.logMass(0, 0.5)), 1);
  });

  it("categorical kernels follow Optuna's smoothing (hand-computed)", () => {
    // Two observations of category 0 among 3, prior weight 1: each kernel puts 1/3 on every category
    // plus 1 on its own: (4/3, 1/3, 1/3) / 2; the prior is uniform. Weights 1, 1, 1 → 1/3 each.
    const c = new CategoricalParzen([0, 0], [1, 1], 3, 1);
    expect(Math.exp(c.logPdf(0))).toBeCloseTo((2 * (2 / 3) + 1 / 3) / 3, 12);
    expect(Math.exp(c.logPdf(1))).toBeCloseTo((2 * (1 / 6) + 1 / 3) / 3, 12);
    expect([0, 1, 2].reduce((a, k) => a + Math.exp(c.logPdf(k)), 0)).toBeCloseTo(1, 12);
  });
});
