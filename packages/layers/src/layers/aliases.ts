/**
 * Keras / TensorFlow.js spellings of convkit's layer classes, the one table
 * of them: `new MaxPooling2D({ poolSize: 2 })` builds a {@link MaxPool2D}
 * (the alias *is* the class, so `instanceof` works both ways and the layer
 * serialises under its convkit name). The layer registry resolves these
 * names in saved configs, and the TensorFlow.js / Keras config mapping
 * (`models/io/keras-config.ts`) reads and writes Keras class names from here.
 */

import { AvgPool2D } from './avg-pool2d';
import { Conv2D } from './conv2d';
import { GlobalAvgPool2D } from './global-avg-pool2d';
import { GlobalMaxPool2D } from './global-max-pool2d';
import type { LayerClass } from './layer-class';
import { MaxPool2D } from './max-pool2d';
import { SeparableConv2D } from './separable-conv2d';

/** Keras / TensorFlow.js name of {@link MaxPool2D}; the same class. */
export const MaxPooling2D = MaxPool2D;
/** A {@link MaxPool2D} layer (Keras spelling). */
export type MaxPooling2D = MaxPool2D;

/** Keras / TensorFlow.js name of {@link AvgPool2D}; the same class. */
export const AveragePooling2D = AvgPool2D;
/** An {@link AvgPool2D} layer (Keras spelling). */
export type AveragePooling2D = AvgPool2D;

/** TensorFlow.js's `avgPooling2d` spelling of {@link AvgPool2D}; the same class. */
export const AvgPooling2D = AvgPool2D;
/** An {@link AvgPool2D} layer (TensorFlow.js spelling). */
export type AvgPooling2D = AvgPool2D;

/** Keras / TensorFlow.js name of {@link GlobalAvgPool2D}; the same class. */
export const GlobalAveragePooling2D = GlobalAvgPool2D;
/** A {@link GlobalAvgPool2D} layer (Keras spelling). */
export type GlobalAveragePooling2D = GlobalAvgPool2D;

/** Keras / TensorFlow.js name of {@link GlobalMaxPool2D}; the same class. */
export const GlobalMaxPooling2D = GlobalMaxPool2D;
/** A {@link GlobalMaxPool2D} layer (Keras spelling). */
export type GlobalMaxPooling2D = GlobalMaxPool2D;

/** Keras 1 name of {@link Conv2D}, still read by Keras and TensorFlow.js; the same class. */
export const Convolution2D = Conv2D;
/** A {@link Conv2D} layer (Keras 1 spelling). */
export type Convolution2D = Conv2D;

/** Keras 1 name of {@link SeparableConv2D}; the same class. */
export const SeparableConvolution2D = SeparableConv2D;
/** A {@link SeparableConv2D} layer (Keras 1 spelling). */
export type SeparableConvolution2D = SeparableConv2D;

/**
 * Keras / TensorFlow.js class names that are other names of a convkit layer
 * class (alias → class). The registry resolves them in saved configs.
 */
export const LAYER_ALIASES: Readonly<Record<string, LayerClass>> = Object.freeze({
  MaxPooling2D,
  AveragePooling2D,
  AvgPooling2D,
  GlobalAveragePooling2D,
  GlobalMaxPooling2D,
  Convolution2D,
  SeparableConvolution2D,
});

/**
 * The class name Keras and TensorFlow.js write for a convkit class, where it
 * differs from convkit's (convkit name → Keras name); every other class is
 * written under its own name. Each value is a key of {@link LAYER_ALIASES}.
 */
export const KERAS_CLASS_NAMES: Readonly<Record<string, string>> = Object.freeze({
  [MaxPool2D.className]: 'MaxPooling2D',
  [AvgPool2D.className]: 'AveragePooling2D',
  [GlobalAvgPool2D.className]: 'GlobalAveragePooling2D',
  [GlobalMaxPool2D.className]: 'GlobalMaxPooling2D',
});

/**
 * The Keras / TensorFlow.js class name of a convkit layer class name.
 *
 * @param className - A convkit class name, e.g. `'MaxPool2D'`.
 * @returns The name Keras writes, e.g. `'MaxPooling2D'`; `className` itself when Keras uses the same name.
 */
export function kerasClassName(className: string): string {
  return Object.hasOwn(KERAS_CLASS_NAMES, className) ? KERAS_CLASS_NAMES[className] : className;
}
