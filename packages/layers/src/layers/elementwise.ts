import type { Shape, Tensor } from '@convkit/core';
import { Layer } from '../engine/layer';
import type { CallContext } from '../engine/types';
import { singleShape, singleTensor } from './utils';

/** Base of the shape-preserving single-input layers (activations, dropout): any shape, any batch. */
export abstract class ElementwiseLayer extends Layer {
  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return singleShape(this, inputShape);
  }

  /** Element-wise layers accept any shape on every call. */
  protected override checkInputShape(inputShape: Shape | Shape[]): void {
    singleShape(this, inputShape);
  }

  /** The computation on the single input. */
  protected abstract forward(x: Tensor, ctx: CallContext): Tensor;

  call(inputs: Tensor | Tensor[], ctx: CallContext): Tensor {
    return this.forward(singleTensor(this, inputs), ctx);
  }
}
