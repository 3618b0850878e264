import { formatShape, ops, type Shape, ShapeError, type Tensor } from '@convkit/core';
import { Layer, type LayerArgs } from '../engine/layer';
import type { CallContext } from '../engine/types';
import { singleShape, singleTensor } from './utils';

/** Options of `Flatten`. */
export interface FlattenArgs extends LayerArgs {
  /** Only `'channelsLast'` is supported. */
  dataFormat?: 'channelsLast';
}

/** Flattens every dimension but the batch one: `[b, h, w, c]` → `[b, h·w·c]`. */
export class Flatten extends Layer {
  static override readonly className = 'Flatten';

  /**
   * @param args - Common layer options.
   * @throws {ConfigError} when `name`, `trainable` or `inputShape` is invalid (`dataFormat` is not checked).
   */
  constructor(args: FlattenArgs = {}) {
    super(args);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = singleShape(this, inputShape);
    if (s.length < 1) throw new ShapeError(`${this.describe()} expects an input with a batch dimension, received []`);
    const rest = s.slice(1);
    const size = rest.some((d) => d === null) ? null : (rest as number[]).reduce((a, b) => a * b, 1);
    return [s[0], size];
  }

  /** Any rank is accepted, as long as the per-sample size stays the same. */
  protected override checkInputShape(inputShape: Shape | Shape[]): void {
    const built = this.builtInputShape as Shape | undefined;
    if (!built) return;
    const a = this.computeOutputShape(built)[1];
    const b = this.computeOutputShape(inputShape)[1];
    if (a !== null && b !== null && a !== b) {
      throw new ShapeError(
        `${this.describe()} was built for inputs of shape ${formatShape(built)}, received ${formatShape(singleShape(this, inputShape))}`,
      );
    }
  }

  call(inputs: Tensor | Tensor[], _ctx: CallContext): Tensor {
    const x = singleTensor(this, inputs);
    this.computeOutputShape(x.shape);
    return ops.reshape(x, [x.shape[0], -1]);
  }
}
