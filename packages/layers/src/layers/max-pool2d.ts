import { ops, type Tensor, type Tensor4D } from '@convkit/core';
import { Pooling2D, type Pooling2DArgs } from './pooling2d';

/**
 * Max over `poolSize` windows of an NHWC input. Keras `MaxPooling2D`.
 *
 * @example
 * ```ts
 * import { MaxPool2D } from '@convkit/layers';
 *
 * const pool = new MaxPool2D({ poolSize: 2 }); // [b, 28, 28, c] → [b, 14, 14, c]
 * ```
 */
export class MaxPool2D extends Pooling2D {
  static override readonly className = 'MaxPool2D';

  constructor(args: Pooling2DArgs = {}) {
    super(args);
  }

  protected pool(x: Tensor4D): Tensor {
    return ops.maxPool(x, this.poolSize, this.strides, this.padding);
  }
}
