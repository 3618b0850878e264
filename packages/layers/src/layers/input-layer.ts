import { ConfigError, clone, formatShape, type Shape, ShapeError, type Tensor } from '@convkit/core';
import { Layer, type LayerArgs, SymbolicTensor } from '../engine/layer';
import { preview } from '../engine/preview';
import type { CallContext } from '../engine/types';
import { singleShape, singleTensor } from './utils';

/** Options of `InputLayer` and `Input`. */
export interface InputLayerArgs extends Omit<LayerArgs, 'inputShape'> {
  /** Shape of one sample, without the batch dimension, e.g. `[28, 28, 1]`. */
  shape?: number[];
  /** Keras alias of `shape`. */
  inputShape?: number[];
  /** Full shape with the batch dimension (`null` for any), e.g. `[null, 28, 28, 1]`. */
  batchInputShape?: Shape;
  /**
   * Fixed batch size; default any.
   *
   * @defaultValue any batch size
   */
  batchSize?: number;
  /** Only `'float32'` is supported. */
  dtype?: 'float32';
}

/**
 * The entry point of a functional model: holds the input shape and passes
 * its input through unchanged (returning a new tensor handle the caller
 * owns). Create it with `Input({ shape })`.
 */
export class InputLayer extends Layer {
  static override readonly className = 'InputLayer';

  /** Fixed batch size, or undefined for any. */
  readonly batchSize?: number;

  constructor(args: InputLayerArgs = {}) {
    const sampleShape = InputLayer.sampleShape(args);
    super({ name: args.name, trainable: args.trainable, inputShape: sampleShape });
    const batch = args.batchSize ?? args.batchInputShape?.[0] ?? undefined;
    if (batch !== undefined && batch !== null) {
      if (!Number.isSafeInteger(batch) || batch <= 0) {
        throw new ConfigError(`${this.describe()}: batchSize must be a positive integer, got ${preview(batch)}`);
      }
      this.batchSize = batch;
    }
    if (args.dtype !== undefined && args.dtype !== 'float32') {
      throw new ConfigError(`${this.describe()}: only dtype 'float32' is supported, got '${args.dtype}'`);
    }
    this.built = true;
    this.builtInputShape = this.outputShape;
  }

  private static sampleShape(args: InputLayerArgs): number[] {
    if (typeof args !== 'object' || args === null) throw new ConfigError('InputLayer: options must be an object');
    const full = args.batchInputShape;
    if (full !== undefined && !Array.isArray(full)) {
      throw new ConfigError(`InputLayer: batchInputShape must be an array, got ${preview(full)}`);
    }
    const given = [args.shape, args.inputShape, full?.slice(1)].filter((s) => s !== undefined);
    if (given.length === 0) {
      throw new ConfigError('InputLayer: one of shape, inputShape or batchInputShape is required');
    }
    const s = given[0] as (number | null)[];
    if (!Array.isArray(s) || s.some((d) => typeof d !== 'number' || !Number.isSafeInteger(d) || d <= 0)) {
      throw new ConfigError(`InputLayer: shape must be an array of positive integers, got ${preview(s)}`);
    }
    return s as number[];
  }

  /** `[batchSize ?? null, ...shape]`. */
  get outputShape(): Shape {
    return [this.batchSize ?? null, ...this.batchInputShape!.slice(1)];
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return singleShape(this, inputShape);
  }

  call(inputs: Tensor | Tensor[], _ctx: CallContext): Tensor {
    const x = singleTensor(this, inputs);
    this.checkInputShape(x.shape);
    return clone(x);
  }

  /** Checks the full per-sample shape (and the batch size when fixed). */
  protected override checkInputShape(inputShape: Shape | Shape[]): void {
    const s = singleShape(this, inputShape);
    const want = this.outputShape;
    if (s.length !== want.length || want.some((d, i) => d !== null && s[i] !== null && d !== s[i])) {
      throw new ShapeError(
        `${this.describe()} expects inputs of shape ${formatShape(want)}, received ${formatShape(s)}`,
      );
    }
  }

  override getConfig(): Record<string, unknown> {
    const { trainable: _t, inputShape: _i, ...rest } = super.getConfig();
    return { ...rest, batchInputShape: this.outputShape, dtype: 'float32' };
  }
}

/**
 * A symbolic model input (functional API): creates an `InputLayer` and
 * returns its output, a `SymbolicTensor` with no inputs.
 *
 * ```ts
 * const x = Input({ shape: [28, 28, 1] });
 * const y = new Dense({ units: 10 }).apply(new Flatten().apply(x));
 * ```
 */
export function Input(opts: InputLayerArgs): SymbolicTensor {
  const layer = new InputLayer(opts);
  return new SymbolicTensor(layer.outputShape, layer, [], layer.name);
}
