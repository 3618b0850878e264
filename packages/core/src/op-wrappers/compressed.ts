/**
 * Inference ops of compressed models: int8 convolution and matMul (integer
 * kernels with int32 accumulation and requantization) and sparse convolution
 * and matMul (kernels that skip the zero weights).
 *
 * Each op runs a backend's custom kernel when the active backend registers one
 * (`@convkit/backend-wasm` does: `ConvkitQConv2D`, `ConvkitQMatMul`,
 * `ConvkitSparseConv2D`, `ConvkitSparseMatMul`), and otherwise a reference
 * composite of float ops that computes the same values (the int8 ones simulate
 * the integer arithmetic in float32, as `@convkit/compress` does). They are
 * inference-only: no gradient is defined.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, ShapeError } from '../errors';

/** Kernel names of the compressed-inference ops, for backends that implement them. */
export const compressedKernelNames = {
  quantizedConv2d: 'ConvkitQConv2D',
  quantizedMatMul: 'ConvkitQMatMul',
  sparseConv2d: 'ConvkitSparseConv2D',
  sparseMatMul: 'ConvkitSparseMatMul',
  fakeQuantize: 'ConvkitFakeQuantize',
  quantizedSequence: 'ConvkitQSequence',
} as const;

/** Asymmetric per-tensor int8 parameters: `x ≈ (q − zeroPoint) × scale`, q in [−128, 127]. */
export interface Int8Params {
  /** Step between two int8 levels (> 0). */
  scale: number;
  /** The int8 level that represents 0, an integer in [−128, 127]. */
  zeroPoint: number;
}

/** Activation fused into the compressed ops. */
export type CompressedActivation = 'linear' | 'relu';

/** Options of `quantizedConv2d`. */
export interface QuantizedConv2DOptions {
  /** Strides `[sh, sw]` or one number. Default 1. */
  strides?: number | [number, number];
  /** `'valid'` or `'same'`. Default `'valid'`. */
  pad?: 'valid' | 'same';
  /** Dilations `[dh, dw]` or one number. Default 1. */
  dilations?: number | [number, number];
  /** `'linear'` (default) or `'relu'`, applied before the output rounding. */
  activation?: CompressedActivation;
  /** The int8 grid of the input: values are rounded to it (exact when the input already lies on it). */
  input: Int8Params;
  /** Per output channel, the weight scale: the filter holds `q × weightScales[c]`, q an integer in [−127, 127]. */
  weightScales: readonly number[];
  /** When given, the output is rounded to this int8 grid (returned as the float value of each level). */
  output?: Int8Params;
}

/** Options of `quantizedMatMul`. */
export type QuantizedMatMulOptions = Omit<QuantizedConv2DOptions, 'strides' | 'pad' | 'dilations'>;

/** Options of `sparseConv2d`. */
export type SparseConv2DOptions = Pick<QuantizedConv2DOptions, 'strides' | 'pad' | 'dilations' | 'activation'>;

/** @internal */
export function kernelAvailable(name: string): boolean {
  return tf.getKernel(name, tf.getBackend()) !== undefined;
}

/**
 * Whether the active backend runs the compressed ops of `kind` on its own kernels (`'int8'`:
 * `quantizedConv2d` and `quantizedMatMul`; `'sparse'`: `sparseConv2d` and `sparseMatMul`;
 * `'int8-sequence'`: `quantizedSequence`, a whole chain of int8 layers in one kernel) rather
 * than on the float composites. `@convkit/compress` routes layers to these ops only then.
 *
 * @param kind - `'int8'`, `'sparse'` or `'int8-sequence'`.
 * @returns True on `@convkit/backend-wasm`, false on backends without the kernels.
 */
export function compressedKernelsAvailable(kind: 'int8' | 'sparse' | 'int8-sequence'): boolean {
  if (kind === 'int8-sequence') return kernelAvailable(compressedKernelNames.quantizedSequence);
  return kind === 'int8'
    ? kernelAvailable(compressedKernelNames.quantizedConv2d) && kernelAvailable(compressedKernelNames.quantizedMatMul)
    : kernelAvailable(compressedKernelNames.sparseConv2d) && kernelAvailable(compressedKernelNames.sparseMatMul);
}

/** @internal */
export function checkParams(where: string, what: string, p: Int8Params | undefined): void {
  if (p === undefined) return;
  const ok =
    typeof p === 'object' &&
    Number.isFinite(p.scale) &&
    p.scale > 0 &&
    Number.isInteger(p.zeroPoint) &&
    p.zeroPoint >= -128 &&
    p.zeroPoint <= 127;
  if (!ok) {
    throw new ConfigError(
      `${where}: ${what} must be { scale > 0, zeroPoint: integer in [-128, 127] }, got ${JSON.stringify(p)}`,
    );
  }
}

/** @internal */
export function checkActivation(where: string, act: unknown): CompressedActivation {
  const a = act ?? 'linear';
  if (a !== 'linear' && a !== 'relu')
    throw new ConfigError(`${where}: activation must be 'linear' or 'relu', got ${String(a)}`);
  return a;
}

/** @internal */
export function checkScales(where: string, scales: readonly number[], channels: number): void {
  if (!Array.isArray(scales) || scales.length !== channels || !scales.every((s) => Number.isFinite(s) && s > 0)) {
    throw new ConfigError(
      `${where}: weightScales must hold ${channels} positive finite numbers (one per output channel), got ${Array.isArray(scales) ? `${scales.length} values` : String(scales)}`,
    );
  }
}

/** @internal */
export function checkBias(where: string, bias: tf.Tensor | null | undefined, channels: number): void {
  if (bias && (bias.rank !== 1 || bias.shape[0] !== channels)) {
    throw new ShapeError(`${where}: bias must have shape [${channels}], got [${bias.shape.join(', ')}]`);
  }
}

/** @internal */
export function pair(where: string, what: string, v: number | [number, number] | undefined): [number, number] {
  if (v === undefined) return [1, 1];
  const p: [number, number] =
    typeof v === 'number' ? [v, v] : Array.isArray(v) ? [v[0], v[1]] : [Number.NaN, Number.NaN];
  if (!p.every((d) => Number.isInteger(d) && d >= 1) || (Array.isArray(v) && v.length !== 2)) {
    throw new ConfigError(`${where}: ${what} must be a positive integer or a pair of them, got ${JSON.stringify(v)}`);
  }
  return p;
}

/** @internal */
export function checkPad(where: string, pad: unknown): 'valid' | 'same' {
  const p = pad ?? 'valid';
  if (p !== 'valid' && p !== 'same')
    throw new ConfigError(`${where}: pad must be 'valid' or 'same', got ${JSON.stringify(pad)}`);
  return p;
}

/** `(clip(round(y / s) + z, −128, 127) − z) × s`: the value of the int8 level nearest to `y`. */
/** @internal */
export function fakeQuant(y: tf.Tensor, p: Int8Params): tf.Tensor {
  const q = tf.clipByValue(tf.add(tf.round(tf.div(y, p.scale)), p.zeroPoint), -128, 127);
  return tf.mul(tf.sub(q, p.zeroPoint), p.scale);
}

/**
 * Rounds `x` to an int8 grid: `(clip(round(x / scale) + zeroPoint, −128, 127) − zeroPoint) × scale`,
 * the forward pass of fake quantization, in one kernel where the backend has one
 * (`@convkit/backend-wasm`), else as float ops. Inference only: no gradient (for
 * training use a straight-through estimator, as `@convkit/compress` does).
 *
 * @param x - Any float32 tensor.
 * @param params - The grid: `scale` > 0 and an integer `zeroPoint` in [−128, 127].
 * @returns A new tensor of `x`'s shape holding the nearest level of each value.
 * @throws {ConfigError} for bad parameters.
 * @example
 * ```ts
 * const y = ops.fakeQuantize(x, { scale: 0.02, zeroPoint: -128 });
 * ```
 */
export function fakeQuantize<T extends tf.Tensor>(x: T, params: Int8Params): T {
  checkParams('ops.fakeQuantize', 'params', params);
  if (params === undefined) throw new ConfigError('ops.fakeQuantize: params are required');
  if (kernelAvailable(compressedKernelNames.fakeQuantize)) {
    const attrs = { scale: params.scale, zeroPoint: params.zeroPoint };
    return tf.engine().runKernel(compressedKernelNames.fakeQuantize, { x }, attrs as never) as T;
  }
  return tf.tidy(() => fakeQuant(x, params)) as T;
}

function checkConv(where: string, x: tf.Tensor, filter: tf.Tensor): void {
  if (x.rank !== 4 || filter.rank !== 4 || x.shape[3] !== filter.shape[2]) {
    throw new ShapeError(
      `${where}: expects x [batch, height, width, inChannels] and filter [fH, fW, inChannels, outChannels] with equal inChannels, got x [${x.shape.join(', ')}] and filter [${filter.shape.join(', ')}]`,
    );
  }
}

function checkMatMul(where: string, x: tf.Tensor, kernel: tf.Tensor): void {
  if (x.rank !== 2 || kernel.rank !== 2 || x.shape[1] !== kernel.shape[0]) {
    throw new ShapeError(
      `${where}: expects x [rows, inner] and kernel [inner, units], got x [${x.shape.join(', ')}] and kernel [${kernel.shape.join(', ')}]`,
    );
  }
}

/**
 * int8 convolution (NHWC input, HWIO filter) for inference: the input is
 * rounded to its int8 grid, multiplied with the int8 weights in integer
 * arithmetic (int32 accumulation), then scaled back per channel, the bias
 * added, `activation` applied and, with `output`, rounded to the output grid.
 * On `@convkit/backend-wasm` it runs on integer SIMD kernels; elsewhere on a
 * float composite that computes the same values (float rounding aside).
 * No gradient.
 *
 * @param x - Input `[batch, height, width, inChannels]`, float32.
 * @param filter - Filter `[fH, fW, inChannels, outChannels]` holding `q × weightScales[c]`.
 * @param bias - Per-output-channel bias `[outChannels]`, or null.
 * @param options - Geometry, `input`/`output` int8 grids, `weightScales`, `activation`.
 * @returns The output `[batch, outH, outW, outChannels]`, float32.
 * @throws {ShapeError} for inconsistent shapes. {ConfigError} for bad options.
 * @example
 * ```ts
 * const y = ops.quantizedConv2d(x, w, b, {
 *   input: { scale: 1 / 255, zeroPoint: -128 },
 *   weightScales: scales,
 *   activation: 'relu',
 *   output: { scale: 0.05, zeroPoint: -128 },
 * });
 * ```
 */
export function quantizedConv2d(
  x: tf.Tensor4D,
  filter: tf.Tensor4D,
  bias: tf.Tensor1D | null,
  options: QuantizedConv2DOptions,
): tf.Tensor4D {
  const where = 'ops.quantizedConv2d';
  checkConv(where, x, filter);
  const channels = filter.shape[3];
  checkBias(where, bias, channels);
  checkScales(where, options.weightScales, channels);
  checkParams(where, 'input', options.input);
  if (options.input === undefined) throw new ConfigError(`${where}: input (the input's int8 grid) is required`);
  checkParams(where, 'output', options.output);
  const activation = checkActivation(where, options.activation);
  const strides = pair(where, 'strides', options.strides);
  const dilations = pair(where, 'dilations', options.dilations);
  const pad = checkPad(where, options.pad);
  if (kernelAvailable(compressedKernelNames.quantizedConv2d)) {
    const inputs: tf.NamedTensorMap = bias ? { x, filter, bias } : { x, filter };
    const attrs = { strides, pad, dilations, ...quantKernelAttrs(options, activation) };
    return tf.engine().runKernel(compressedKernelNames.quantizedConv2d, inputs, attrs as never) as tf.Tensor4D;
  }
  return tf.tidy(() => {
    const xq = fakeQuant(x, options.input) as tf.Tensor4D;
    const y = tf.fused.conv2d({
      x: xq,
      filter,
      strides,
      pad,
      dilations,
      bias: bias ?? undefined,
      activation,
    });
    return (options.output ? fakeQuant(y, options.output) : y) as tf.Tensor4D;
  });
}

/**
 * int8 matrix product `x · kernel` for inference (a Dense layer): as
 * {@link quantizedConv2d}, with `x` `[rows, inner]` and `kernel` `[inner, units]`
 * holding `q × weightScales[unit]`. No gradient.
 *
 * @param x - `[rows, inner]`, float32.
 * @param kernel - `[inner, units]`, float32 holding the dequantized int8 weights.
 * @param bias - `[units]` or null.
 * @param options - `input`/`output` int8 grids, `weightScales`, `activation`.
 * @returns `[rows, units]`, float32.
 * @throws {ShapeError} for inconsistent shapes. {ConfigError} for bad options.
 */
export function quantizedMatMul(
  x: tf.Tensor2D,
  kernel: tf.Tensor2D,
  bias: tf.Tensor1D | null,
  options: QuantizedMatMulOptions,
): tf.Tensor2D {
  const where = 'ops.quantizedMatMul';
  checkMatMul(where, x, kernel);
  const units = kernel.shape[1];
  checkBias(where, bias, units);
  checkScales(where, options.weightScales, units);
  if (options.input === undefined) throw new ConfigError(`${where}: input (the input's int8 grid) is required`);
  checkParams(where, 'input', options.input);
  checkParams(where, 'output', options.output);
  const activation = checkActivation(where, options.activation);
  if (kernelAvailable(compressedKernelNames.quantizedMatMul)) {
    const inputs: tf.NamedTensorMap = bias ? { x, kernel, bias } : { x, kernel };
    const attrs = quantKernelAttrs(options, activation);
    return tf.engine().runKernel(compressedKernelNames.quantizedMatMul, inputs, attrs as never) as tf.Tensor2D;
  }
  return tf.tidy(() => {
    const xq = fakeQuant(x, options.input) as tf.Tensor2D;
    const y = tf.fused.matMul({ a: xq, b: kernel, bias: bias ?? undefined, activation });
    return (options.output ? fakeQuant(y, options.output) : y) as tf.Tensor2D;
  });
}

/**
 * Convolution with a mostly-zero filter (a pruned layer) for inference, plus
 * bias and activation: the backend's sparse kernel where it has one (it
 * multiplies only the nonzero weights), else the fused dense convolution.
 * Same values as `ops.fused.conv2d` up to float rounding. No gradient.
 *
 * @param x - Input `[batch, height, width, inChannels]`.
 * @param filter - Filter `[fH, fW, inChannels, outChannels]`, mostly zeros.
 * @param bias - `[outChannels]` or null.
 * @param options - Geometry and activation.
 * @returns The output `[batch, outH, outW, outChannels]`.
 * @throws {ShapeError} for inconsistent shapes. {ConfigError} for bad options.
 */
export function sparseConv2d(
  x: tf.Tensor4D,
  filter: tf.Tensor4D,
  bias: tf.Tensor1D | null,
  options: SparseConv2DOptions = {},
): tf.Tensor4D {
  const where = 'ops.sparseConv2d';
  checkConv(where, x, filter);
  checkBias(where, bias, filter.shape[3]);
  const activation = checkActivation(where, options.activation);
  const strides = pair(where, 'strides', options.strides);
  const dilations = pair(where, 'dilations', options.dilations);
  const pad = checkPad(where, options.pad);
  if (kernelAvailable(compressedKernelNames.sparseConv2d)) {
    const inputs: tf.NamedTensorMap = bias ? { x, filter, bias } : { x, filter };
    return tf.engine().runKernel(compressedKernelNames.sparseConv2d, inputs, {
      strides,
      pad,
      dilations,
      activation,
    } as never) as tf.Tensor4D;
  }
  return tf.fused.conv2d({ x, filter, strides, pad, dilations, bias: bias ?? undefined, activation });
}

/**
 * `x · kernel + bias`, then `activation`, with a mostly-zero kernel (a pruned
 * Dense layer): the backend's sparse kernel where it has one, else the fused
 * dense product. No gradient.
 *
 * @param x - `[rows, inner]`.
 * @param kernel - `[inner, units]`, mostly zeros.
 * @param bias - `[units]` or null.
 * @param options - `activation`.
 * @returns `[rows, units]`.
 * @throws {ShapeError} for inconsistent shapes. {ConfigError} for bad options.
 */
export function sparseMatMul(
  x: tf.Tensor2D,
  kernel: tf.Tensor2D,
  bias: tf.Tensor1D | null,
  options: { activation?: CompressedActivation } = {},
): tf.Tensor2D {
  const where = 'ops.sparseMatMul';
  checkMatMul(where, x, kernel);
  checkBias(where, bias, kernel.shape[1]);
  const activation = checkActivation(where, options.activation);
  if (kernelAvailable(compressedKernelNames.sparseMatMul)) {
    const inputs: tf.NamedTensorMap = bias ? { x, kernel, bias } : { x, kernel };
    return tf.engine().runKernel(compressedKernelNames.sparseMatMul, inputs, { activation } as never) as tf.Tensor2D;
  }
  return tf.fused.matMul({ a: x, b: kernel, bias: bias ?? undefined, activation }) as tf.Tensor2D;
}

/** The int8 kernels' grid attributes (`input` checked present by the caller). */
function quantKernelAttrs(
  options: QuantizedMatMulOptions & { input: NonNullable<QuantizedMatMulOptions['input']> },
  activation: CompressedActivation,
) {
  return {
    activation,
    inScale: options.input.scale,
    inZeroPoint: options.input.zeroPoint,
    weightScales: [...options.weightScales],
    outScale: options.output?.scale ?? 0,
    outZeroPoint: options.output?.zeroPoint ?? 0,
  };
}
