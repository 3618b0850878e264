/** Conv2D, DepthwiseConv2D, SeparableConv2D and the 2-D pooling layers as NCHW ONNX nodes. */
import type { Shape } from '@convkit/core';
import type { Conv2D, DepthwiseConv2D, Pooling2D, SeparableConv2D } from '@convkit/layers';
import { MaxPool2D } from '@convkit/layers';
import { activationEmitter } from './activations';
import type { EmitContext } from './context';
import type { AttributeValue } from './graph-builder';
import { depthwiseToGrouped, hwioToOihw } from './kernels';
import type { OnnxValue } from './values';

/** TensorFlow's `'same'` padding along one axis: `[before, after]`, the extra one after. */
function samePads(size: number, kernel: number, stride: number, dilation: number): [number, number] {
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + (kernel - 1) * dilation + 1 - size, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

/** The window attributes of a Conv or pool over an NHWC `shape`, with explicit pads where the size is known. */
export function windowAttributes(
  shape: Shape,
  kernel: readonly [number, number],
  strides: readonly [number, number],
  padding: 'valid' | 'same',
  dilation: readonly [number, number] = [1, 1],
): Record<string, AttributeValue> {
  const attrs: Record<string, AttributeValue> = {
    kernel_shape: { ints: kernel },
    strides: { ints: strides },
  };
  const [h, w] = [shape[1], shape[2]];
  if (padding === 'same') {
    if (h === null || w === null) attrs.auto_pad = { string: 'SAME_UPPER' };
    else {
      const [top, bottom] = samePads(h, kernel[0], strides[0], dilation[0]);
      const [left, right] = samePads(w, kernel[1], strides[1], dilation[1]);
      attrs.pads = { ints: [top, left, bottom, right] };
    }
  }
  return attrs;
}

/** Conv2D: one Conv (OIHW kernel, bias) and its activation. */
export function emitConv2D(ctx: EmitContext, layer: Conv2D, x: OnnxValue, outShape: Shape): OnnxValue {
  const act = activationEmitter(layer, layer.activation);
  const { g } = ctx;
  const [kh, kw] = layer.kernelSize;
  const inC = x.shape[3] as number;
  const w = ctx.kernel(
    layer,
    layer.kernel,
    [layer.filters, inC, kh, kw],
    hwioToOihw(ctx.weight(layer, layer.kernel), kh, kw, inC, layer.filters),
    0,
  );
  const inputs = [ctx.layouts.nchw(x), w];
  if (layer.bias) inputs.push(g.addFloat(`${layer.name}/bias`, [layer.filters], ctx.weight(layer, layer.bias)));
  const conv = g.node('Conv', inputs, layer.name, {
    ...windowAttributes(x.shape, layer.kernelSize, layer.strides, layer.padding, layer.dilationRate),
    dilations: { ints: layer.dilationRate },
    group: { int: 1 },
  });
  return { name: act(g, conv, `${layer.name}/act`, 1), shape: outShape, layout: 'nchw' };
}

/** A depthwise convolution as a grouped Conv (`group` = input channels); no activation. */
function depthwise(
  ctx: EmitContext,
  layer: DepthwiseConv2D | SeparableConv2D,
  x: OnnxValue,
  biasValues: Float32Array | undefined,
  hint: string,
): string {
  const { g } = ctx;
  const [kh, kw] = layer.kernelSize;
  const inC = x.shape[3] as number;
  const m = layer.depthMultiplier;
  // Quantization scales are per input channel; each covers `m` output channels of the grouped Conv.
  const w = ctx.kernel(
    layer,
    layer.depthwiseKernel,
    [inC * m, 1, kh, kw],
    depthwiseToGrouped(ctx.weight(layer, layer.depthwiseKernel), kh, kw, inC, m),
    0,
    m,
  );
  const inputs = [ctx.layouts.nchw(x), w];
  if (biasValues) inputs.push(g.addFloat(`${hint}/bias`, [inC * m], biasValues));
  return g.node('Conv', inputs, hint, {
    ...windowAttributes(x.shape, layer.kernelSize, layer.strides, layer.padding, layer.dilationRate),
    dilations: { ints: layer.dilationRate },
    group: { int: inC },
  });
}

/** DepthwiseConv2D: a grouped Conv and its activation. */
export function emitDepthwiseConv2D(
  ctx: EmitContext,
  layer: DepthwiseConv2D,
  x: OnnxValue,
  outShape: Shape,
): OnnxValue {
  const act = activationEmitter(layer, layer.activation);
  const bias = layer.bias ? ctx.weight(layer, layer.bias) : undefined;
  const conv = depthwise(ctx, layer, x, bias, layer.name);
  return { name: act(ctx.g, conv, `${layer.name}/act`, 1), shape: outShape, layout: 'nchw' };
}

/** SeparableConv2D: a grouped Conv (no bias), a 1×1 Conv with the bias, the activation. */
export function emitSeparableConv2D(
  ctx: EmitContext,
  layer: SeparableConv2D,
  x: OnnxValue,
  outShape: Shape,
): OnnxValue {
  const act = activationEmitter(layer, layer.activation);
  const { g } = ctx;
  const mid = depthwise(ctx, layer, x, undefined, `${layer.name}/depthwise`);
  const midC = (x.shape[3] as number) * layer.depthMultiplier;
  const w = ctx.kernel(
    layer,
    layer.pointwiseKernel,
    [layer.filters, midC, 1, 1],
    hwioToOihw(ctx.weight(layer, layer.pointwiseKernel), 1, 1, midC, layer.filters),
    0,
  );
  const inputs = [mid, w];
  if (layer.bias) inputs.push(g.addFloat(`${layer.name}/bias`, [layer.filters], ctx.weight(layer, layer.bias)));
  const conv = g.node('Conv', inputs, layer.name, { kernel_shape: { ints: [1, 1] }, group: { int: 1 } });
  return { name: act(g, conv, `${layer.name}/act`, 1), shape: outShape, layout: 'nchw' };
}

/** MaxPool2D / AvgPool2D: MaxPool / AveragePool (padded cells excluded from averages, as in TensorFlow). */
export function emitPooling2D(ctx: EmitContext, layer: Pooling2D, x: OnnxValue, outShape: Shape): OnnxValue {
  const op = layer instanceof MaxPool2D ? 'MaxPool' : 'AveragePool';
  const name = ctx.g.node(
    op,
    [ctx.layouts.nchw(x)],
    layer.name,
    windowAttributes(x.shape, layer.poolSize, layer.strides, layer.padding),
  );
  return { name, shape: outShape, layout: 'nchw' };
}
