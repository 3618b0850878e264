/**
 * The geometry of the attacks: the steepest-ascent direction of a gradient
 * under each norm, the projection onto the ε-ball around the clean images,
 * the clip to the valid pixel range and the random start. All per image
 * (the first axis is the batch); intermediates go to the caller's scope.
 */
import { ops, randomNormal, randomUniform, rngFrom, type Tensor } from '@convkit/core';
import type { Norm } from './options';

/** Guards the divisions by a norm: an all-zero gradient or perturbation stays zero. */
const TINY = 1e-12;

/** Euclidean norm of each image, shaped `[n, 1, 1, …]` to broadcast against the batch. */
export function perImageNorm(t: Tensor): Tensor {
  const axes = t.shape.map((_, i) => i).slice(1);
  return ops.sqrt(ops.sum(ops.square(t), axes, true));
}

/**
 * The unit step of steepest ascent for `g` under `norm`: `sign(g)` for L∞
 * (each pixel moves by the step size), `g / ‖g‖₂` per image for L2.
 */
export function ascentDirection(g: Tensor, norm: Norm): Tensor {
  if (norm === 'linf') return ops.sign(g);
  return ops.div(g, ops.add(perImageNorm(g), TINY));
}

/**
 * `adv` moved to the nearest point of the ε-ball around `x` (L∞: each pixel
 * within ±ε; L2: the perturbation scaled down to length ε when longer), then
 * clipped to `clip`. With `x` inside `clip` the result lies in both sets.
 */
export function project(
  adv: Tensor,
  x: Tensor,
  eps: number,
  norm: Norm,
  clip: readonly [number, number] | null,
): Tensor {
  let out: Tensor;
  if (norm === 'linf') {
    out = ops.minimum(ops.maximum(adv, ops.sub(x, eps)), ops.add(x, eps));
  } else {
    const delta = ops.sub(adv, x);
    const scale = ops.minimum(ops.div(eps, ops.add(perImageNorm(delta), TINY)), 1);
    out = ops.add(x, ops.mul(delta, scale));
  }
  return clip ? ops.clipByValue(out, clip[0], clip[1]) : out;
}

/**
 * `x` plus a random point of the ε-ball (L∞: uniform per pixel; L2: a
 * uniformly random direction with a length uniform in [0, ε]), clipped.
 */
export function randomStart(
  x: Tensor,
  eps: number,
  norm: Norm,
  clip: readonly [number, number] | null,
  seed?: number,
): Tensor {
  const rng = rngFrom(seed);
  let delta: Tensor;
  if (norm === 'linf') {
    delta = randomUniform(x.shape, -eps, eps, rng);
  } else {
    const dir = randomNormal(x.shape, 0, 1, rng);
    const radius = ops.reshape(randomUniform([x.shape[0]], 0, eps, rng), [
      x.shape[0],
      ...x.shape.slice(1).map(() => 1),
    ]);
    delta = ops.mul(ops.div(dir, ops.add(perImageNorm(dir), TINY)), radius);
  }
  const out = ops.add(x, delta);
  return clip ? ops.clipByValue(out, clip[0], clip[1]) : out;
}
