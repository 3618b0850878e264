/**
 * The Parzen estimators of TPE: a weighted mixture of Gaussians truncated to the parameter's
 * interval (numeric parameters, in the internal — log, if `log: true` — coordinate), or a smoothed
 * histogram (categorical ones). Bandwidths adapt to the data: each kernel is as wide as the larger gap
 * to its neighbours, clipped to `[range / min(100, n + 2), range]` (Bergstra et al. 2011, the rule
 * Optuna's independent TPE uses by default), plus a broad prior kernel over the whole interval.
 */
import type { Rng } from '@convkit/core';

const SQRT2 = Math.SQRT2;
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** log erfc(x) for x >= 0, relative error < 1.2e-7 (Numerical Recipes' Chebyshev fit), without underflow. */
function logErfcPos(x: number): number {
  const t = 1 / (1 + 0.5 * x);
  const poly =
    -1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return Math.log(t) - x * x + poly;
}

/** log(exp(a) - exp(b)) for a >= b. */
function logDiffExp(a: number, b: number): number {
  if (b === Number.NEGATIVE_INFINITY) return a;
  const d = b - a;
  return d >= 0 ? Number.NEGATIVE_INFINITY : a + Math.log(-Math.expm1(d));
}

/**
 * log P(a <= Z <= b) for a standard normal Z, accurate far in the tails.
 *
 * @param a - Lower standardized bound.
 * @param b - Upper standardized bound (>= a).
 * @returns The log probability mass.
 */
export function logNormalMass(a: number, b: number): number {
  if (b <= a) return Number.NEGATIVE_INFINITY;
  const logQ = (z: number) =>
    z === Number.POSITIVE_INFINITY ? Number.NEGATIVE_INFINITY : Math.log(0.5) + logErfcPos(z / SQRT2); // P(Z > z), z >= 0
  if (a >= 0) return logDiffExp(logQ(a), logQ(b));
  if (b <= 0) return logDiffExp(logQ(-b), logQ(-a));
  // The mass straddles 0: 1 - P(Z < a) - P(Z > b).
  const tails = Math.exp(logQ(-a)) + Math.exp(logQ(b));
  return Math.log1p(-Math.min(tails, 1 - 1e-300));
}

function logSumExp(xs: readonly number[]): number {
  let m = Number.NEGATIVE_INFINITY;
  for (const x of xs) if (x > m) m = x;
  if (m === Number.NEGATIVE_INFINITY) return m;
  let s = 0;
  for (const x of xs) s += Math.exp(x - m);
  return m + Math.log(s);
}

/**
 * Optuna's default observation weights: equal below 25 observations; beyond, the 25 newest weigh 1
 * and older ones ramp linearly from 1/n up to 1 (older evidence counts less).
 *
 * @param n - Number of observations, oldest first.
 * @returns Their weights.
 */
export function defaultWeights(n: number): number[] {
  if (n < 25) return Array.from({ length: n }, () => 1);
  const ramp = n - 25;
  const w: number[] = [];
  for (let i = 0; i < ramp; i++) w.push(ramp === 1 ? 1 / n : 1 / n + ((1 - 1 / n) * i) / (ramp - 1));
  for (let i = 0; i < 25; i++) w.push(1);
  return w;
}

/** A truncated-Gaussian mixture on `[low, high]`. */
export class NumericParzen {
  readonly mus: number[];
  readonly sigmas: number[];
  readonly weights: number[];
  private readonly logZ: number[];

  /**
   * @param obs - Observed internal values, oldest first.
   * @param obsWeights - Their weights (same length).
   * @param low - Internal lower bound.
   * @param high - Internal upper bound (> low).
   * @param priorWeight - Weight of the prior kernel (centre of the interval, width = the interval).
   */
  constructor(
    obs: readonly number[],
    obsWeights: readonly number[],
    readonly low: number,
    readonly high: number,
    priorWeight: number,
  ) {
    const range = high - low;
    const n = obs.length;
    const order = obs.map((_, i) => i).sort((i, j) => obs[i] - obs[j]);
    const sorted = order.map((i) => obs[i]);
    const sig = new Array<number>(n);
    for (let k = 0; k < n; k++) {
      // The interval's ends are not neighbours (Optuna's consider_endpoints=False): with two or more
      // observations the outermost kernels take the gap to their inner neighbour.
      const left = k > 0 ? sorted[k] - sorted[k - 1] : n >= 2 ? 0 : sorted[k] - low;
      const right = k < n - 1 ? sorted[k + 1] - sorted[k] : n >= 2 ? 0 : high - sorted[k];
      sig[k] = Math.max(left, right);
    }
    // Optuna counts the prior among the kernels: range / min(100, 1 + (n + 1)).
    const minSigma = range / Math.min(100, n + 2);
    // Kernels stay in observation order (kernel i is observation i in every dimension of a joint model).
    const sigmas = new Array<number>(n);
    order.forEach((i, k) => {
      sigmas[i] = Math.min(range, Math.max(minSigma, sig[k]));
    });
    this.mus = [...obs, (low + high) / 2];
    this.sigmas = [...sigmas, range];
    const w = [...obsWeights, priorWeight];
    const total = w.reduce((a, b) => a + b, 0);
    this.weights = w.map((x) => x / total);
    this.logZ = this.mus.map((m, i) => logNormalMass((low - m) / this.sigmas[i], (high - m) / this.sigmas[i]));
  }

  /** Draws one internal value. */
  sample(rng: Rng): number {
    return this.sampleFrom(pickComponent(this.weights, rng), rng);
  }

  /** Draws one internal value from kernel `k`. */
  sampleFrom(k: number, rng: Rng): number {
    const mu = this.mus[k];
    const s = this.sigmas[k];
    for (let attempt = 0; attempt < 100; attempt++) {
      const x = rng.normal(mu, s);
      if (x >= this.low && x <= this.high) return x;
    }
    return Math.min(this.high, Math.max(this.low, mu));
  }

  /** Each kernel's log density at internal value `x` (without the mixture weights). */
  componentLogPdf(x: number): number[] {
    return this.mus.map((m, i) => {
      const z = (x - m) / this.sigmas[i];
      return -0.5 * z * z - LOG_SQRT_2PI - Math.log(this.sigmas[i]) - this.logZ[i];
    });
  }

  /** Each kernel's log probability of the internal interval `[a, b]` (a discrete value's bin). */
  componentLogMass(a: number, b: number): number[] {
    const lo = Math.max(a, this.low);
    const hi = Math.min(b, this.high);
    return this.mus.map((m, i) => logNormalMass((lo - m) / this.sigmas[i], (hi - m) / this.sigmas[i]) - this.logZ[i]);
  }

  /** Log density at internal value `x`. */
  logPdf(x: number): number {
    return mix(this.weights, this.componentLogPdf(x));
  }

  /** Log probability of the internal interval `[a, b]`. */
  logMass(a: number, b: number): number {
    return mix(this.weights, this.componentLogMass(a, b));
  }
}

/** Index of a kernel drawn with probabilities `weights` (normalised). */
export function pickComponent(weights: readonly number[], rng: Rng): number {
  let u = rng.next();
  let k = 0;
  while (k < weights.length - 1 && u >= weights[k]) {
    u -= weights[k];
    k++;
  }
  return k;
}

/** log Σ w_k exp(terms_k). */
export function mix(weights: readonly number[], terms: readonly number[]): number {
  return logSumExp(terms.map((t, k) => Math.log(weights[k]) + t));
}

/**
 * A mixture of categorical kernels over `k` categories (Optuna's): kernel `i` puts probability
 * proportional to `1 + priorWeight / (n + 1)` on observation `i`'s category and `priorWeight / (n + 1)`
 * on every other; the prior kernel is uniform.
 */
export class CategoricalParzen {
  readonly weights: number[];
  /** `rows[i][c]`: probability of category `c` under kernel `i` (the last row is the prior). */
  readonly rows: number[][];

  /**
   * @param obs - Observed category indices.
   * @param obsWeights - Their weights.
   * @param k - Number of categories.
   * @param priorWeight - Weight of the uniform prior kernel, and the smoothing of the others.
   */
  constructor(obs: readonly number[], obsWeights: readonly number[], k: number, priorWeight: number) {
    const smooth = priorWeight / (obs.length + 1);
    this.rows = obs.map((c) => {
      const row = Array.from({ length: k }, () => smooth);
      row[c] += 1;
      const total = smooth * k + 1;
      return row.map((p) => p / total);
    });
    this.rows.push(Array.from({ length: k }, () => 1 / k));
    const w = [...obsWeights, priorWeight];
    const total = w.reduce((a, b) => a + b, 0);
    this.weights = w.map((x) => x / total);
  }

  /** Draws one index. */
  sample(rng: Rng): number {
    return this.sampleFrom(pickComponent(this.weights, rng), rng);
  }

  /** Draws one index from kernel `i`. */
  sampleFrom(i: number, rng: Rng): number {
    return pickComponent(this.rows[i], rng);
  }

  /** Each kernel's log probability of index `c`. */
  componentLogPdf(c: number): number[] {
    return this.rows.map((r) => Math.log(r[c]));
  }

  /** Log probability of index `c`. */
  logPdf(c: number): number {
    return mix(this.weights, this.componentLogPdf(c));
  }
}
