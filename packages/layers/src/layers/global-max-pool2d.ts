import { ops, type Tensor } from '@convkit/core';
import { GlobalPooling2D, type GlobalPooling2DArgs } from './global-pooling2d';

/** Max over height and width: `[b, h, w, c]` → `[b, c]`. Keras `GlobalMaxPooling2D`. */
export class GlobalMaxPool2D extends GlobalPooling2D {
  static override readonly className = 'GlobalMaxPool2D';

  constructor(args: GlobalPooling2DArgs = {}) {
    super(args);
  }

  protected reduce(x: Tensor): Tensor {
    return ops.max(x, [1, 2], this.keepDims);
  }
}
