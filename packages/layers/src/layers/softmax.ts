import { formatShape, type Shape, ShapeError, type Tensor } from '@convkit/core';
import { softmaxAlong } from '../activations';
import type { LayerArgs } from '../engine/layer';
import { ElementwiseLayer } from './elementwise';
import { integer, singleShape } from './utils';

/** Options of `Softmax`. */
export interface SoftmaxArgs extends LayerArgs {
  /**
   * Axis to normalise over. Default -1.
   *
   * @defaultValue `-1`
   */
  axis?: number;
}

/** Softmax over `axis` (any axis). */
export class Softmax extends ElementwiseLayer {
  static override readonly className = 'Softmax';

  /** The feature axis. */
  readonly axis: number;

  constructor(args: SoftmaxArgs = {}) {
    super(args);
    this.axis = integer(this.describe(), 'axis', args.axis ?? -1);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = singleShape(this, inputShape);
    if (this.axis >= s.length || this.axis < -s.length) {
      throw new ShapeError(
        `${this.describe()}: axis ${this.axis} is out of range for an input of shape ${formatShape(s)}`,
      );
    }
    return s;
  }

  protected forward(x: Tensor): Tensor {
    this.computeOutputShape(x.shape);
    return softmaxAlong(x, this.axis);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), axis: this.axis };
  }
}
