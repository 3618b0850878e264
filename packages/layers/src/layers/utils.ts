/**
 * Helpers shared by the layer implementations: option validation, the
 * TensorFlow convolution output-size rule, rank checks with messages that
 * name the layer, and dilated kernels for strided convolutions.
 */
import { ConfigError, formatShape, ops, type Shape, ShapeError, type Tensor, type Tensor4D } from '@convkit/core';
import type { Layer } from '../engine/layer';
import { isShapeList } from '../engine/layer';
import { preview } from '../engine/preview';

/** Convolution / pooling padding, with TensorFlow's convention for `'same'`. */
export type PaddingMode = 'valid' | 'same';

/** A positive integer option (at most 2^53 − 1: a larger "integer" such as 1e308 is no size). */
export function positiveInt(owner: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new ConfigError(`${owner}: ${name} must be a positive integer, got ${preview(value)}`);
  }
  return value;
}

/** A boolean option (configs may come from JSON, where `"false"` would otherwise count as true). */
export function optionalBoolean(owner: string, name: string, value: unknown, dflt: boolean): boolean {
  if (value === undefined) return dflt;
  if (typeof value !== 'boolean')
    throw new ConfigError(`${owner}: ${name} must be true or false, got ${preview(value)}`);
  return value;
}

/** An integer option (an axis), within ±2^53. */
export function integer(owner: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new ConfigError(`${owner}: ${name} must be an integer, got ${preview(value)}`);
  }
  return value;
}

/** `3` → `[3, 3]`; `[2, 3]` stays; anything else is a ConfigError. */
export function normalizePair(owner: string, name: string, value: number | readonly number[]): [number, number] {
  const pair = typeof value === 'number' ? [value, value] : value;
  if (!Array.isArray(pair) || pair.length !== 2) {
    throw new ConfigError(`${owner}: ${name} must be a positive integer or a pair of them, got ${preview(value)}`);
  }
  return [positiveInt(owner, name, pair[0]), positiveInt(owner, name, pair[1])];
}

/** Validates `'valid' | 'same'`. */
export function normalizePadding(owner: string, value: unknown): PaddingMode {
  const v = value ?? 'valid';
  if (v !== 'valid' && v !== 'same') {
    throw new ConfigError(`${owner}: padding must be 'valid' or 'same', got ${preview(value)}`);
  }
  return v;
}

/** A float option in a range. */
export function numberInRange(
  owner: string,
  name: string,
  value: unknown,
  min: number,
  max: number,
  { minInclusive = true, maxInclusive = true } = {},
): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (minInclusive ? value >= min : value > min) &&
    (maxInclusive ? value <= max : value < max);
  if (!ok) {
    const range = `${minInclusive ? '[' : '('}${min}, ${max}${maxInclusive ? ']' : ')'}`;
    throw new ConfigError(`${owner}: ${name} must be a number in ${range}, got ${preview(value)}`);
  }
  return value as number;
}

/**
 * Output length of a convolution or pooling window along one axis, as
 * TensorFlow computes it: `'valid'` → ceil((in − kEff + 1) / s), `'same'` →
 * ceil(in / s), with kEff = (k − 1)·d + 1. `null` (unknown) stays `null`.
 */
export function convOutputLength(
  inputLength: number | null,
  kernel: number,
  stride: number,
  padding: PaddingMode,
  dilation = 1,
): number | null {
  if (inputLength === null) return null;
  const effective = (kernel - 1) * dilation + 1;
  return padding === 'same' ? Math.ceil(inputLength / stride) : Math.ceil((inputLength - effective + 1) / stride);
}

/** Requires a single input (not a list). */
export function singleShape(layer: Layer, shape: Shape | Shape[]): Shape {
  if (isShapeList(shape)) {
    throw new ShapeError(`${layer.describe()} takes one input, received ${shape.length}`);
  }
  return shape;
}

/**
 * Requires a single input of `rank` dimensions, e.g.
 * `Conv2D layer "conv2d_1" expects a 4-D input [batch, height, width, channels], received [32, 28, 28]`.
 */
export function expectRank(layer: Layer, shape: Shape | Shape[], rank: number, layout: string): Shape {
  const s = singleShape(layer, shape);
  if (s.length !== rank) {
    throw new ShapeError(`${layer.describe()} expects a ${rank}-D input ${layout}, received ${formatShape(s)}`);
  }
  return s;
}

/** Requires the channel (last) dimension to be known. */
export function knownLastDim(layer: Layer, shape: Shape): number {
  const c = shape[shape.length - 1];
  if (c === null || c === undefined) {
    throw new ShapeError(`${layer.describe()} needs a known last dimension, received ${formatShape(shape)}`);
  }
  return c;
}

/** NHWC layout string used in messages. */
export const NHWC = '[batch, height, width, channels]';

/**
 * The kernel and dilation rate to hand the conv ops. With strides of 1 that is
 * the kernel itself and `dilation` (core's ops train through dilated
 * convolutions); tfjs's conv ops refuse strides and dilations above 1
 * together, so then `d − 1` zeros are inserted between the kernel taps along
 * H and W (reshape, pad, slice: differentiable) and the conv runs undilated.
 */
export function dilatedConv(
  kernel: Tensor,
  strides: readonly [number, number],
  dilation: readonly [number, number],
): { kernel: Tensor4D; dilations: [number, number] } {
  const [dh, dw] = dilation;
  if ((dh === 1 && dw === 1) || (strides[0] === 1 && strides[1] === 1)) {
    return { kernel: kernel as Tensor4D, dilations: [dh, dw] };
  }
  const [kh, kw, a, b] = kernel.shape;
  const k6 = ops.reshape(kernel, [kh, 1, kw, 1, a, b]);
  const padded = ops.pad(k6, [
    [0, 0],
    [0, dh - 1],
    [0, 0],
    [0, dw - 1],
    [0, 0],
    [0, 0],
  ]);
  const k4 = ops.reshape(padded, [kh * dh, kw * dw, a, b]);
  const kernel4 = ops.slice(k4, [0, 0, 0, 0], [(kh - 1) * dh + 1, (kw - 1) * dw + 1, a, b]) as Tensor4D;
  return { kernel: kernel4, dilations: [1, 1] };
}

/** Spatial output size for 4-D NHWC input, throwing a ShapeError when the window does not fit. */
export function spatialOutput(
  layer: Layer,
  shape: Shape,
  kernel: readonly [number, number],
  strides: readonly [number, number],
  padding: PaddingMode,
  dilation: readonly [number, number] = [1, 1],
): [number | null, number | null] {
  const h = convOutputLength(shape[1], kernel[0], strides[0], padding, dilation[0]);
  const w = convOutputLength(shape[2], kernel[1], strides[1], padding, dilation[1]);
  if ((h !== null && h <= 0) || (w !== null && w <= 0)) {
    const eff = [(kernel[0] - 1) * dilation[0] + 1, (kernel[1] - 1) * dilation[1] + 1];
    throw new ShapeError(
      `${layer.describe()}: input ${formatShape(shape)} is smaller than its ${eff[0]}×${eff[1]} window with 'valid' padding`,
    );
  }
  return [h, w];
}

/** The one tensor of a single-input layer's call. */
export function singleTensor(layer: Layer, inputs: Tensor | Tensor[]): Tensor {
  if (Array.isArray(inputs)) {
    if (inputs.length === 1) return inputs[0];
    throw new ShapeError(`${layer.describe()} takes one input, received ${inputs.length}`);
  }
  return inputs;
}
