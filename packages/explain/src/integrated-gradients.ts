/**
 * Integrated Gradients (Sundararajan et al., 2017): the gradient integrated
 * along the straight path from a baseline image to the image, times the
 * difference between them. The attributions of an image sum to f(image) −
 * f(baseline) up to the integration error (completeness), which the midpoint
 * rule used here shrinks roughly as 1/steps².
 */
import { ConfigError, fill, formatShape, ops, ShapeError, type Tensor, tensor1d, tidy } from '@convkit/core';
import type { LayersModel } from '@convkit/layers';
import { type CheckedCall, checkCall, checkTarget, positiveInt } from './checks';
import { channelReduction } from './reduce';
import { inputGradients, targetMask } from './scores';
import type { BatchedOptions, ChannelReduction } from './types';

/** Options of `integratedGradients`. */
export interface IntegratedGradientsOptions extends BatchedOptions {
  /**
   * The reference image the path starts from: a number (every pixel; default
   * 0, a black image), one image `[H, W, C]` for all, or one per image
   * `[N, H, W, C]`. The caller keeps ownership of a tensor.
   */
  baseline?: number | Tensor;
  /** Points on the path (midpoint rule). Default 32; the gradients of `batchSize` points are taken at once. */
  steps?: number;
  /** How the channels make one map; default `'sum'`, which keeps completeness. */
  channels?: ChannelReduction;
}

/**
 * Integrated Gradients of each image's class score. With `channels: 'sum'`
 * (the default) the map of an image sums to f(image) − f(baseline) within
 * the integration error, where f is the model's output for the target class.
 *
 * @param model - a classifier whose output is `[N, classes]`.
 * @param images - float32 batch `[N, H, W, C]` the model takes.
 * @param options - `baseline` (default 0), `steps` (default 32), `batchSize` (points per pass, default 32), `target`, `channels`.
 * @returns a signed map `[N, H, W]` the caller owns.
 * @throws ShapeError for images or a baseline of the wrong shape; ConfigError for a bad target or option.
 * @example
 * ```ts no-run
 * const maps = await integratedGradients(model, images, { baseline: 0, steps: 64 });
 * ```
 */
export async function integratedGradients(
  model: LayersModel,
  images: Tensor,
  options: IntegratedGradientsOptions = {},
): Promise<Tensor> {
  const method = 'integratedGradients';
  const call = checkCall(method, model, images, options.score);
  const targets = checkTarget(method, options.target, call);
  const reduce = channelReduction(method, options.channels ?? 'sum');
  const steps = positiveInt(method, 'steps', options.steps, 32);
  const batchSize = positiveInt(method, 'batchSize', options.batchSize, 32);
  const baselineOf = baselineSlicer(method, options.baseline ?? 0, images, call);
  const alphas = Array.from({ length: steps }, (_, k) => (k + 0.5) / steps);
  const mask = targetMask(model, images, call.classes, targets);
  const maps: Tensor[] = [];
  let total: Tensor | undefined;
  let result: Tensor | undefined;
  try {
    for (let i = 0; i < call.n; i++) {
      for (let start = 0; start < steps; start += batchSize) {
        const size = Math.min(batchSize, steps - start);
        const next = tidy(() => {
          const image = ops.slice(images, [i, 0, 0, 0], [1, -1, -1, -1]);
          const base = baselineOf(i);
          const a = ops.reshape(tensor1d(alphas.slice(start, start + size)), [size, 1, 1, 1]);
          const path = ops.add(base, ops.mul(a, ops.sub(image, base)));
          const rows = ops.tile(ops.slice(mask, [i, 0], [1, -1]), [size, 1]);
          const sum = ops.sum(inputGradients(model, path, rows, batchSize, call.logits), 0, true);
          return total ? ops.add(total, sum) : sum;
        });
        total?.dispose();
        total = next;
      }
      const gradSum = total!;
      total = undefined;
      maps.push(
        tidy(() => {
          const image = ops.slice(images, [i, 0, 0, 0], [1, -1, -1, -1]);
          return reduce(ops.mul(ops.sub(image, baselineOf(i)), ops.div(gradSum, steps)));
        }),
      );
      gradSum.dispose();
    }
    result = maps.length === 1 ? maps[0] : tidy(() => ops.concat(maps, 0));
    return result;
  } finally {
    mask.dispose();
    total?.dispose();
    for (const m of maps) if (m !== result) m.dispose();
  }
}

/** Checks the baseline and returns a function giving image i's baseline `[1, H, W, C]` (in the caller's scope). */
function baselineSlicer(method: string, baseline: number | Tensor, images: Tensor, call: CheckedCall) {
  if (typeof baseline === 'number') {
    if (!Number.isFinite(baseline)) throw new ConfigError(`${method}: baseline must be finite; got ${baseline}`);
    return (_i: number) => fill([1, call.height, call.width, call.channels], baseline);
  }
  const image = images.shape.slice(1);
  const shape = baseline.shape;
  const same = (a: number[], b: number[]) => a.length === b.length && a.every((d, k) => d === b[k]);
  if (same(shape, image)) return (_i: number) => ops.expandDims(baseline, 0);
  if (same(shape, images.shape)) return (i: number) => ops.slice(baseline, [i, 0, 0, 0], [1, -1, -1, -1]);
  throw new ShapeError(
    `${method}: baseline must be a number, one image ${formatShape(image)} or one per image ${formatShape(images.shape)}; received ${formatShape(shape)}`,
  );
}
