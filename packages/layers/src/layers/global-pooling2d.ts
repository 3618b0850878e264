import type { Shape, Tensor } from '@convkit/core';
import { Layer, type LayerArgs } from '../engine/layer';
import type { CallContext } from '../engine/types';
import { expectRank, NHWC, optionalBoolean, singleTensor } from './utils';

/** Options of `GlobalAvgPool2D` and `GlobalMaxPool2D`. */
export interface GlobalPooling2DArgs extends LayerArgs {
  /**
   * Keep the spatial axes as size 1 (`[b, 1, 1, c]`). Default false (`[b, c]`).
   *
   * @defaultValue `false`
   */
  keepDims?: boolean;
}

/** Shared base of the global pooling layers: reduce H and W of an NHWC input. */
export abstract class GlobalPooling2D extends Layer {
  /** Whether the spatial axes are kept as size 1. */
  readonly keepDims: boolean;

  constructor(args: GlobalPooling2DArgs = {}) {
    super(args);
    this.keepDims = optionalBoolean(this.describe(), 'keepDims', args.keepDims, false);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = expectRank(this, inputShape, 4, NHWC);
    return this.keepDims ? [s[0], 1, 1, s[3]] : [s[0], s[3]];
  }

  /** The reduction over axes [1, 2]. */
  protected abstract reduce(x: Tensor): Tensor;

  call(inputs: Tensor | Tensor[], _ctx: CallContext): Tensor {
    const x = singleTensor(this, inputs);
    this.computeOutputShape(x.shape);
    return this.reduce(x);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), keepDims: this.keepDims };
  }
}
