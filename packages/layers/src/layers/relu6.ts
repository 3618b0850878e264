import { ops, type Tensor } from '@convkit/core';
import type { LayerArgs } from '../engine/layer';
import { ElementwiseLayer } from './elementwise';

/** `min(max(x, 0), 6)`. */
export class ReLU6 extends ElementwiseLayer {
  static override readonly className = 'ReLU6';

  constructor(args: LayerArgs = {}) {
    super(args);
  }

  protected forward(x: Tensor): Tensor {
    return ops.relu6(x);
  }
}
