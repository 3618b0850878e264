/** The shape of every per-sample image transform, and composition. */
import { getRng, Rng } from '@convkit/core';
import type { ImageSample } from '../image-sample';

/** A per-sample image transform, for `dataset.map(transform)`. It never mutates its input. */
export type ImageTransform = (sample: ImageSample) => ImageSample;

/** Options shared by random transforms. */
export interface RandomTransformOptions {
  /**
   * Seed of the transform's own generator: the sequence of random choices is
   * reproducible and changes from epoch to epoch. Without a seed, draws come
   * from the global generator (see `setSeed` in `@convkit/core`).
   */
  seed?: number;
}

/** Applies `transforms` left to right. */
export function compose(...transforms: ImageTransform[]): ImageTransform {
  return (sample) => {
    let s = sample;
    for (const t of transforms) s = t(s);
    return s;
  };
}

/** Returns a function giving the transform's generator: its own for a seed, else the current global one. */
export function rngSource(seed: number | undefined): () => Rng {
  if (seed === undefined) return getRng;
  const own = new Rng(seed);
  return () => own;
}
