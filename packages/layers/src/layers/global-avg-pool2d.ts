import { ops, type Tensor } from '@convkit/core';
import { GlobalPooling2D, type GlobalPooling2DArgs } from './global-pooling2d';

/** Mean over height and width: `[b, h, w, c]` → `[b, c]`. Keras `GlobalAveragePooling2D`. */
export class GlobalAvgPool2D extends GlobalPooling2D {
  static override readonly className = 'GlobalAvgPool2D';

  constructor(args: GlobalPooling2DArgs = {}) {
    super(args);
  }

  protected reduce(x: Tensor): Tensor {
    return ops.mean(x, [1, 2], this.keepDims);
  }
}
