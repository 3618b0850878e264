import type { Shape, Tensor, Tensor4D } from '@convkit/core';
import { Layer, type LayerArgs } from '../engine/layer';
import type { CallContext } from '../engine/types';
import { checkDataFormat } from './conv2d';
import {
  expectRank,
  NHWC,
  normalizePadding,
  normalizePair,
  type PaddingMode,
  singleTensor,
  spatialOutput,
} from './utils';

/** Options of `MaxPool2D` and `AvgPool2D` (Keras names). */
export interface Pooling2DArgs extends LayerArgs {
  /**
   * Window height and width. Default 2.
   *
   * @defaultValue `2`
   */
  poolSize?: number | [number, number];
  /**
   * Default: `poolSize`.
   *
   * @defaultValue `poolSize`
   */
  strides?: number | [number, number];
  /**
   * Default `'valid'`. With `'same'`, average pooling counts only the real (unpadded) elements, as TensorFlow does.
   *
   * @defaultValue `'valid'`
   */
  padding?: PaddingMode;
  /** Only `'channelsLast'` is supported. */
  dataFormat?: 'channelsLast';
}

/** Shared base of the 2-D window pooling layers; subclasses supply the pooling op. */
export abstract class Pooling2D extends Layer {
  /** Window height and width. */
  readonly poolSize: [number, number];
  /** Step between windows, `[rows, cols]`. */
  readonly strides: [number, number];
  /** Padding mode, `'valid'` or `'same'`. */
  readonly padding: PaddingMode;

  /**
   * @param args - `poolSize` (default 2), `strides` (default `poolSize`), `padding` (default `'valid'`); see {@link Pooling2DArgs}.
   * @throws {ConfigError} when an option is invalid.
   */
  constructor(args: Pooling2DArgs = {}) {
    super(args);
    const d = this.describe();
    this.poolSize = normalizePair(d, 'poolSize', args.poolSize ?? 2);
    this.strides = normalizePair(d, 'strides', args.strides ?? this.poolSize);
    this.padding = normalizePadding(d, args.padding);
    checkDataFormat(d, args.dataFormat);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = expectRank(this, inputShape, 4, NHWC);
    const [h, w] = spatialOutput(this, s, this.poolSize, this.strides, this.padding);
    return [s[0], h, w, s[3]];
  }

  /** The pooling op on a checked NHWC tensor. */
  protected abstract pool(x: Tensor4D): Tensor;

  call(inputs: Tensor | Tensor[], _ctx: CallContext): Tensor {
    const x = singleTensor(this, inputs);
    this.computeOutputShape(x.shape);
    return this.pool(x as Tensor4D);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), poolSize: this.poolSize, strides: this.strides, padding: this.padding };
  }
}
