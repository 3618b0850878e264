import { ops, type Tensor, type Tensor4D } from '@convkit/core';
import { Pooling2D, type Pooling2DArgs } from './pooling2d';

/**
 * Mean over `poolSize` windows of an NHWC input. Keras `AveragePooling2D`.
 * With `'same'` padding the mean is over the real elements only (TensorFlow's
 * rule), in the forward pass and in core's avgPool gradient.
 *
 * @example
 * ```ts
 * import { AvgPool2D } from '@convkit/layers';
 *
 * const pool = new AvgPool2D({ poolSize: 2, strides: 2, padding: 'same' });
 * ```
 */
export class AvgPool2D extends Pooling2D {
  static override readonly className = 'AvgPool2D';

  constructor(args: Pooling2DArgs = {}) {
    super(args);
  }

  protected pool(x: Tensor4D): Tensor {
    return ops.avgPool(x, this.poolSize, this.strides, this.padding);
  }
}
