/**
 * SmoothGrad (Smilkov et al., 2017): the gradient averaged over copies of
 * the image with Gaussian noise added, which removes much of the speckle of
 * a plain gradient map.
 */
import { ConfigError, ops, randomNormal, rngFrom, type Tensor, tidy } from '@convkit/core';
import type { LayersModel } from '@convkit/layers';
import { checkCall, checkTarget, finiteNumber, positiveInt } from './checks';
import { channelReduction } from './reduce';
import { inputGradients, targetMask } from './scores';
import type { BatchedOptions, ChannelReduction } from './types';

/** Options of `smoothGrad`. */
export interface SmoothGradOptions extends BatchedOptions {
  /** Noisy copies per image. Default 25. */
  samples?: number;
  /** Noise standard deviation as a fraction of each image's value range (max − min). Default 0.15. */
  noiseLevel?: number;
  /** Seed of the noise; default: the global stream (`setSeed`). */
  seed?: number;
  /** How the averaged gradient's channels make one map; default `'maxAbs'`. */
  channels?: ChannelReduction;
}

/**
 * SmoothGrad: the mean gradient of the class score over `samples` noisy
 * copies of each image (noise σ = `noiseLevel` × the image's value range),
 * reduced over the channels. The noisy copies of one image share its target
 * (by default the class predicted for the clean image).
 *
 * @param model - a classifier whose output is `[N, classes]`.
 * @param images - float32 batch `[N, H, W, C]` the model takes.
 * @param options - `samples`, `noiseLevel`, `seed`, `target`, `channels`, `batchSize`.
 * @returns a map `[N, H, W]` the caller owns.
 * @throws ShapeError for images of the wrong shape; ConfigError for a bad target or option.
 */
export async function smoothGrad(model: LayersModel, images: Tensor, options: SmoothGradOptions = {}): Promise<Tensor> {
  const method = 'smoothGrad';
  const call = checkCall(method, model, images, options.score);
  const targets = checkTarget(method, options.target, call);
  const reduce = channelReduction(method, options.channels ?? 'maxAbs');
  const samples = positiveInt(method, 'samples', options.samples, 25);
  const batchSize = positiveInt(method, 'batchSize', options.batchSize, 32);
  const noiseLevel = finiteNumber(method, 'noiseLevel', options.noiseLevel, 0.15);
  if (noiseLevel < 0) throw new ConfigError(`${method}: noiseLevel must be ≥ 0; got ${noiseLevel}`);
  const rng = rngFrom(options.seed);
  const { n, height, width, channels } = call;
  const mask = targetMask(model, images, call.classes, targets);
  const maps: Tensor[] = [];
  let total: Tensor | undefined;
  let result: Tensor | undefined;
  try {
    for (let i = 0; i < n; i++) {
      for (let start = 0; start < samples; start += batchSize) {
        const size = Math.min(batchSize, samples - start);
        const next = tidy(() => {
          const image = ops.slice(images, [i, 0, 0, 0], [1, -1, -1, -1]);
          const sigma = ops.mul(ops.sub(ops.max(image), ops.min(image)), noiseLevel);
          const noise = ops.mul(randomNormal([size, height, width, channels], 0, 1, rng), sigma);
          const rows = ops.tile(ops.slice(mask, [i, 0], [1, -1]), [size, 1]);
          const sum = ops.sum(inputGradients(model, ops.add(image, noise), rows, batchSize, call.logits), 0);
          return total ? ops.add(total, sum) : sum;
        });
        total?.dispose();
        total = next;
      }
      const mean = total!;
      total = undefined;
      maps.push(tidy(() => reduce(ops.expandDims(ops.div(mean, samples), 0))));
      mean.dispose();
    }
    result = maps.length === 1 ? maps[0] : tidy(() => ops.concat(maps, 0));
    return result;
  } finally {
    mask.dispose();
    total?.dispose();
    for (const m of maps) if (m !== result) m.dispose();
  }
}
