/** Which emitter writes which layer class; everything else is refused with an `UnsupportedLayerError`. */
import type { Shape } from '@convkit/core';
import {
  Activation,
  Add,
  AvgPool2D,
  BatchNormalization,
  Concatenate,
  Conv2D,
  Dense,
  DepthwiseConv2D,
  Dropout,
  ELU,
  Flatten,
  GlobalAvgPool2D,
  GlobalMaxPool2D,
  InputLayer,
  type Layer,
  LeakyReLU,
  MaxPool2D,
  Normalization,
  RandomContrast,
  RandomFlip,
  RandomRotation,
  RandomTranslation,
  RandomZoom,
  ReLU,
  ReLU6,
  Rescaling,
  Reshape,
  SeparableConv2D,
  Softmax,
} from '@convkit/layers';
import type { EmitContext } from './context';
import { emitConv2D, emitDepthwiseConv2D, emitPooling2D, emitSeparableConv2D } from './conv-emitters';
import { UnsupportedLayerError } from './errors';
import {
  emitActivationLayer,
  emitAdd,
  emitAlphaActivation,
  emitBatchNorm,
  emitConcatenate,
  emitDense,
  emitFlatten,
  emitGlobalPooling,
  emitNormalization,
  emitRelu,
  emitRelu6,
  emitRescaling,
  emitReshape,
  emitSoftmax,
} from './layer-emitters';
import { quantizeOutput } from './quantization';
import type { OnnxValue } from './values';

/** The layer classes `exportOnnx` writes (Dropout and the random augmentation layers as the identity). */
export const EXPORTED_LAYERS = [
  'InputLayer',
  'Conv2D',
  'DepthwiseConv2D',
  'SeparableConv2D',
  'MaxPool2D',
  'AvgPool2D',
  'GlobalAvgPool2D',
  'GlobalMaxPool2D',
  'BatchNormalization',
  'Normalization',
  'Dense',
  'Flatten',
  'Reshape',
  'Rescaling',
  'Dropout',
  'Activation',
  'ReLU',
  'ReLU6',
  'LeakyReLU',
  'ELU',
  'Softmax',
  'Add',
  'Concatenate',
  'RandomFlip',
  'RandomRotation',
  'RandomTranslation',
  'RandomZoom',
  'RandomContrast',
] as const;

function one(layer: Layer, xs: OnnxValue[]): OnnxValue {
  if (xs.length !== 1)
    throw new UnsupportedLayerError(layer.name, layer.className, `expected one input, got ${xs.length}`);
  return xs[0];
}

/**
 * Writes one call of `layer` on `xs` into the graph. Exact classes only
 * (a subclass may change what `call` computes), so a user's subclass of a
 * built-in layer is refused rather than exported wrong.
 *
 * @returns The output value.
 * @throws {UnsupportedLayerError} for a layer class, option or activation without an ONNX export.
 */
export function emitLayer(ctx: EmitContext, layer: Layer, xs: OnnxValue[], outShape: Shape): OnnxValue {
  if (layer.weightTransform) {
    throw new UnsupportedLayerError(
      layer.name,
      layer.className,
      'it carries a weight transform (quantization-aware training or pruning wrappers); finish the compression first (for QAT: quantizeModel with its activations)',
    );
  }
  const quantized = ctx.quantization?.activations[layer.name] !== undefined;
  if (layer.outputTransform && !quantized) {
    throw new UnsupportedLayerError(
      layer.name,
      layer.className,
      "it carries an output transform; for a quantized model pass quantizeModel's spec as the `quantization` option",
    );
  }
  const out = emitUnquantized(ctx, layer, xs, outShape);
  return quantized ? { ...out, name: quantizeOutput(ctx.g, ctx.quantization, layer, out.name) } : out;
}

function emitUnquantized(ctx: EmitContext, layer: Layer, xs: OnnxValue[], outShape: Shape): OnnxValue {
  const C = layer.constructor;
  if (C === Add) return emitAdd(ctx, layer, xs, outShape);
  if (C === Concatenate) return emitConcatenate(ctx, layer as Concatenate, xs, outShape);
  const x = one(layer, xs);
  switch (C) {
    case InputLayer:
    case Dropout:
    case RandomFlip:
    case RandomRotation:
    case RandomTranslation:
    case RandomZoom:
    case RandomContrast:
      // The identity at inference.
      return x;
    case Conv2D:
      return emitConv2D(ctx, layer as Conv2D, x, outShape);
    case DepthwiseConv2D:
      return emitDepthwiseConv2D(ctx, layer as DepthwiseConv2D, x, outShape);
    case SeparableConv2D:
      return emitSeparableConv2D(ctx, layer as SeparableConv2D, x, outShape);
    case MaxPool2D:
    case AvgPool2D:
      return emitPooling2D(ctx, layer as MaxPool2D, x, outShape);
    case GlobalAvgPool2D:
    case GlobalMaxPool2D:
      return emitGlobalPooling(ctx, layer as GlobalAvgPool2D, x, outShape);
    case BatchNormalization:
      return emitBatchNorm(ctx, layer as BatchNormalization, x, outShape);
    case Normalization:
      return emitNormalization(ctx, layer as Normalization, x, outShape);
    case Dense:
      return emitDense(ctx, layer as Dense, x, outShape);
    case Flatten:
      return emitFlatten(ctx, layer, x, outShape);
    case Reshape:
      return emitReshape(ctx, layer as Reshape, x, outShape);
    case Rescaling:
      return emitRescaling(ctx, layer as Rescaling, x);
    case Activation:
      return emitActivationLayer(ctx, layer as Activation, x);
    case ReLU:
      return emitRelu(ctx, layer as ReLU, x);
    case ReLU6:
      return emitRelu6(ctx, layer, x);
    case LeakyReLU:
      return emitAlphaActivation(ctx, layer as LeakyReLU, 'LeakyRelu', x);
    case ELU:
      return emitAlphaActivation(ctx, layer as ELU, 'Elu', x);
    case Softmax:
      return emitSoftmax(ctx, layer as Softmax, x);
  }
  throw new UnsupportedLayerError(
    layer.name,
    layer.className,
    `this layer class has no ONNX export; supported: ${EXPORTED_LAYERS.join(', ')}`,
  );
}
