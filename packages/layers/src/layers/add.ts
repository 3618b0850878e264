import { formatShape, ops, type Shape, ShapeError, type Tensor } from '@convkit/core';
import type { LayerArgs } from '../engine/layer';
import type { CallContext } from '../engine/types';
import { Merge } from './merge';

/** Element-wise sum of two or more inputs of the same shape (residual connections). */
export class Add extends Merge {
  static override readonly className = 'Add';

  constructor(args: LayerArgs = {}) {
    super(args);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shapes = this.shapeList(inputShape);
    const out = [...shapes[0]];
    for (const s of shapes.slice(1)) {
      for (let i = 0; i < out.length; i++) {
        if (out[i] !== null && s[i] !== null && out[i] !== s[i]) {
          throw new ShapeError(
            `${this.describe()} expects inputs of the same shape, received ${shapes.map(formatShape).join(', ')}`,
          );
        }
        if (out[i] === null) out[i] = s[i];
      }
    }
    return out;
  }

  call(inputs: Tensor | Tensor[], _ctx: CallContext): Tensor {
    const list = this.tensorList(inputs);
    this.computeOutputShape(list.map((t) => t.shape));
    return ops.addN(list);
  }
}
