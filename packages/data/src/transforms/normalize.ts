/** Per-channel standardisation: `(x - mean[c]) / std[c]`. */
import { ConfigError } from '@convkit/core';
import { checkNumberList, checkOptions } from '../check';
import type { ImageTransform } from './transform';

/** Per-channel mean and standard deviation (one entry per channel). */
export interface ChannelStats {
  /** Mean of each channel. */
  mean: readonly number[];
  /** Population standard deviation of each channel. */
  std: readonly number[];
}

/**
 * Standardises each channel with the given statistics (compute them on the
 * training set with `computeChannelStats`, then apply the same ones to
 * validation and test data). Channels with a zero `std` are only centred.
 * Every mean must be finite and every std finite and non-negative (`ConfigError`
 * otherwise), so NaN statistics never reach training.
 *
 * @param stats - Mean and std per channel, from {@link computeChannelStats} on the training set.
 * @returns A transform for `dataset.map`.
 * @throws {ConfigError} when a statistic is not finite or a std is negative; while mapping, when a sample's channel count differs from the statistics'.
 */
export function normalizeChannels(stats: ChannelStats): ImageTransform {
  const fn = 'normalizeChannels';
  const s = checkOptions(fn, stats, 'stats');
  const mean = checkNumberList(fn, 'stats.mean', s.mean);
  const std = checkNumberList(fn, 'stats.std', s.std, { min: 0 });
  if (mean.length !== std.length || mean.length === 0) {
    throw new ConfigError(
      `normalizeChannels: mean has ${mean.length} entries and std ${std.length}; expected one per channel`,
    );
  }
  const inv = std.map((s) => (s > 0 ? 1 / s : 1));
  return (sample) => {
    const c = sample.shape[2];
    if (c !== mean.length) {
      throw new ConfigError(`normalizeChannels: image has ${c} channels, statistics have ${mean.length}`);
    }
    const src = sample.image;
    const image = new Float32Array(src.length);
    for (let i = 0; i < src.length; i++) {
      const ch = i % c;
      image[i] = (src[i] - mean[ch]) * inv[ch];
    }
    return { ...sample, image };
  };
}
