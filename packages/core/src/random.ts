/**
 * Seeded randomness. One global generator, reset by `setSeed`, drives weight
 * initialisation, shuffling, dropout and augmentation so that two runs with the
 * same seed and the same backend produce identical weights. Random tensors are
 * generated in JavaScript (not by the backend) so they do not depend on which
 * backend is active.
 *
 * The generator is xoshiro128** seeded through splitmix32: small, fast, with a
 * 2^128 period, and trivially portable to the browser — no dependency needed.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { tensor } from '@tensorflow/tfjs-core';
import { ConfigError } from './errors';

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * A seeded pseudo-random generator (xoshiro128**).
 *
 * @example
 * ```ts
 * import { Rng } from '@convkit/core';
 *
 * const rng = new Rng(7);
 * const order = rng.permutation(10); // the same order for every run with seed 7
 * ```
 */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spareNormal: number | null = null;

  /**
   * @param seed - Any finite number; its integer part (mod 2^32) seeds the stream.
   * @throws {ConfigError} when `seed` is not finite.
   */
  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new ConfigError(`Rng seed must be a finite number, got ${seed}`);
    const sm = splitmix32(Math.floor(seed) >>> 0);
    this.s0 = sm();
    this.s1 = sm();
    this.s2 = sm();
    this.s3 = sm();
  }

  /** Next 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.s1 << 9) >>> 0;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    this.s0 >>>= 0;
    this.s1 >>>= 0;
    this.s2 >>>= 0;
    this.s3 >>>= 0;
    return result;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /**
   * Uniform float in [min, max).
   *
   * @param min - Lower bound (inclusive), default 0.
   * @param max - Upper bound (exclusive), default 1.
   * @returns The sample.
   */
  uniform(min = 0, max = 1): number {
    return min + (max - min) * this.next();
  }

  /**
   * Uniform integer in [0, n).
   *
   * @param n - Number of possible values.
   * @returns The sample.
   */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /**
   * Normal sample (Box–Muller, caching the second value).
   *
   * @param mean - Default 0.
   * @param std - Standard deviation, default 1.
   * @returns The sample.
   */
  normal(mean = 0, std = 1): number {
    if (this.spareNormal !== null) {
      const v = this.spareNormal;
      this.spareNormal = null;
      return mean + std * v;
    }
    let u = 0;
    while (u <= Number.EPSILON) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return mean + std * r * Math.cos(2 * Math.PI * v);
  }

  /**
   * Normal sample re-drawn until it lies within two standard deviations.
   *
   * @param mean - Default 0.
   * @param std - Standard deviation, default 1.
   * @returns The sample.
   */
  truncatedNormal(mean = 0, std = 1): number {
    for (;;) {
      const z = this.normal();
      if (Math.abs(z) <= 2) return mean + std * z;
    }
  }

  /**
   * Shuffles `array` in place (Fisher–Yates).
   *
   * @typeParam T - Any indexable array-like (`number[]`, `Int32Array`, ...).
   * @param array - Shuffled in place.
   * @returns `array` itself.
   */
  shuffle<
    T extends {
      /** Number of elements. */
      length: number;
      [i: number]: unknown;
    },
  >(array: T): T {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  }

  /**
   * A random permutation of 0..n-1.
   *
   * @param n - Length.
   * @returns A new array.
   */
  permutation(n: number): Int32Array {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    return this.shuffle(p);
  }

  /**
   * A new generator whose stream is derived from this one (for independent sub-streams).
   *
   * @returns The new generator; this one advances by one draw.
   */
  fork(): Rng {
    return new Rng(this.nextUint32());
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

const DEFAULT_SEED = 42;
let globalSeed = DEFAULT_SEED;
let globalRng = new Rng(DEFAULT_SEED);

/**
 * Sets the global seed. Everything random that is not given its own seed
 * (initialisers, dropout, shuffling, augmentation) draws from this stream.
 *
 * @param seed - An integer.
 * @throws {ConfigError} when `seed` is not an integer.
 *
 * @example
 * ```ts
 * import { setSeed } from '@convkit/core';
 *
 * setSeed(1234); // same seed + same backend = identical weights and batches
 * ```
 */
export function setSeed(seed: number): void {
  if (!Number.isInteger(seed)) throw new ConfigError(`setSeed expects an integer, got ${seed}`);
  globalSeed = seed;
  globalRng = new Rng(seed);
}

/**
 * The seed last given to {@link setSeed}.
 *
 * @returns The seed (42 by default).
 */
export function getSeed(): number {
  return globalSeed;
}

/**
 * The global generator. Prefer {@link rngFrom} when a caller passes its own seed.
 *
 * @returns The generator {@link setSeed} last reset.
 */
export function getRng(): Rng {
  return globalRng;
}

/**
 * A generator for an explicit seed, or the global generator when `seed` is undefined.
 *
 * @param seed - Optional seed.
 * @returns A new {@link Rng}, or the global one.
 * @throws {ConfigError} when `seed` is given and not finite.
 */
export function rngFrom(seed?: number): Rng {
  return seed === undefined ? globalRng : new Rng(seed);
}

function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) throw new ConfigError(`Invalid shape [${shape.join(', ')}] for a random tensor`);
    n *= d;
  }
  return n;
}

/**
 * Float32 tensor of uniform samples in [min, max), drawn in JavaScript (backend-independent).
 *
 * @param shape - Tensor shape.
 * @param min - Lower bound (inclusive), default 0.
 * @param max - Upper bound (exclusive), default 1.
 * @param rng - Generator; default the global one ({@link setSeed}).
 * @returns A new tensor, owned by the caller.
 * @throws {ConfigError} when a dimension is not a non-negative integer.
 */
export function randomUniform(shape: readonly number[], min = 0, max = 1, rng: Rng = globalRng): Tensor {
  const n = sizeOf(shape);
  const values = new Float32Array(n);
  for (let i = 0; i < n; i++) values[i] = rng.uniform(min, max);
  return tensor(values, shape as number[], 'float32');
}

/**
 * Float32 tensor of normal samples, drawn in JavaScript (backend-independent).
 *
 * @param shape - Tensor shape.
 * @param mean - Default 0.
 * @param std - Standard deviation, default 1.
 * @param rng - Generator; default the global one ({@link setSeed}).
 * @returns A new tensor, owned by the caller.
 * @throws {ConfigError} when a dimension is not a non-negative integer.
 */
export function randomNormal(shape: readonly number[], mean = 0, std = 1, rng: Rng = globalRng): Tensor {
  const n = sizeOf(shape);
  const values = new Float32Array(n);
  for (let i = 0; i < n; i++) values[i] = rng.normal(mean, std);
  return tensor(values, shape as number[], 'float32');
}

/**
 * Float32 tensor of normal samples truncated at two standard deviations.
 *
 * @param shape - Tensor shape.
 * @param mean - Default 0.
 * @param std - Standard deviation before truncation, default 1.
 * @param rng - Generator; default the global one ({@link setSeed}).
 * @returns A new tensor, owned by the caller.
 * @throws {ConfigError} when a dimension is not a non-negative integer.
 */
export function truncatedNormal(shape: readonly number[], mean = 0, std = 1, rng: Rng = globalRng): Tensor {
  const n = sizeOf(shape);
  const values = new Float32Array(n);
  for (let i = 0; i < n; i++) values[i] = rng.truncatedNormal(mean, std);
  return tensor(values, shape as number[], 'float32');
}

/**
 * Float32 tensor of 0/1 samples, 1 with probability `p`.
 *
 * @param shape - Tensor shape.
 * @param p - Probability of a 1.
 * @param rng - Generator; default the global one ({@link setSeed}).
 * @returns A new tensor, owned by the caller.
 * @throws {ConfigError} when a dimension is not a non-negative integer.
 */
export function randomBernoulli(shape: readonly number[], p: number, rng: Rng = globalRng): Tensor {
  const n = sizeOf(shape);
  const values = new Float32Array(n);
  for (let i = 0; i < n; i++) values[i] = rng.next() < p ? 1 : 0;
  return tensor(values, shape as number[], 'float32');
}
