/**
 * The layer registry: every built-in layer class, listed once, so "which
 * layers can a saved model use?" is a one-line question, and any layer can be
 * rebuilt from `{ className, config }`. Keras spellings (`MaxPooling2D`,
 * `AveragePooling2D`, `GlobalAveragePooling2D`, ...) are registered as aliases
 * so configs written by Keras / TensorFlow.js load too; the alias table is
 * `aliases.ts`.
 */
import type { Layer } from '../engine/layer';
import { ClassRegistry } from '../engine/registry';
import type { Serialized } from '../engine/types';
import { Activation } from './activation';
import { Add } from './add';
import { LAYER_ALIASES } from './aliases';
import { AvgPool2D } from './avg-pool2d';
import { BatchNormalization } from './batch-normalization';
import { Concatenate } from './concatenate';
import { Conv2D } from './conv2d';
import { Dense } from './dense';
import { DepthwiseConv2D } from './depthwise-conv2d';
import { Dropout } from './dropout';
import { ELU } from './elu';
import { Flatten } from './flatten';
import { GlobalAvgPool2D } from './global-avg-pool2d';
import { GlobalMaxPool2D } from './global-max-pool2d';
import { InputLayer } from './input-layer';
import type { LayerClass } from './layer-class';
import { LeakyReLU } from './leaky-relu';
import { MaxPool2D } from './max-pool2d';
import { Normalization } from './normalization';
import { RandomContrast } from './random-contrast';
import { RandomFlip } from './random-flip';
import { RandomRotation } from './random-rotation';
import { RandomTranslation } from './random-translation';
import { RandomZoom } from './random-zoom';
import { ReLU } from './relu';
import { ReLU6 } from './relu6';
import { Rescaling } from './rescaling';
import { Reshape } from './reshape';
import { SeparableConv2D } from './separable-conv2d';
import { Softmax } from './softmax';

export type { LayerClass } from './layer-class';

/** Every built-in layer class. */
export const BUILTIN_LAYERS: readonly LayerClass[] = [
  InputLayer,
  Conv2D,
  DepthwiseConv2D,
  SeparableConv2D,
  MaxPool2D,
  AvgPool2D,
  GlobalAvgPool2D,
  GlobalMaxPool2D,
  Dense,
  Flatten,
  Reshape,
  Rescaling,
  Normalization,
  Dropout,
  BatchNormalization,
  Activation,
  ReLU,
  ReLU6,
  LeakyReLU,
  ELU,
  Softmax,
  Add,
  Concatenate,
  RandomFlip,
  RandomRotation,
  RandomZoom,
  RandomTranslation,
  RandomContrast,
];

/** Layer classes by class name. */
export const layerRegistry = new ClassRegistry<Layer>('layer');
for (const cls of BUILTIN_LAYERS) layerRegistry.register(cls.className, cls);
for (const [name, cls] of Object.entries(LAYER_ALIASES)) layerRegistry.register(name, cls);

/** Registers a layer class (built-in or custom) under its static `className`. */
export function registerLayer(cls: LayerClass): void {
  layerRegistry.register(cls.className, cls);
}

/** Rebuilds a layer from `{ className, config }` (as written by `serializeLayer`). */
export function deserializeLayer(value: Serialized): Layer {
  return layerRegistry.deserialize(value);
}

/** `{ className, config }` of a layer; `deserializeLayer` rebuilds it (weights are not included). */
export function serializeLayer(layer: Layer): Serialized {
  return { className: layer.className, config: layer.getConfig() };
}
