/**
 * `quantizedSequence`: a whole chain of int8 inference layers (convolutions,
 * max-pooling, flattening, dense layers, a final softmax) in one op. A backend
 * with the `ConvkitQSequence` kernel (`@convkit/backend-wasm`) keeps the
 * activations as int8 codes in its own memory from stage to stage; elsewhere
 * the stages run one by one on the per-layer ops (`quantizedConv2d`,
 * `quantizedMatMul`, ...), which compute the same values.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, ShapeError } from '../errors';
import {
  type CompressedActivation,
  checkActivation,
  checkBias,
  checkPad,
  checkParams,
  checkScales,
  compressedKernelNames,
  fakeQuantize,
  type Int8Params,
  kernelAvailable,
  pair,
  quantizedConv2d,
  quantizedMatMul,
} from './compressed';

/**
 * A convolution stage (NHWC input, HWIO filter). With `input` and `weightScales` it is an
 * int8 stage, as `quantizedConv2d`; without them a float convolution (allowed as the first
 * stage only: the raw image), whose output is rounded to `output` when given.
 */
export interface QuantizedConvStage {
  kind: 'conv2d';
  /** `[fH, fW, inChannels, outChannels]`; for an int8 stage it holds `q × weightScales[c]`. */
  filter: tf.Tensor4D;
  /** `[outChannels]` or null. */
  bias: tf.Tensor1D | null;
  /** Default 1. */
  strides?: number | [number, number];
  /** `'valid'` (default) or `'same'`. */
  pad?: 'valid' | 'same';
  /** Default 1. */
  dilations?: number | [number, number];
  /** `'linear'` (default) or `'relu'`. */
  activation?: CompressedActivation;
  /** The input's int8 grid (int8 stage). */
  input?: Int8Params;
  /** Per output channel weight scale (int8 stage). */
  weightScales?: readonly number[];
  /** When given, the output is rounded to this int8 grid. */
  output?: Int8Params;
}

/** A dense stage on a `[rows, inner]` input: int8, as `quantizedMatMul`. */
export interface QuantizedDenseStage {
  kind: 'dense';
  /** `[inner, units]` holding `q × weightScales[unit]`. */
  kernel: tf.Tensor2D;
  /** `[units]` or null. */
  bias: tf.Tensor1D | null;
  /** `'linear'` (default) or `'relu'`. */
  activation?: CompressedActivation;
  /** The input's int8 grid. */
  input: Int8Params;
  /** Per unit weight scale. */
  weightScales: readonly number[];
  /** When given, the output is rounded to this int8 grid. */
  output?: Int8Params;
}

/** Max-pooling of an NHWC input (the int8 grid passes through: max commutes with rounding). */
export interface MaxPoolStage {
  kind: 'maxPool';
  /** Window `[h, w]` or one number. */
  poolSize: number | [number, number];
  /** Default: the pool size. */
  strides?: number | [number, number];
  /** `'valid'` (default) or `'same'`. */
  pad?: 'valid' | 'same';
}

/** Flattens `[batch, ...]` to `[batch, rest]` (row-major, as a `Flatten` layer). */
export interface FlattenStage {
  kind: 'flatten';
}

/** Softmax over the last axis; the last stage only. */
export interface SoftmaxStage {
  kind: 'softmax';
}

/** One stage of `quantizedSequence`. */
export type QuantizedStage = QuantizedConvStage | QuantizedDenseStage | MaxPoolStage | FlattenStage | SoftmaxStage;

/** A stage as the `ConvkitQSequence` kernel receives it: no tensors, geometry normalised. */
export type QuantizedStageAttrs =
  | {
      kind: 'conv2d' | 'dense';
      /** Names of the weight and bias in the kernel inputs (bias: '' for none). */
      weight: string;
      bias: string;
      strides: [number, number];
      pad: 'valid' | 'same';
      dilations: [number, number];
      activation: CompressedActivation;
      /** Empty for a float stage. */
      weightScales: number[];
      input: Int8Params | null;
      output: Int8Params | null;
    }
  | { kind: 'maxPool'; poolSize: [number, number]; strides: [number, number]; pad: 'valid' | 'same' }
  | { kind: 'flatten' }
  | { kind: 'softmax' };

function shapeText(s: readonly number[]): string {
  return `[${s.join(', ')}]`;
}

/** Checks the stages against `x` and returns the kernel attributes, the weight inputs and the output shape. */
function plan(x: tf.Tensor, stages: readonly QuantizedStage[]) {
  const where = 'ops.quantizedSequence';
  if (!Array.isArray(stages) || stages.length === 0) throw new ConfigError(`${where}: stages must be a non-empty list`);
  const attrs: QuantizedStageAttrs[] = [];
  const inputs: tf.NamedTensorMap = { x };
  let shape = [...x.shape];
  stages.forEach((st, i) => {
    const at = `${where}: stage ${i} (${String((st as { kind?: unknown })?.kind)})`;
    const kind = (st as { kind?: unknown })?.kind;
    if (kind === 'conv2d') {
      const c = st as QuantizedConvStage;
      const f = c.filter;
      if (shape.length !== 4 || !f || f.rank !== 4 || f.shape[2] !== shape[3]) {
        throw new ShapeError(
          `${at}: expects an input [batch, height, width, inChannels] and a filter [fH, fW, inChannels, outChannels] with equal inChannels, got input ${shapeText(shape)} and filter ${f ? shapeText(f.shape) : String(f)}`,
        );
      }
      const int8 = c.input !== undefined || c.weightScales !== undefined;
      if (int8 && (c.input === undefined || c.weightScales === undefined)) {
        throw new ConfigError(`${at}: an int8 stage needs both input and weightScales`);
      }
      if (!int8 && i !== 0) throw new ConfigError(`${at}: only the first stage may be a float convolution`);
      const channels = f.shape[3];
      checkBias(at, c.bias, channels);
      if (int8) {
        checkScales(at, c.weightScales as readonly number[], channels);
        checkParams(at, 'input', c.input);
      }
      checkParams(at, 'output', c.output);
      const strides = pair(at, 'strides', c.strides);
      const dilations = pair(at, 'dilations', c.dilations);
      const pad = checkPad(at, c.pad);
      const info = tf.backend_util.computeConv2DInfo(
        shape as [number, number, number, number],
        f.shape,
        strides,
        dilations,
        pad,
      );
      if (info.outHeight < 1 || info.outWidth < 1) {
        throw new ShapeError(`${at}: input ${shapeText(shape)} is smaller than the filter ${shapeText(f.shape)}`);
      }
      inputs[`w${i}`] = f;
      if (c.bias) inputs[`b${i}`] = c.bias;
      attrs.push({
        kind: 'conv2d',
        weight: `w${i}`,
        bias: c.bias ? `b${i}` : '',
        strides,
        pad,
        dilations,
        activation: checkActivation(at, c.activation),
        weightScales: int8 ? [...(c.weightScales as readonly number[])] : [],
        input: c.input ? { scale: c.input.scale, zeroPoint: c.input.zeroPoint } : null,
        output: c.output ? { scale: c.output.scale, zeroPoint: c.output.zeroPoint } : null,
      });
      shape = [...info.outShape];
    } else if (kind === 'dense') {
      const d = st as QuantizedDenseStage;
      const k = d.kernel;
      if (shape.length !== 2 || !k || k.rank !== 2 || k.shape[0] !== shape[1]) {
        throw new ShapeError(
          `${at}: expects an input [rows, inner] and a kernel [inner, units], got input ${shapeText(shape)} and kernel ${k ? shapeText(k.shape) : String(k)}`,
        );
      }
      if (d.input === undefined) throw new ConfigError(`${at}: input (the input's int8 grid) is required`);
      checkParams(at, 'input', d.input);
      checkParams(at, 'output', d.output);
      checkScales(at, d.weightScales, k.shape[1]);
      checkBias(at, d.bias, k.shape[1]);
      inputs[`w${i}`] = k;
      if (d.bias) inputs[`b${i}`] = d.bias;
      attrs.push({
        kind: 'dense',
        weight: `w${i}`,
        bias: d.bias ? `b${i}` : '',
        strides: [1, 1],
        pad: 'valid',
        dilations: [1, 1],
        activation: checkActivation(at, d.activation),
        weightScales: [...d.weightScales],
        input: { scale: d.input.scale, zeroPoint: d.input.zeroPoint },
        output: d.output ? { scale: d.output.scale, zeroPoint: d.output.zeroPoint } : null,
      });
      shape = [shape[0], k.shape[1]];
    } else if (kind === 'maxPool') {
      const m = st as MaxPoolStage;
      if (shape.length !== 4) throw new ShapeError(`${at}: expects an input of rank 4, got ${shapeText(shape)}`);
      const poolSize = pair(at, 'poolSize', m.poolSize);
      const strides = m.strides === undefined ? poolSize : pair(at, 'strides', m.strides);
      const pad = checkPad(at, m.pad);
      const info = tf.backend_util.computePool2DInfo(
        shape as [number, number, number, number],
        poolSize,
        strides,
        1,
        pad,
      );
      if (info.outHeight < 1 || info.outWidth < 1) {
        throw new ShapeError(`${at}: input ${shapeText(shape)} is smaller than the pool ${shapeText(poolSize)}`);
      }
      attrs.push({ kind: 'maxPool', poolSize, strides, pad });
      shape = [...info.outShape];
    } else if (kind === 'flatten') {
      attrs.push({ kind: 'flatten' });
      shape = [shape[0], shape.slice(1).reduce((a, b) => a * b, 1)];
    } else if (kind === 'softmax') {
      if (i !== stages.length - 1) throw new ConfigError(`${at}: softmax must be the last stage`);
      attrs.push({ kind: 'softmax' });
    } else {
      throw new ConfigError(
        `${at}: kind must be 'conv2d', 'dense', 'maxPool', 'flatten' or 'softmax', got ${JSON.stringify(kind)}`,
      );
    }
  });
  return { attrs, inputs, shape };
}

/** The stages one by one on the per-layer ops (the reference, and the path of backends without the kernel). */
function composite(x: tf.Tensor, stages: readonly QuantizedStage[], attrs: QuantizedStageAttrs[]): tf.Tensor {
  return tf.tidy(() => {
    let h = x;
    stages.forEach((st, i) => {
      const a = attrs[i];
      if (st.kind === 'conv2d' && a.kind === 'conv2d') {
        if (a.input) {
          h = quantizedConv2d(h as tf.Tensor4D, st.filter, st.bias, {
            strides: a.strides,
            pad: a.pad,
            dilations: a.dilations,
            activation: a.activation,
            input: a.input,
            weightScales: a.weightScales,
            output: a.output ?? undefined,
          });
        } else {
          const y = tf.fused.conv2d({
            x: h as tf.Tensor4D,
            filter: st.filter,
            strides: a.strides,
            pad: a.pad,
            dilations: a.dilations,
            bias: st.bias ?? undefined,
            activation: a.activation,
          });
          h = a.output ? fakeQuantize(y, a.output) : y;
        }
      } else if (st.kind === 'dense' && a.kind === 'dense') {
        h = quantizedMatMul(h as tf.Tensor2D, st.kernel, st.bias, {
          activation: a.activation,
          input: a.input as Int8Params,
          weightScales: a.weightScales,
          output: a.output ?? undefined,
        });
      } else if (a.kind === 'maxPool') {
        h = tf.maxPool(h as tf.Tensor4D, a.poolSize, a.strides, a.pad);
      } else if (a.kind === 'flatten') {
        h = tf.reshape(h, [h.shape[0], -1]);
      } else if (a.kind === 'softmax') {
        h = tf.softmax(h);
      }
    });
    return h;
  });
}

/**
 * Runs a chain of int8 inference stages on `x` in one op: int8 convolutions
 * and dense layers (as `quantizedConv2d` / `quantizedMatMul`: input rounded to
 * its grid, int32 accumulation, per-channel requantization, fused ReLU, output
 * rounded to its grid), max-pooling, flattening and a final softmax; the first
 * stage may be a float convolution whose output is rounded to an int8 grid. On
 * `@convkit/backend-wasm` (`compressedKernelsAvailable('int8-sequence')`) it is
 * one kernel that keeps the activations as int8 codes between stages (no float
 * tensor per layer); elsewhere the stages run one by one on the per-layer ops,
 * which compute the same values (up to rounding ties). Inference only: no gradient.
 * On the wasm kernel a sample whose input holds NaN or ±Infinity gets an
 * all-NaN output row (the integer stages would otherwise give it finite values).
 *
 * @param x - The input, float32 (`[batch, height, width, channels]` when the first stage is a convolution).
 * @param stages - The chain, first to last.
 * @returns The last stage's output, float32.
 * @throws {ShapeError} when a stage does not fit the shape the stages before it produce.
 * @throws {ConfigError} for bad stage options (grids, scales, a float stage after the first, a softmax before the last).
 * @example
 * ```ts
 * const probs = ops.quantizedSequence(x, [
 *   { kind: 'conv2d', filter: w1, bias: b1, activation: 'relu', output: g1 },
 *   { kind: 'maxPool', poolSize: 2 },
 *   { kind: 'flatten' },
 *   { kind: 'dense', kernel: w2, bias: b2, input: g1, weightScales: s2 },
 *   { kind: 'softmax' },
 * ]);
 * ```
 */
export function quantizedSequence(x: tf.Tensor, stages: readonly QuantizedStage[]): tf.Tensor {
  if (!(x instanceof tf.Tensor) || x.dtype !== 'float32') {
    throw new ConfigError(
      `ops.quantizedSequence: x must be a float32 tensor, got ${x instanceof tf.Tensor ? x.dtype : String(x)}`,
    );
  }
  const { attrs, inputs } = plan(x, stages);
  if (kernelAvailable(compressedKernelNames.quantizedSequence)) {
    return tf
      .engine()
      .runKernel(compressedKernelNames.quantizedSequence, inputs, { stages: attrs } as never) as tf.Tensor;
  }
  return composite(x, stages, attrs);
}
