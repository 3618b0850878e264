/**
 * Vanilla gradient saliency (Simonyan et al., 2014) and gradient × input
 * (Shrikumar et al., 2016): how much the class score changes when a pixel
 * changes, and that sensitivity weighted by the pixel's value.
 */
import { ops, type Tensor, tidy } from '@convkit/core';
import type { LayersModel } from '@convkit/layers';
import { checkCall, checkTarget, positiveInt } from './checks';
import { channelReduction } from './reduce';
import { inputGradients, targetMask } from './scores';
import type { BatchedOptions, ChannelReduction } from './types';

/** Options of `saliency`. */
export interface SaliencyOptions extends BatchedOptions {
  /** How the gradient's channels make one map; default `'maxAbs'` (the largest magnitude). */
  channels?: ChannelReduction;
}

/** Options of `gradientTimesInput`. */
export interface GradientTimesInputOptions extends BatchedOptions {
  /** How the channels make one map; default `'sum'` (signed). */
  channels?: ChannelReduction;
}

/**
 * Gradient saliency: the gradient of each image's class score with respect
 * to its pixels, reduced over the channels (by default the largest
 * magnitude). Bright pixels are those whose small change moves the score
 * most.
 *
 * @param model - a classifier whose output is `[N, classes]`.
 * @param images - float32 batch `[N, H, W, C]` the model takes.
 * @param options - `target` (default: predicted class), `channels`, `batchSize`.
 * @returns a map `[N, H, W]` the caller owns (dispose it).
 * @throws ShapeError when `images` is not `[N, H, W, C]` or not the model's input shape; ConfigError for a bad target or option.
 * @example
 * ```ts no-run
 * const maps = await saliency(model, images); // [N, H, W]
 * ```
 */
export async function saliency(model: LayersModel, images: Tensor, options: SaliencyOptions = {}): Promise<Tensor> {
  const method = 'saliency';
  const call = checkCall(method, model, images, options.score);
  const targets = checkTarget(method, options.target, call);
  const reduce = channelReduction(method, options.channels ?? 'maxAbs');
  const batchSize = positiveInt(method, 'batchSize', options.batchSize, 32);
  return tidy(() => {
    const mask = targetMask(model, images, call.classes, targets);
    return reduce(inputGradients(model, images, mask, batchSize, call.logits));
  });
}

/**
 * Gradient × input: the gradient of the class score times the pixel values,
 * summed over the channels. For a model that is linear in its input this is
 * exactly each pixel's contribution to the score.
 *
 * @param model - a classifier whose output is `[N, classes]`.
 * @param images - float32 batch `[N, H, W, C]` the model takes.
 * @param options - `target` (default: predicted class), `channels`, `batchSize`.
 * @returns a signed map `[N, H, W]` the caller owns.
 * @throws ShapeError when `images` is not `[N, H, W, C]` or not the model's input shape; ConfigError for a bad target or option.
 */
export async function gradientTimesInput(
  model: LayersModel,
  images: Tensor,
  options: GradientTimesInputOptions = {},
): Promise<Tensor> {
  const method = 'gradientTimesInput';
  const call = checkCall(method, model, images, options.score);
  const targets = checkTarget(method, options.target, call);
  const reduce = channelReduction(method, options.channels ?? 'sum');
  const batchSize = positiveInt(method, 'batchSize', options.batchSize, 32);
  return tidy(() => {
    const mask = targetMask(model, images, call.classes, targets);
    return reduce(ops.mul(inputGradients(model, images, mask, batchSize, call.logits), images));
  });
}
