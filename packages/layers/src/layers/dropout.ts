import { ConfigError, clone, getRng, ops, Rng, randomBernoulli, type Tensor, tidy } from '@convkit/core';
import type { LayerArgs } from '../engine/layer';
import type { CallContext } from '../engine/types';
import { ElementwiseLayer } from './elementwise';
import { numberInRange } from './utils';

/** Options of `Dropout`. */
export interface DropoutArgs extends LayerArgs {
  /** Fraction of the inputs to drop, in [0, 1). */
  rate: number;
  /**
   * Own seed for the mask stream; default: core's global generator (reset by `setSeed`).
   *
   * @defaultValue core's global generator (see `setSeed`)
   */
  seed?: number;
}

/**
 * Inverted dropout: while training, zeroes each element with probability
 * `rate` and scales the kept ones by `1 / (1 − rate)`, so inference is the
 * identity. Masks come from core's seeded generator, so runs are reproducible
 * with `setSeed`.
 *
 * @example
 * ```ts
 * import { Dense, Dropout } from '@convkit/layers';
 *
 * const head = [new Dense({ units: 128, activation: 'relu' }), new Dropout({ rate: 0.5 }), new Dense({ units: 10, activation: 'softmax' })];
 * ```
 */
export class Dropout extends ElementwiseLayer {
  static override readonly className = 'Dropout';

  /** Fraction of the inputs dropped during training. */
  readonly rate: number;
  /** Own seed, when given. */
  readonly seed?: number;
  private readonly rng?: Rng;

  /**
   * @param args - `rate` in [0, 1) (required) and an optional `seed`.
   * @throws {ConfigError} when `rate` is outside [0, 1) or `seed` is not an integer.
   */
  constructor(args: DropoutArgs) {
    super(args);
    const d = this.describe();
    if (args?.rate === undefined) throw new ConfigError(`${d}: rate is required`);
    this.rate = numberInRange(d, 'rate', args.rate, 0, 1, { maxInclusive: false });
    if (args.seed !== undefined) {
      if (!Number.isSafeInteger(args.seed)) throw new ConfigError(`${d}: seed must be an integer, got ${args.seed}`);
      this.seed = args.seed;
      this.rng = new Rng(args.seed);
    }
  }

  /** Returns a new tensor in every case (a cheap copy at inference), so the caller always owns the output. */
  protected forward(x: Tensor, ctx: CallContext): Tensor {
    if (!ctx.training || this.rate === 0) return clone(x);
    return tidy(() => {
      const keep = 1 - this.rate;
      const mask = randomBernoulli(x.shape, keep, this.rng ?? getRng());
      return ops.mul(x, ops.mul(mask, 1 / keep));
    });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), rate: this.rate, ...(this.seed !== undefined && { seed: this.seed }) };
  }
}
