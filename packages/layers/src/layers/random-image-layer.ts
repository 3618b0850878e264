/**
 * The base of the Keras-style preprocessing layers (`RandomFlip`,
 * `RandomRotation`, `RandomZoom`, `RandomTranslation`, `RandomContrast`):
 * NHWC batches in, the same shape out; random while training (`fit` passes
 * `training: true`, as it does to `Dropout`), the identity in `predict`,
 * `evaluate` and plain `apply`. Draws come from the layer's own seeded
 * generator, or from core's global one (reset by `setSeed`).
 */
import { ConfigError, clone, getRng, ops, Rng, type Shape, type Tensor } from '@convkit/core';
import { Layer, type LayerArgs } from '../engine/layer';
import { preview } from '../engine/preview';
import type { CallContext } from '../engine/types';
import { expectRank, NHWC, singleTensor } from './utils';

/** Options every preprocessing layer accepts. */
export interface RandomImageLayerArgs extends LayerArgs {
  /**
   * Own seed for the layer's random draws; default: core's global generator (reset by `setSeed`).
   *
   * @defaultValue core's global generator (see `setSeed`)
   */
  seed?: number;
}

/** Base class of the random image layers: rank-4 input, identity outside training. */
export abstract class RandomImageLayer extends Layer {
  /** Own seed, when given. */
  readonly seed?: number;
  private readonly ownRng?: Rng;

  /**
   * @param args - `seed` plus the common layer options.
   * @throws {ConfigError} when `seed` is not an integer.
   */
  constructor(args: RandomImageLayerArgs = {}) {
    super(args);
    const seed = (args as RandomImageLayerArgs | undefined)?.seed;
    if (seed !== undefined) {
      if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
        throw new ConfigError(`${this.describe()}: seed must be an integer, got ${preview(seed)}`);
      }
      this.seed = seed;
      this.ownRng = new Rng(seed);
    }
  }

  /** The generator of this call's draws. */
  protected rng(): Rng {
    return this.ownRng ?? getRng();
  }

  /** Requires `[batch, height, width, channels]`. */
  override build(inputShape: Shape | Shape[]): void {
    expectRank(this, inputShape, 4, NHWC);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return expectRank(this, inputShape, 4, NHWC);
  }

  protected override checkInputShape(inputShape: Shape | Shape[]): void {
    expectRank(this, inputShape, 4, NHWC);
    super.checkInputShape(inputShape);
  }

  /**
   * A copy of the input outside training (the caller always owns the output); the augmented batch while training.
   *
   * @param inputs - One `[batch, height, width, channels]` tensor.
   * @param ctx - `training`: true inside `fit`.
   * @returns A new tensor of the input's shape.
   */
  call(inputs: Tensor | Tensor[], ctx: CallContext): Tensor {
    const x = singleTensor(this, inputs);
    if (!ctx.training || x.shape[0] === 0) return clone(x);
    if (x.dtype === 'float32') return this.augment(x);
    const f = ops.cast(x, 'float32');
    try {
      return this.augment(f);
    } finally {
      f.dispose();
    }
  }

  /**
   * The random change of a float32 `[batch, height, width, channels]` batch, drawn from `this.rng()`.
   *
   * @param x - The batch (the caller keeps it).
   * @returns A new tensor of the same shape; intermediates freed.
   */
  protected abstract augment(x: Tensor): Tensor;

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), ...(this.seed !== undefined && { seed: this.seed }) };
  }
}
