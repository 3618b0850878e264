/**
 * Reproducible randomness for samplers. A sampler's draws for trial `n` and parameter `name` come
 * from a generator seeded by `(seed, n, name)`, not from one shared stream, so a value does not depend
 * on the order in which parameters were suggested, on how many trials ran before in this process, or
 * on which worker runs the trial — a resumed or distributed study draws what a single run would.
 */
import { Rng } from '@convkit/core';

/** FNV-1a over the UTF-16 code units of `s`, continued from `h`. */
function fnv1a(h: number, s: string): number {
  let x = h >>> 0;
  for (let i = 0; i < s.length; i++) {
    x ^= s.charCodeAt(i);
    x = Math.imul(x, 0x01000193) >>> 0;
  }
  return x;
}

/**
 * A generator determined by `seed` and `keys` (e.g. a trial number and a parameter name).
 *
 * @param seed - The sampler's seed (any finite number).
 * @param keys - What the draw is for.
 * @returns A fresh {@link Rng}.
 */
export function rngFor(seed: number, ...keys: readonly (string | number)[]): Rng {
  let h = fnv1a(0x811c9dc5, String(seed));
  for (const k of keys) h = fnv1a(fnv1a(h, '\u0000'), String(k));
  return new Rng(h);
}

/** A random 31-bit seed from the platform (used when the caller gives none). */
export function freshSeed(): number {
  return Math.floor(Math.random() * 0x7fffffff);
}
