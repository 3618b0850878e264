/** Tree-structured Parzen Estimator sampling (independent, per parameter). */
import { ConfigError } from '@convkit/core';
import { fromInternal, internalBounds, sameDistribution, stepOf, toInternal } from '../distributions';
import { lastStep } from '../pruners/pruner';
import { rngFor } from '../seeded';
import type { Distribution, ParamValue, TrialRecord } from '../types';
import { CategoricalParzen, defaultWeights, NumericParzen } from './parzen';
import { checkSeed, uniformValue } from './random';
import type { Sampler, SamplerContext } from './sampler';

/** Options of {@link TPESampler}. */
export interface TPESamplerOptions {
  /** Seed. Default: random. */
  seed?: number;
  /** Trials sampled at random before TPE starts (default 10). */
  nStartupTrials?: number;
  /** Candidates drawn from the "good" estimator; the best ratio wins (default 24). */
  nEiCandidates?: number;
  /** Size of the "good" group for `n` finished trials (default `min(ceil(0.1·n), 25)`). */
  gamma?: (n: number) => number;
  /** Weight of the prior kernel in each estimator (default 1). */
  priorWeight?: number;
}

/** Optuna's default split: the best 10 %, at most 25. */
export function defaultGamma(n: number): number {
  return Math.min(Math.ceil(0.1 * n), 25);
}

function checkInt(name: string, v: unknown, min: number): void {
  if (v !== undefined && (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min)) {
    throw new ConfigError(`TPESampler: ${name} must be an integer >= ${min}, got ${String(v)}`);
  }
}

/** A sort key: complete trials by value (best first), then pruned ones by how far they got, then value. */
function rankKey(t: TrialRecord, sign: number): [number, number, number] {
  if (t.state === 'complete') return [0, 0, sign * (t.value as number)];
  const step = lastStep(t) ?? -1;
  const v = step >= 0 ? t.intermediate[step] : Number.POSITIVE_INFINITY * sign;
  return [1, -step, sign * v];
}

/**
 * TPE (Bergstra et al., 2011), as in Optuna's default sampler: after `nStartupTrials` random trials,
 * finished trials are split into a good group (the best `gamma(n)`) and the rest; each parameter gets
 * a Parzen estimator `l(x)` from the good trials and `g(x)` from the others, and the value among
 * `nEiCandidates` draws from `l` with the largest `l(x)/g(x)` (the expected-improvement maximiser) is
 * chosen. Parameters are modelled independently; conditional parameters use the trials that have them.
 * Log scales are modelled in log space, integers and steps as discrete bins, categories as smoothed
 * histograms. Pruned trials count as worse than complete ones, ranked by how far they got.
 *
 * @example
 * ```ts
 * import { createStudy, TPESampler } from '@convkit/tune';
 *
 * const study = await createStudy({ sampler: new TPESampler({ seed: 1, nStartupTrials: 10 }) });
 * ```
 */
export class TPESampler implements Sampler {
  readonly name = 'tpe';
  /** The seed in use. */
  readonly seed: number;
  private readonly nStartup: number;
  private readonly nCandidates: number;
  private readonly gamma: (n: number) => number;
  private readonly priorWeight: number;

  /**
   * @param options - `seed`, `nStartupTrials`, `nEiCandidates`, `gamma`, `priorWeight`.
   * @throws {ConfigError} on an invalid option.
   */
  constructor(options: TPESamplerOptions = {}) {
    const o = options ?? {};
    this.seed = checkSeed('TPESampler', o.seed);
    checkInt('nStartupTrials', o.nStartupTrials, 0);
    checkInt('nEiCandidates', o.nEiCandidates, 1);
    if (o.gamma !== undefined && typeof o.gamma !== 'function')
      throw new ConfigError('TPESampler: gamma must be a function of n');
    if (
      o.priorWeight !== undefined &&
      !(typeof o.priorWeight === 'number' && o.priorWeight > 0 && Number.isFinite(o.priorWeight))
    ) {
      throw new ConfigError(`TPESampler: priorWeight must be a finite number > 0, got ${String(o.priorWeight)}`);
    }
    this.nStartup = o.nStartupTrials ?? 10;
    this.nCandidates = o.nEiCandidates ?? 24;
    this.gamma = o.gamma ?? defaultGamma;
    this.priorWeight = o.priorWeight ?? 1;
  }

  sample(
    trials: readonly TrialRecord[],
    name: string,
    d: Distribution,
    trial: TrialRecord,
    ctx: SamplerContext,
  ): ParamValue {
    const rng = rngFor(this.seed, 'tpe', trial.number, name);
    const finished = trials.filter((t) => (t.state === 'complete' && t.value !== undefined) || t.state === 'pruned');
    if (finished.length < this.nStartup) return uniformValue(d, rng.next());
    const sign = ctx.direction === 'minimize' ? 1 : -1;
    const ranked = [...finished].sort((a, b) => {
      const ka = rankKey(a, sign);
      const kb = rankKey(b, sign);
      return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2] || a.number - b.number;
    });
    const nBelow = Math.max(0, Math.min(ranked.length, Math.floor(this.gamma(ranked.length))));
    const has = (t: TrialRecord) =>
      t.params[name] !== undefined && t.distributions[name] !== undefined && sameDistribution(t.distributions[name], d);
    const byNumber = (ts: TrialRecord[]) => ts.filter(has).sort((a, b) => a.number - b.number);
    const below = byNumber(ranked.slice(0, nBelow));
    const above = byNumber(ranked.slice(nBelow));
    if (d.type === 'categorical') {
      const idx = (t: TrialRecord) => d.choices.indexOf(t.params[name]);
      const l = new CategoricalParzen(below.map(idx), defaultWeights(below.length), d.choices.length, this.priorWeight);
      const g = new CategoricalParzen(above.map(idx), defaultWeights(above.length), d.choices.length, this.priorWeight);
      let best = -1;
      let bestScore = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < this.nCandidates; i++) {
        const c = l.sample(rng);
        const s = l.logPdf(c) - g.logPdf(c);
        if (s > bestScore) {
          bestScore = s;
          best = c;
        }
      }
      return d.choices[best];
    }
    const [lo, hi] = internalBounds(d);
    if (!(hi > lo)) return d.low;
    const x = (t: TrialRecord) => toInternal(d, t.params[name] as number);
    const l = new NumericParzen(below.map(x), defaultWeights(below.length), lo, hi, this.priorWeight);
    const g = new NumericParzen(above.map(x), defaultWeights(above.length), lo, hi, this.priorWeight);
    const step = stepOf(d);
    const discrete = d.type === 'int' || step !== undefined;
    const score = (v: number): number => {
      if (!discrete) {
        const xi = toInternal(d, v);
        return l.logPdf(xi) - g.logPdf(xi);
      }
      // The probability of the value's bin (half a step, or ±0.5 before the log for log ints).
      const [a, b] = d.log
        ? [Math.log(v - 0.5), Math.log(v + 0.5)]
        : [v - (step as number) / 2, v + (step as number) / 2];
      return l.logMass(a, b) - g.logMass(a, b);
    };
    let best = d.low;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < this.nCandidates; i++) {
      const v = fromInternal(d, l.sample(rng));
      const s = score(v);
      if (s > bestScore) {
        bestScore = s;
        best = v;
      }
    }
    return best;
  }
}
