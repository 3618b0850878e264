/** A genetic sampler: tournament selection, uniform crossover and mutation over the parameter space. */
import { ConfigError } from '@convkit/core';
import { contains, fromInternal, internalBounds, sameDistribution, toInternal } from '../distributions';
import { rngFor } from '../seeded';
import type { Distribution, ParamValue, TrialRecord } from '../types';
import { checkSeed, uniformValue } from './random';
import type { Sampler, SamplerContext } from './sampler';

/** Options of {@link EvolutionarySampler}. */
export interface EvolutionarySamplerOptions {
  /** Seed. Default: random. */
  seed?: number;
  /** Size of the parent pool, and of the random first generation (default 10). */
  populationSize?: number;
  /** Candidates per tournament (default 3). */
  tournamentSize?: number;
  /** Probability that a child mixes two parents (else it copies one) (default 0.9). */
  crossoverRate?: number;
  /** Probability that each parameter mutates (default 0.3). */
  mutationRate?: number;
  /** Gaussian mutation width as a fraction of a numeric parameter's (internal, log if `log`) range (default 0.1). */
  mutationScale?: number;
}

function checkFraction(name: string, v: unknown): void {
  if (v !== undefined && !(typeof v === 'number' && v >= 0 && v <= 1)) {
    throw new ConfigError(`EvolutionarySampler: ${name} must be a number in [0, 1], got ${String(v)}`);
  }
}

/**
 * A steady-state genetic algorithm in the spirit of NNI's evolution tuner. The first `populationSize`
 * trials are random; after that, the parent pool is the best `populationSize` complete trials so far
 * (elitist, so the pool never gets worse). Each new trial picks two parents by tournament (the best of
 * `tournamentSize` random members), takes each parameter from one of them at random (uniform
 * crossover), and mutates it with probability `mutationRate`: a Gaussian step of `mutationScale` × the
 * range on numeric parameters (in log space for log scales, rounded for ints and steps), another
 * choice on categorical ones. A conditional parameter that neither parent has is drawn at random.
 *
 * @example
 * ```ts
 * import { createStudy, EvolutionarySampler } from '@convkit/tune';
 *
 * const study = await createStudy({ sampler: new EvolutionarySampler({ seed: 1, populationSize: 10 }) });
 * ```
 */
export class EvolutionarySampler implements Sampler {
  readonly name = 'evolutionary';
  /** The seed in use. */
  readonly seed: number;
  readonly populationSize: number;
  private readonly tournamentSize: number;
  private readonly crossoverRate: number;
  private readonly mutationRate: number;
  private readonly mutationScale: number;
  private readonly parents = new Map<number, [TrialRecord, TrialRecord]>();

  /**
   * @param options - Seed and genetic operators.
   * @throws {ConfigError} on an invalid option.
   */
  constructor(options: EvolutionarySamplerOptions = {}) {
    const o = options ?? {};
    this.seed = checkSeed('EvolutionarySampler', o.seed);
    for (const [k, min] of [
      ['populationSize', 2],
      ['tournamentSize', 1],
    ] as const) {
      const v = o[k];
      if (v !== undefined && (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min)) {
        throw new ConfigError(`EvolutionarySampler: ${k} must be an integer >= ${min}, got ${String(v)}`);
      }
    }
    checkFraction('crossoverRate', o.crossoverRate);
    checkFraction('mutationRate', o.mutationRate);
    if (
      o.mutationScale !== undefined &&
      !(typeof o.mutationScale === 'number' && o.mutationScale > 0 && Number.isFinite(o.mutationScale))
    ) {
      throw new ConfigError(
        `EvolutionarySampler: mutationScale must be a finite number > 0, got ${String(o.mutationScale)}`,
      );
    }
    this.populationSize = o.populationSize ?? 10;
    this.tournamentSize = o.tournamentSize ?? 3;
    this.crossoverRate = o.crossoverRate ?? 0.9;
    this.mutationRate = o.mutationRate ?? 0.3;
    this.mutationScale = o.mutationScale ?? 0.1;
  }

  private pickParents(
    trials: readonly TrialRecord[],
    trial: TrialRecord,
    sign: number,
  ): [TrialRecord, TrialRecord] | undefined {
    const cached = this.parents.get(trial.number);
    if (cached) return cached;
    const complete = trials.filter((t) => t.state === 'complete' && t.value !== undefined);
    if (complete.length < this.populationSize) return undefined;
    const pool = [...complete]
      .sort((a, b) => sign * ((a.value as number) - (b.value as number)) || a.number - b.number)
      .slice(0, this.populationSize);
    const rng = rngFor(this.seed, 'evo-parents', trial.number);
    const tournament = (): TrialRecord => {
      let best: TrialRecord | undefined;
      for (let i = 0; i < this.tournamentSize; i++) {
        const c = pool[rng.int(pool.length)];
        if (!best || sign * ((c.value as number) - (best.value as number)) < 0) best = c;
      }
      return best as TrialRecord;
    };
    const pair: [TrialRecord, TrialRecord] = [tournament(), tournament()];
    this.parents.set(trial.number, pair);
    if (this.parents.size > 1000) this.parents.delete(this.parents.keys().next().value as number);
    return pair;
  }

  /** Draws a value by crossover and mutation of two parents (see {@link Sampler.sample}). */
  sample(
    trials: readonly TrialRecord[],
    name: string,
    d: Distribution,
    trial: TrialRecord,
    ctx: SamplerContext,
  ): ParamValue {
    const rng = rngFor(this.seed, 'evo', trial.number, name);
    const parents = this.pickParents(trials, trial, ctx.direction === 'minimize' ? 1 : -1);
    if (!parents) return uniformValue(d, rng.next());
    const inherit = (p: TrialRecord): ParamValue | undefined => {
      const v = p.params[name];
      const pd = p.distributions[name];
      return v !== undefined && pd !== undefined && sameDistribution(pd, d) && contains(d, v) ? v : undefined;
    };
    const first = this.crossoverRate > 0 && rng.next() < this.crossoverRate && rng.next() < 0.5 ? 1 : 0;
    const value = inherit(parents[first]) ?? inherit(parents[1 - first]);
    if (value === undefined) return uniformValue(d, rng.next());
    if (rng.next() >= this.mutationRate) return value;
    if (d.type === 'categorical') {
      if (d.choices.length < 2) return value;
      const others = d.choices.filter((c) => c !== value);
      return others[rng.int(others.length)];
    }
    const [lo, hi] = internalBounds(d);
    let x = toInternal(d, value as number) + rng.normal(0, this.mutationScale * (hi - lo));
    // Reflect at the bounds so the edges are not over-sampled.
    if (x < lo) x = lo + Math.min(hi - lo, lo - x);
    if (x > hi) x = hi - Math.min(hi - lo, x - hi);
    return fromInternal(d, x);
  }
}
