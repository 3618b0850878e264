import { ops, type Tensor, tidy } from '@convkit/core';
import type { LayerArgs } from '../engine/layer';
import { ElementwiseLayer } from './elementwise';
import { numberInRange } from './utils';

/** Options of `ReLU` (Keras names). */
export interface ReLUArgs extends LayerArgs {
  /**
   * Upper bound of the output; default none.
   *
   * @defaultValue none
   */
  maxValue?: number | null;
  /**
   * Slope below the threshold. Default 0.
   *
   * @defaultValue `0`
   */
  negativeSlope?: number;
  /**
   * Values below it are "negative". Default 0.
   *
   * @defaultValue `0`
   */
  threshold?: number;
}

/**
 * Rectified linear unit, Keras form:
 * `x ≥ maxValue → maxValue`, `threshold ≤ x < maxValue → x`,
 * otherwise `negativeSlope · (x − threshold)`.
 */
export class ReLU extends ElementwiseLayer {
  static override readonly className: string = 'ReLU';

  /** Upper bound of the output, or `null` for none. */
  readonly maxValue: number | null;
  /** Slope below the threshold. */
  readonly negativeSlope: number;
  /** Values below it are "negative". */
  readonly threshold: number;

  constructor(args: ReLUArgs = {}) {
    super(args);
    const d = this.describe();
    this.maxValue =
      args.maxValue === undefined || args.maxValue === null
        ? null
        : numberInRange(d, 'maxValue', args.maxValue, 0, Number.POSITIVE_INFINITY);
    this.negativeSlope = numberInRange(d, 'negativeSlope', args.negativeSlope ?? 0, 0, Number.POSITIVE_INFINITY);
    this.threshold = numberInRange(
      d,
      'threshold',
      args.threshold ?? 0,
      Number.NEGATIVE_INFINITY,
      Number.POSITIVE_INFINITY,
    );
  }

  protected forward(x: Tensor): Tensor {
    return tidy(() => {
      const { maxValue, negativeSlope, threshold } = this;
      if (negativeSlope === 0 && threshold === 0) {
        if (maxValue === null) return ops.relu(x);
        if (maxValue === 6) return ops.relu6(x);
      }
      let y: Tensor;
      if (negativeSlope === 0 && threshold === 0) y = ops.relu(x);
      else {
        // mask = 1 where x ≥ threshold. Built from `step` (which has a zero gradient)
        // rather than a comparison + `where`, whose condition has no gradient in tfjs.
        const z = ops.sub(x, threshold);
        const mask = ops.sub(1, ops.step(ops.neg(z)));
        y = ops.add(ops.mul(mask, x), ops.mul(ops.sub(1, mask), ops.mul(negativeSlope, z)));
      }
      return maxValue === null ? y : ops.minimum(y, maxValue);
    });
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      maxValue: this.maxValue,
      negativeSlope: this.negativeSlope,
      threshold: this.threshold,
    };
  }
}
