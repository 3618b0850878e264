/** Tree-structured Parzen Estimator sampling (independent, per parameter). */
import { ConfigError } from '@convkit/core';
import { fromInternal, internalBounds, sameDistribution, stepOf, toInternal } from '../distributions';
import { lastStep } from '../pruners/pruner';
import { rngFor } from '../seeded';
import type { Distribution, Params, ParamValue, TrialRecord } from '../types';
import { CategoricalParzen, defaultWeights, mix, NumericParzen, pickComponent } from './parzen';
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
  /**
   * Model the parameters jointly (multivariate TPE, Optuna's default since 4.x): the parameters that
   * every finished trial has, with the same distributions, are drawn together from product kernels, so
   * correlations between them are learned; others are sampled independently. Default `false`.
   */
  multivariate?: boolean;
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
  private readonly multivariate: boolean;
  private readonly joint = new Map<number, { space: Record<string, Distribution>; values: Params }>();

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
    if (o.multivariate !== undefined && typeof o.multivariate !== 'boolean')
      throw new ConfigError('TPESampler: multivariate must be a boolean');
    this.multivariate = o.multivariate ?? false;
  }

  /** Finished trials ranked best first, split into the good group and the rest; `undefined` during startup. */
  private split(
    trials: readonly TrialRecord[],
    ctx: SamplerContext,
  ): { below: TrialRecord[]; above: TrialRecord[] } | undefined {
    const finished = trials.filter((t) => (t.state === 'complete' && t.value !== undefined) || t.state === 'pruned');
    if (finished.length < this.nStartup || finished.length === 0) return undefined;
    const sign = ctx.direction === 'minimize' ? 1 : -1;
    const ranked = [...finished].sort((a, b) => {
      const ka = rankKey(a, sign);
      const kb = rankKey(b, sign);
      return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2] || a.number - b.number;
    });
    const nBelow = Math.max(0, Math.min(ranked.length, Math.floor(this.gamma(ranked.length))));
    return { below: ranked.slice(0, nBelow), above: ranked.slice(nBelow) };
  }

  /** Joint values for the parameters every finished trial shares (multivariate mode), per trial. */
  private jointFor(trials: readonly TrialRecord[], trial: TrialRecord, ctx: SamplerContext) {
    const cached = this.joint.get(trial.number);
    if (cached) return cached;
    const groups = this.split(trials, ctx);
    const out = { space: {} as Record<string, Distribution>, values: {} as Params };
    if (groups) {
      const finished = [...groups.below, ...groups.above];
      const space: Record<string, Distribution> = { ...finished[0].distributions };
      for (const t of finished) {
        for (const name of Object.keys(space)) {
          const d = t.distributions[name];
          if (!d || !sameDistribution(d, space[name]) || t.params[name] === undefined) delete space[name];
        }
      }
      const names = Object.keys(space).sort();
      if (names.length > 0) {
        out.space = space;
        out.values = this.sampleJoint(names, space, groups, trial);
      }
    }
    this.joint.set(trial.number, out);
    if (this.joint.size > 1000) this.joint.delete(this.joint.keys().next().value as number);
    return out;
  }

  private sampleJoint(
    names: string[],
    space: Record<string, Distribution>,
    groups: { below: TrialRecord[]; above: TrialRecord[] },
    trial: TrialRecord,
  ): Params {
    const rng = rngFor(this.seed, 'tpe-joint', trial.number);
    const below = [...groups.below].sort((a, b) => a.number - b.number);
    const above = [...groups.above].sort((a, b) => a.number - b.number);
    const wl = defaultWeights(below.length);
    const wg = defaultWeights(above.length);
    const dims = names.map((name) => {
      const d = space[name];
      if (d.type === 'categorical') {
        const idx = (t: TrialRecord) => d.choices.indexOf(t.params[name]);
        const l = new CategoricalParzen(below.map(idx), wl, d.choices.length, this.priorWeight);
        const g = new CategoricalParzen(above.map(idx), wg, d.choices.length, this.priorWeight);
        return {
          name,
          weights: [l.weights, g.weights],
          draw: (k: number): ParamValue => d.choices[l.sampleFrom(k, rng)],
          terms: (v: ParamValue): [number[], number[]] => {
            const c = d.choices.indexOf(v);
            return [l.componentLogPdf(c), g.componentLogPdf(c)];
          },
        };
      }
      const [lo, hi] = internalBounds(d);
      const x = (t: TrialRecord) => toInternal(d, t.params[name] as number);
      const l = new NumericParzen(below.map(x), wl, lo, hi, this.priorWeight);
      const g = new NumericParzen(above.map(x), wg, lo, hi, this.priorWeight);
      const step = stepOf(d);
      const discrete = d.type === 'int' || step !== undefined;
      return {
        name,
        weights: [l.weights, g.weights],
        draw: (k: number): ParamValue => (hi > lo ? fromInternal(d, l.sampleFrom(k, rng)) : d.low),
        terms: (v: ParamValue): [number[], number[]] => {
          const n = v as number;
          if (!discrete) return [l.componentLogPdf(toInternal(d, n)), g.componentLogPdf(toInternal(d, n))];
          const [a, b] = d.log
            ? [Math.log(n - 0.5), Math.log(n + 0.5)]
            : [n - (step as number) / 2, n + (step as number) / 2];
          return [l.componentLogMass(a, b), g.componentLogMass(a, b)];
        },
      };
    });
    const [wL, wG] = dims[0].weights;
    let best: Params = {};
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < this.nCandidates; i++) {
      const k = pickComponent(wL, rng);
      const cand: Params = {};
      const sumL = new Array<number>(wL.length).fill(0);
      const sumG = new Array<number>(wG.length).fill(0);
      for (const dim of dims) {
        const v = dim.draw(k);
        cand[dim.name] = v;
        const [tl, tg] = dim.terms(v);
        for (let j = 0; j < tl.length; j++) sumL[j] += tl[j];
        for (let j = 0; j < tg.length; j++) sumG[j] += tg[j];
      }
      const score = mix(wL, sumL) - mix(wG, sumG);
      if (score > bestScore || i === 0) {
        bestScore = score;
        best = cand;
      }
    }
    return best;
  }

  /** Draws a value by TPE after the startup trials (see {@link Sampler.sample}). */
  sample(
    trials: readonly TrialRecord[],
    name: string,
    d: Distribution,
    trial: TrialRecord,
    ctx: SamplerContext,
  ): ParamValue {
    if (this.multivariate) {
      const joint = this.jointFor(trials, trial, ctx);
      const jd = joint.space[name];
      if (jd && sameDistribution(jd, d) && joint.values[name] !== undefined) return joint.values[name];
    }
    const rng = rngFor(this.seed, 'tpe', trial.number, name);
    const groups = this.split(trials, ctx);
    if (!groups) return uniformValue(d, rng.next());
    const has = (t: TrialRecord) =>
      t.params[name] !== undefined && t.distributions[name] !== undefined && sameDistribution(t.distributions[name], d);
    const byNumber = (ts: TrialRecord[]) => ts.filter(has).sort((a, b) => a.number - b.number);
    const below = byNumber(groups.below);
    const above = byNumber(groups.above);
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
