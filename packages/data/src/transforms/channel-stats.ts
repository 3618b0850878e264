/** Measuring per-channel mean and standard deviation over a dataset. */
import { ConfigError } from '@convkit/core';
import { describeValue } from '../check';
import type { ImageSample } from '../image-sample';
import type { ChannelStats } from './normalize';

/**
 * Mean and (population) standard deviation of each channel over every pixel of
 * one pass of `dataset`, accumulated in float64. Feed the result to
 * `normalizeChannels`.
 *
 * @param dataset - Image samples (e.g. an {@link ImageDataset}); one pass is read.
 * @returns One mean and one standard deviation per channel.
 * @throws {ConfigError} when `dataset` is not iterable, is empty, or its samples differ in channel count.
 *
 * @example
 * ```ts
 * import { computeChannelStats, normalizeChannels, type ImageDataset } from '@convkit/data';
 *
 * declare const train: ImageDataset;
 * declare const test: ImageDataset;
 * const stats = await computeChannelStats(train);
 * const trainN = train.map(normalizeChannels(stats));
 * const testN = test.map(normalizeChannels(stats)); // the training statistics, never the test set's
 * ```
 */
export async function computeChannelStats(
  dataset: AsyncIterable<ImageSample> | Iterable<ImageSample>,
): Promise<ChannelStats> {
  const d = dataset as Partial<AsyncIterable<ImageSample> & Iterable<ImageSample>> | null;
  if (
    typeof d !== 'object' ||
    d === null ||
    (typeof d[Symbol.asyncIterator] !== 'function' && typeof d[Symbol.iterator] !== 'function')
  ) {
    throw new ConfigError(
      `computeChannelStats: dataset must be a dataset or an iterable of image samples, got ${describeValue(dataset)}`,
    );
  }
  let sum: Float64Array | undefined;
  let sumSq: Float64Array | undefined;
  let n = 0;
  for await (const sample of dataset) {
    const c = sample.shape[2];
    if (!sum || !sumSq) {
      sum = new Float64Array(c);
      sumSq = new Float64Array(c);
    } else if (sum.length !== c) {
      throw new ConfigError(`computeChannelStats: a sample has ${c} channels, earlier ones had ${sum.length}`);
    }
    const img = sample.image;
    for (let i = 0; i < img.length; i += c) {
      for (let ch = 0; ch < c; ch++) {
        const v = img[i + ch];
        sum[ch] += v;
        sumSq[ch] += v * v;
      }
    }
    n += img.length / c;
  }
  if (!sum || !sumSq || n === 0) throw new ConfigError('computeChannelStats: the dataset is empty');
  const mean = Array.from(sum, (s) => s / n);
  const std = Array.from(sumSq, (s, ch) => Math.sqrt(Math.max(0, s / n - mean[ch] * mean[ch])));
  return { mean, std };
}
