/**
 * Activation functions as ONNX nodes. Each takes and returns a value name;
 * all are elementwise except softmax, whose axis depends on the layout.
 */
import type { Layer } from '@convkit/layers';
import { getActivation } from '@convkit/layers';
import { UnsupportedLayerError } from './errors';
import type { GraphBuilder } from './graph-builder';

type ActivationFn = ReturnType<typeof getActivation>;

/** The activations `exportOnnx` writes, by registered name. */
export const EXPORTED_ACTIVATIONS = [
  'linear',
  'relu',
  'relu6',
  'leakyRelu',
  'elu',
  'selu',
  'sigmoid',
  'hardSigmoid',
  'tanh',
  'softmax',
  'softplus',
  'softsign',
  'swish',
  'silu',
] as const;

/** Emits `fn(x)` on the value `x`; `channelAxis` is the axis softmax normalises (the last convkit axis, as stored). */
export type ActivationEmitter = (g: GraphBuilder, x: string, hint: string, channelAxis: number) => string;

const scalar = (g: GraphBuilder, hint: string, value: number): string =>
  g.addFloat(hint, [], new Float32Array([value]));

const EMITTERS: Record<(typeof EXPORTED_ACTIVATIONS)[number], ActivationEmitter> = {
  linear: (_g, x) => x,
  relu: (g, x, h) => g.node('Relu', [x], h),
  relu6: (g, x, h) => g.node('Clip', [x, scalar(g, `${h}/min`, 0), scalar(g, `${h}/max`, 6)], h),
  leakyRelu: (g, x, h) => g.node('LeakyRelu', [x], h, { alpha: { float: 0.2 } }),
  elu: (g, x, h) => g.node('Elu', [x], h, { alpha: { float: 1 } }),
  selu: (g, x, h) => g.node('Selu', [x], h),
  sigmoid: (g, x, h) => g.node('Sigmoid', [x], h),
  hardSigmoid: (g, x, h) => g.node('HardSigmoid', [x], h, { alpha: { float: 0.2 }, beta: { float: 0.5 } }),
  tanh: (g, x, h) => g.node('Tanh', [x], h),
  softmax: (g, x, h, axis) => g.node('Softmax', [x], h, { axis: { int: axis } }),
  softplus: (g, x, h) => g.node('Softplus', [x], h),
  softsign: (g, x, h) => g.node('Softsign', [x], h),
  swish: (g, x, h) => g.node('Mul', [x, g.node('Sigmoid', [x], `${h}/sigmoid`)], h),
  silu: (g, x, h) => g.node('Mul', [x, g.node('Sigmoid', [x], `${h}/sigmoid`)], h),
};

/**
 * The emitter of `fn`, one of convkit's built-in activations.
 *
 * @throws {UnsupportedLayerError} for an activation ONNX opset 13 has no exact node for (`gelu`) or a custom one.
 */
export function activationEmitter(layer: Layer, fn: ActivationFn): ActivationEmitter {
  for (const name of EXPORTED_ACTIVATIONS) {
    if (getActivation(name) === fn) return EMITTERS[name];
  }
  throw new UnsupportedLayerError(
    layer.name,
    layer.className,
    `its activation '${fn.name || '<anonymous>'}' has no ONNX export; supported: ${EXPORTED_ACTIVATIONS.join(', ')}`,
  );
}
