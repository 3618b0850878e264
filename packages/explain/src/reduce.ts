/** Channel reductions: a per-channel attribution `[N, H, W, C]` to a map `[N, H, W]`. */
import { ConfigError, ops, type Tensor } from '@convkit/core';
import type { ChannelReduction } from './types';

const REDUCTIONS: Record<ChannelReduction, (t: Tensor) => Tensor> = {
  sum: (t) => ops.sum(t, -1),
  maxAbs: (t) => ops.max(ops.abs(t), -1),
  sumAbs: (t) => ops.sum(ops.abs(t), -1),
  l2: (t) => ops.sqrt(ops.sum(ops.square(t), -1)),
};

/** The reduction called `name`. @throws ConfigError for an unknown name, listing the known ones. */
export function channelReduction(method: string, name: ChannelReduction): (t: Tensor) => Tensor {
  const fn = Object.hasOwn(REDUCTIONS, name) ? REDUCTIONS[name] : undefined;
  if (!fn) {
    throw new ConfigError(
      `${method}: unknown channel reduction '${name}'; known: ${Object.keys(REDUCTIONS).join(', ')}`,
    );
  }
  return fn;
}
