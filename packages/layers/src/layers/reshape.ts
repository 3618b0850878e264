import { ConfigError, formatShape, ops, type Shape, ShapeError, type Tensor } from '@convkit/core';
import { Layer, type LayerArgs } from '../engine/layer';
import { preview } from '../engine/preview';
import type { CallContext } from '../engine/types';
import { singleShape, singleTensor } from './utils';

/** Options of `Reshape`. */
export interface ReshapeArgs extends LayerArgs {
  /** Per-sample target shape (no batch dimension); one entry may be -1 (inferred). */
  targetShape: number[];
}

/** Reshapes each sample to `targetShape`, keeping the batch dimension. */
export class Reshape extends Layer {
  static override readonly className = 'Reshape';

  /** Output shape of one sample. */
  readonly targetShape: number[];

  constructor(args: ReshapeArgs) {
    super(args);
    const d = this.describe();
    const t = args?.targetShape;
    if (!Array.isArray(t) || t.some((v) => !Number.isSafeInteger(v) || (v <= 0 && v !== -1))) {
      throw new ConfigError(
        `${d}: targetShape must be an array of positive integers (one -1 allowed), got ${preview(t)}`,
      );
    }
    if (t.filter((v) => v === -1).length > 1) {
      throw new ConfigError(`${d}: targetShape may contain at most one -1, got ${preview(t)}`);
    }
    this.targetShape = [...t];
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = singleShape(this, inputShape);
    const rest = s.slice(1);
    const known = this.targetShape.filter((v) => v !== -1).reduce((a, b) => a * b, 1);
    const fail = (): never => {
      throw new ShapeError(
        `${this.describe()} cannot reshape an input of shape ${formatShape(s)} to [batch, ${this.targetShape.join(', ')}]`,
      );
    };
    if (rest.some((v) => v === null)) {
      return [s[0], ...this.targetShape.map((v) => (v === -1 ? null : v))];
    }
    const size = (rest as number[]).reduce((a, b) => a * b, 1);
    if (!this.targetShape.includes(-1)) {
      if (size !== known) fail();
      return [s[0], ...this.targetShape];
    }
    if (size % known !== 0) fail();
    return [s[0], ...this.targetShape.map((v) => (v === -1 ? size / known : v))];
  }

  /** Any input whose per-sample size fits the target is accepted. */
  protected override checkInputShape(inputShape: Shape | Shape[]): void {
    this.computeOutputShape(inputShape);
  }

  call(inputs: Tensor | Tensor[], _ctx: CallContext): Tensor {
    const x = singleTensor(this, inputs);
    const out = this.computeOutputShape(x.shape);
    return ops.reshape(x, [x.shape[0], ...(out.slice(1) as number[])]);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), targetShape: this.targetShape };
  }
}
