/**
 * Random pruning: the baseline that shows what magnitude buys. The same
 * fraction of kernel weights is set to zero, chosen uniformly at random with
 * a seeded generator, and held at zero while the model fine-tunes.
 */
import { ConfigError, Rng } from '@convkit/core';
import type { LayersModel } from '@convkit/layers';
import { MagnitudePruner } from './pruning';
import { randomMasks, selectKernels } from './pruning-masks';
import { ConstantSparsity } from './pruning-schedules';

/** Options of `pruneRandom`. */
export interface PruneRandomOptions {
  /** Fraction of kernel weights set to zero, in [0, 1): exactly `round(sparsity · n)` of them. */
  sparsity: number;
  /**
   * Seed of the random choice; the same seed zeroes the same weights. Default 0.
   *
   * @defaultValue `0`
   */
  seed?: number;
  /**
   * `'global'` (default): the zeros are drawn over all pruned kernels together
   * (each kernel gets its share on average); `'layer'`: `round(sparsity · n)` in every kernel.
   *
   * @defaultValue `'global'`
   */
  scope?: 'layer' | 'global';
  /**
   * Names of the layers to prune. Default: every Conv2D, DepthwiseConv2D, SeparableConv2D and Dense layer.
   *
   * @defaultValue every Conv2D, DepthwiseConv2D, SeparableConv2D and Dense layer
   */
  layers?: string[];
}

/**
 * Prunes a model (in place) at random: zeroes exactly `round(sparsity · n)`
 * kernel weights chosen uniformly (seeded), whatever their magnitude, and
 * returns a pruner whose masks are fixed — pass `pruner.callback()` to `fit`
 * to fine-tune with them held at zero, then `strip()`. Compare it with
 * `pruneOneShot` / `pruneLowMagnitude` at the same sparsity to see what
 * choosing by magnitude is worth.
 *
 * @param model - A trained model; its kernels are pruned in place.
 * @param options - `sparsity` (required), `seed` (default 0), `scope` (default `'global'`), `layers`.
 * @returns The pruner, with fixed random masks.
 * @throws {ConfigError} for an invalid option or an unknown layer name.
 * @example
 * ```ts
 * import { pruneRandom } from '@convkit/compress';
 *
 * const pruner = pruneRandom(model, { sparsity: 0.75, seed: 1 });
 * await model.fit(xTrain, yTrain, { epochs: 1, callbacks: [pruner.callback()] });
 * pruner.strip();
 * ```
 */
export function pruneRandom(model: LayersModel, options: PruneRandomOptions): MagnitudePruner {
  const { sparsity, seed = 0, scope = 'global' } = options;
  if (typeof sparsity !== 'number' || !(sparsity >= 0 && sparsity < 1)) {
    throw new ConfigError(`pruneRandom: sparsity must be in [0, 1), got ${String(sparsity)}`);
  }
  if (scope !== 'layer' && scope !== 'global') {
    throw new ConfigError(`pruneRandom: scope must be 'layer' or 'global', got ${String(scope)}`);
  }
  if (!Number.isFinite(seed)) throw new ConfigError(`pruneRandom: seed must be a finite number, got ${seed}`);
  selectKernels(model, options.layers, 'pruneRandom'); // errors name pruneRandom
  const pruner = new MagnitudePruner(model, {
    // Masks are never recomputed: the random choice holds for the whole fine-tuning.
    schedule: new ConstantSparsity({ targetSparsity: sparsity, beginStep: 0, endStep: 0, frequency: 1 }),
    layers: options.layers,
  });
  const sizes = pruner.weights.map((w) => w.shape.reduce((a, b) => a * b, 1));
  pruner.setMasks(randomMasks(sizes, sparsity, new Rng(seed), scope));
  return pruner;
}
