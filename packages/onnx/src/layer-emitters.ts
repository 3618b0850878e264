/**
 * Dense, batch norm, reshaping, global pooling, activation and merge layers
 * as ONNX nodes. Each takes the layer, its input value(s) and convkit's output
 * shape, and returns the output value.
 */
import type { Shape } from '@convkit/core';
import type {
  BatchNormalization,
  Concatenate,
  Dense,
  ELU,
  GlobalPooling2D,
  Layer,
  LeakyReLU,
  Normalization,
  ReLU,
  Rescaling,
  Reshape,
  Softmax,
} from '@convkit/layers';
import { GlobalMaxPool2D } from '@convkit/layers';
import { activationEmitter } from './activations';
import type { EmitContext } from './context';
import { UnsupportedLayerError } from './errors';
import { nchwAxis, type OnnxValue } from './values';

/** The axis convkit's last axis is stored at. */
function lastAxis(v: OnnxValue): number {
  return v.layout === 'nchw' ? 1 : v.shape.length - 1;
}

/** Dense: Gemm on a `[batch, features]` input, MatMul + Add on a longer one (the last axis); then the activation. */
export function emitDense(ctx: EmitContext, layer: Dense, x: OnnxValue, outShape: Shape): OnnxValue {
  const act = activationEmitter(layer, layer.activation);
  const { g } = ctx;
  const inF = x.shape[x.shape.length - 1] as number;
  const input = ctx.layouts.native(x);
  const w = ctx.kernel(layer, layer.kernel, [inF, layer.units], ctx.weight(layer, layer.kernel), 1);
  const b = layer.bias ? g.addFloat(`${layer.name}/bias`, [layer.units], ctx.weight(layer, layer.bias)) : undefined;
  let y: string;
  if (x.shape.length === 2) y = g.node('Gemm', b ? [input, w, b] : [input, w], layer.name);
  else {
    y = g.node('MatMul', [input, w], b ? `${layer.name}/matmul` : layer.name);
    if (b) y = g.node('Add', [y, b], layer.name);
  }
  return { name: act(g, y, `${layer.name}/act`, outShape.length - 1), shape: outShape, layout: 'native' };
}

/** BatchNormalization (inference: moving statistics) as one BatchNormalization node over the channel axis. */
export function emitBatchNorm(ctx: EmitContext, layer: BatchNormalization, x: OnnxValue, outShape: Shape): OnnxValue {
  const rank = x.shape.length;
  const axis = layer.axis < 0 ? rank + layer.axis : layer.axis;
  if (axis !== rank - 1 || (rank !== 2 && rank !== 4)) {
    throw new UnsupportedLayerError(
      layer.name,
      layer.className,
      `only the last axis of a 2-D or 4-D input is exported (got axis ${layer.axis} of a ${rank}-D input)`,
    );
  }
  const { g } = ctx;
  const mean = ctx.weight(layer, layer.movingMean);
  const n = mean.length;
  const param = (hint: string, values: Float32Array) => g.addFloat(`${layer.name}/${hint}`, [n], values);
  const gamma = layer.gamma ? ctx.weight(layer, layer.gamma) : new Float32Array(n).fill(1);
  const beta = layer.beta ? ctx.weight(layer, layer.beta) : new Float32Array(n);
  const input = rank === 4 ? ctx.layouts.nchw(x) : ctx.layouts.native(x);
  const name = g.node(
    'BatchNormalization',
    [
      input,
      param('gamma', gamma),
      param('beta', beta),
      param('moving_mean', mean),
      param('moving_variance', ctx.weight(layer, layer.movingVariance)),
    ],
    layer.name,
    { epsilon: { float: layer.epsilon } },
  );
  return { name, shape: outShape, layout: rank === 4 ? 'nchw' : 'native' };
}

/**
 * Normalization as one BatchNormalization node over the channel axis:
 * `(x − mean) / s` with s = max(√variance, 1e-7) is BatchNormalization with
 * scale 1/s, bias 0, that mean, variance 1 and epsilon 0 (`invert`: scale s,
 * bias mean, mean 0), so any layout works as for BatchNormalization.
 */
export function emitNormalization(ctx: EmitContext, layer: Normalization, x: OnnxValue, outShape: Shape): OnnxValue {
  const rank = x.shape.length;
  if (rank !== 2 && rank !== 4) {
    throw new UnsupportedLayerError(
      layer.name,
      layer.className,
      `only 2-D and 4-D inputs are exported (got a ${rank}-D input)`,
    );
  }
  const n = outShape[rank - 1] as number;
  const stat = (given: number | readonly number[] | undefined, i: number): Float32Array => {
    if (given === undefined) return ctx.weight(layer, layer.weights[i]);
    return Float32Array.from({ length: n }, (_, k) =>
      typeof given === 'number' ? given : given[given.length === 1 ? 0 : k],
    );
  };
  const mean = stat(layer.mean, 0);
  const std = stat(layer.variance, 1).map((v) => Math.max(Math.sqrt(v), 1e-7));
  const { g } = ctx;
  const param = (hint: string, values: Float32Array) => g.addFloat(`${layer.name}/${hint}`, [n], values);
  const zeros = new Float32Array(n);
  const [scale, bias, center] = layer.invert ? [std, mean, zeros] : [std.map((s) => 1 / s), zeros, mean];
  const input = rank === 4 ? ctx.layouts.nchw(x) : ctx.layouts.native(x);
  const name = g.node(
    'BatchNormalization',
    [
      input,
      param('scale', scale),
      param('bias', bias),
      param('mean', center),
      param('variance', new Float32Array(n).fill(1)),
    ],
    layer.name,
    { epsilon: { float: 0 } },
  );
  return { name, shape: outShape, layout: rank === 4 ? 'nchw' : 'native' };
}

/** Flatten in convkit's (NHWC) element order. */
export function emitFlatten(ctx: EmitContext, layer: Layer, x: OnnxValue, outShape: Shape): OnnxValue {
  const name = ctx.g.node('Flatten', [ctx.layouts.native(x)], layer.name, { axis: { int: 1 } });
  return { name, shape: outShape, layout: 'native' };
}

/** Reshape of the NHWC data, the batch dimension kept. */
export function emitReshape(ctx: EmitContext, layer: Reshape, x: OnnxValue, outShape: Shape): OnnxValue {
  const shape = ctx.g.addInt64(`${layer.name}/shape`, [layer.targetShape.length + 1], [0, ...layer.targetShape]);
  const name = ctx.g.node('Reshape', [ctx.layouts.native(x), shape], layer.name);
  return { name, shape: outShape, layout: 'native' };
}

/** GlobalAvgPool2D / GlobalMaxPool2D: the global pool, flattened to `[batch, channels]` unless `keepDims`. */
export function emitGlobalPooling(ctx: EmitContext, layer: GlobalPooling2D, x: OnnxValue, outShape: Shape): OnnxValue {
  const op = layer instanceof GlobalMaxPool2D ? 'GlobalMaxPool' : 'GlobalAveragePool';
  const { g } = ctx;
  const pooled = g.node(op, [ctx.layouts.nchw(x)], layer.keepDims ? layer.name : `${layer.name}/pool`);
  if (layer.keepDims) return { name: pooled, shape: outShape, layout: 'nchw' };
  return { name: g.node('Flatten', [pooled], layer.name, { axis: { int: 1 } }), shape: outShape, layout: 'native' };
}

/** `Activation` layers: the activation on the value as stored. */
export function emitActivationLayer(
  ctx: EmitContext,
  layer: Layer & { activation: Parameters<typeof activationEmitter>[1] },
  x: OnnxValue,
): OnnxValue {
  const act = activationEmitter(layer, layer.activation);
  return { ...x, name: act(ctx.g, x.name, layer.name, lastAxis(x)) };
}

/** ReLU (optionally leaky and capped), ReLU6, LeakyReLU, ELU. */
export function emitRelu(ctx: EmitContext, layer: ReLU, x: OnnxValue): OnnxValue {
  if (layer.threshold !== 0) {
    throw new UnsupportedLayerError(
      layer.name,
      layer.className,
      `threshold ${layer.threshold} is not exported (only 0)`,
    );
  }
  const { g } = ctx;
  const capped = layer.maxValue !== null;
  const hint = capped ? `${layer.name}/relu` : layer.name;
  let y =
    layer.negativeSlope === 0
      ? g.node('Relu', [x.name], hint)
      : g.node('LeakyRelu', [x.name], hint, { alpha: { float: layer.negativeSlope } });
  if (capped) {
    const cap = g.addFloat(`${layer.name}/max_value`, [], new Float32Array([layer.maxValue as number]));
    y = g.node('Min', [y, cap], layer.name);
  }
  return { ...x, name: y };
}

/** Rescaling as Mul(scale) then Add(offset), either skipped when neutral; element-wise, so any layout. */
export function emitRescaling(ctx: EmitContext, layer: Rescaling, x: OnnxValue): OnnxValue {
  const { g } = ctx;
  let y = x.name;
  if (layer.scale !== 1 || layer.offset === 0) {
    const scale = g.addFloat(`${layer.name}/scale`, [], new Float32Array([layer.scale]));
    y = g.node('Mul', [y, scale], layer.offset === 0 ? layer.name : `${layer.name}/scaled`);
  }
  if (layer.offset !== 0) {
    const offset = g.addFloat(`${layer.name}/offset`, [], new Float32Array([layer.offset]));
    y = g.node('Add', [y, offset], layer.name);
  }
  return { ...x, name: y };
}

/** ReLU6 as Clip(0, 6). */
export function emitRelu6(ctx: EmitContext, layer: Layer, x: OnnxValue): OnnxValue {
  const { g } = ctx;
  const lo = g.addFloat(`${layer.name}/min`, [], new Float32Array([0]));
  const hi = g.addFloat(`${layer.name}/max`, [], new Float32Array([6]));
  return { ...x, name: g.node('Clip', [x.name, lo, hi], layer.name) };
}

/** LeakyReLU(alpha) and ELU(alpha). */
export function emitAlphaActivation(ctx: EmitContext, layer: LeakyReLU | ELU, op: 'LeakyRelu' | 'Elu', x: OnnxValue) {
  return { ...x, name: ctx.g.node(op, [x.name], layer.name, { alpha: { float: layer.alpha } }) };
}

/** Softmax along the layer's axis, wherever that axis is stored. */
export function emitSoftmax(ctx: EmitContext, layer: Softmax, x: OnnxValue): OnnxValue {
  const rank = x.shape.length;
  const ax = layer.axis < 0 ? rank + layer.axis : layer.axis;
  const axis = x.layout === 'nchw' ? nchwAxis(ax) : ax;
  return { ...x, name: ctx.g.node('Softmax', [x.name], layer.name, { axis: { int: axis } }) };
}

/** The inputs of a merge in one common layout: NCHW for feature maps, as stored otherwise. */
function common(ctx: EmitContext, xs: OnnxValue[]): { names: string[]; layout: 'nchw' | 'native' } {
  if (xs[0].shape.length === 4) return { names: xs.map((x) => ctx.layouts.nchw(x)), layout: 'nchw' };
  return { names: xs.map((x) => ctx.layouts.native(x)), layout: 'native' };
}

/** Add: Add for two inputs, Sum for more. */
export function emitAdd(ctx: EmitContext, layer: Layer, xs: OnnxValue[], outShape: Shape): OnnxValue {
  const { names, layout } = common(ctx, xs);
  const name = ctx.g.node(names.length === 2 ? 'Add' : 'Sum', names, layer.name);
  return { name, shape: outShape, layout };
}

/** Concatenate along the layer's axis, wherever that axis is stored. */
export function emitConcatenate(ctx: EmitContext, layer: Concatenate, xs: OnnxValue[], outShape: Shape): OnnxValue {
  const { names, layout } = common(ctx, xs);
  const rank = xs[0].shape.length;
  const ax = layer.axis < 0 ? rank + layer.axis : layer.axis;
  const name = ctx.g.node('Concat', names, layer.name, { axis: { int: layout === 'nchw' ? nchwAxis(ax) : ax } });
  return { name, shape: outShape, layout };
}
