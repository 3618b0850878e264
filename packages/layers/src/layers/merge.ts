import { formatShape, type Shape, ShapeError, type Tensor } from '@convkit/core';
import { isShapeList, Layer } from '../engine/layer';

/** Base of the multi-input layers: inputs are `Tensor[]` / `Shape[]` of length ≥ 2. */
export abstract class Merge extends Layer {
  /** Requires a list of at least two shapes of equal rank. */
  protected shapeList(inputShape: Shape | Shape[]): Shape[] {
    if (!isShapeList(inputShape) || inputShape.length < 2) {
      const got = isShapeList(inputShape) ? `${inputShape.length}` : `one of shape ${formatShape(inputShape)}`;
      throw new ShapeError(`${this.describe()} expects a list of at least 2 inputs, received ${got}`);
    }
    const rank = inputShape[0].length;
    if (inputShape.some((s) => s.length !== rank)) {
      throw new ShapeError(
        `${this.describe()} expects inputs of equal rank, received ${inputShape.map(formatShape).join(', ')}`,
      );
    }
    return inputShape;
  }

  /** Requires a list of at least two tensors. */
  protected tensorList(inputs: Tensor | Tensor[]): Tensor[] {
    if (!Array.isArray(inputs) || inputs.length < 2) {
      const got = Array.isArray(inputs) ? `${inputs.length}` : `one of shape ${formatShape(inputs.shape)}`;
      throw new ShapeError(`${this.describe()} expects a list of at least 2 inputs, received ${got}`);
    }
    return inputs;
  }

  /** Merge layers re-check every call's shapes in `computeOutputShape`. */
  protected override checkInputShape(inputShape: Shape | Shape[]): void {
    this.computeOutputShape(inputShape);
  }
}
