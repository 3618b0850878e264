import { formatShape, ops, type Shape, ShapeError, type Tensor } from '@convkit/core';
import type { LayerArgs } from '../engine/layer';
import type { CallContext } from '../engine/types';
import { Merge } from './merge';
import { integer } from './utils';

/** Options of `Concatenate`. */
export interface ConcatenateArgs extends LayerArgs {
  /**
   * Axis to join along. Default -1 (channels).
   *
   * @defaultValue `-1`
   */
  axis?: number;
}

/** Joins two or more inputs along `axis`; every other dimension must match. */
export class Concatenate extends Merge {
  static override readonly className = 'Concatenate';

  /** The feature axis. */
  readonly axis: number;

  constructor(args: ConcatenateArgs = {}) {
    super(args);
    this.axis = integer(this.describe(), 'axis', args.axis ?? -1);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shapes = this.shapeList(inputShape);
    const rank = shapes[0].length;
    const ax = this.axis < 0 ? rank + this.axis : this.axis;
    const list = shapes.map(formatShape).join(', ');
    if (ax < 1 || ax >= rank) {
      throw new ShapeError(`${this.describe()}: axis ${this.axis} is out of range for inputs ${list}`);
    }
    const out = [...shapes[0]];
    out[ax] = 0;
    for (const s of shapes) {
      for (let i = 0; i < rank; i++) {
        if (i === ax) continue;
        if (out[i] !== null && s[i] !== null && out[i] !== s[i]) {
          throw new ShapeError(
            `${this.describe()} expects inputs that match on every axis but ${this.axis}, received ${list}`,
          );
        }
        if (out[i] === null) out[i] = s[i];
      }
      out[ax] = out[ax] === null || s[ax] === null ? null : (out[ax] as number) + (s[ax] as number);
    }
    return out;
  }

  call(inputs: Tensor | Tensor[], _ctx: CallContext): Tensor {
    const list = this.tensorList(inputs);
    this.computeOutputShape(list.map((t) => t.shape));
    return ops.concat(list, this.axis < 0 ? list[0].rank + this.axis : this.axis);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), axis: this.axis };
  }
}
