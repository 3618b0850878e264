/**
 * Lower-case factories, as TensorFlow.js users type them
 * (`layers.conv2d({ filters: 8, kernelSize: 3 })`): one table, each entry
 * `new Class(args)` with exactly the class constructor's option type, so the
 * factories add no option, default or behaviour of their own. The spellings
 * are TensorFlow.js's (`tf.layers.*`), plus convkit's class names in lower
 * camel case where they differ (`maxPool2d`, `globalAvgPool2d`).
 */
import type { Layer } from '../engine/layer';
import { Activation } from './activation';
import { Add } from './add';
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

/** `new cls(...args)` as a function, with the constructor's exact parameter types (optional stays optional). */
// biome-ignore lint/suspicious/noExplicitAny: each class takes its own option type, kept by ConstructorParameters
function factory<C extends new (...args: any[]) => Layer>(
  cls: C,
): (...args: ConstructorParameters<C>) => InstanceType<C> {
  return (...args) => new cls(...args) as InstanceType<C>;
}

/**
 * The layer factories, TensorFlow.js style: `layers.conv2d(args)` is
 * `new Conv2D(args)`. Each takes the options of its class.
 *
 * @example
 * ```ts
 * import { layers, Sequential } from '@convkit/layers';
 *
 * const model = new Sequential({
 *   layers: [
 *     layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }),
 *     layers.maxPooling2d({ poolSize: 2 }),
 *     layers.flatten(),
 *     layers.dense({ units: 10, activation: 'softmax' }),
 *   ],
 * });
 * ```
 */
export const layers = Object.freeze({
  /** Builds an {@link InputLayer} (usually made by `Input({ shape })`). */
  inputLayer: factory(InputLayer),
  /** Builds a {@link Conv2D}. */
  conv2d: factory(Conv2D),
  /** Builds a {@link DepthwiseConv2D}. */
  depthwiseConv2d: factory(DepthwiseConv2D),
  /** Builds a {@link SeparableConv2D}. */
  separableConv2d: factory(SeparableConv2D),
  /** Builds a {@link Dense}. */
  dense: factory(Dense),
  /** Builds a {@link MaxPool2D} (TensorFlow.js spelling). */
  maxPooling2d: factory(MaxPool2D),
  /** Builds a {@link MaxPool2D}. */
  maxPool2d: factory(MaxPool2D),
  /** Builds an {@link AvgPool2D} (TensorFlow.js spelling). */
  averagePooling2d: factory(AvgPool2D),
  /** Builds an {@link AvgPool2D}. */
  avgPool2d: factory(AvgPool2D),
  /** Builds a {@link GlobalAvgPool2D} (TensorFlow.js spelling). */
  globalAveragePooling2d: factory(GlobalAvgPool2D),
  /** Builds a {@link GlobalAvgPool2D}. */
  globalAvgPool2d: factory(GlobalAvgPool2D),
  /** Builds a {@link GlobalMaxPool2D} (TensorFlow.js spelling). */
  globalMaxPooling2d: factory(GlobalMaxPool2D),
  /** Builds a {@link GlobalMaxPool2D}. */
  globalMaxPool2d: factory(GlobalMaxPool2D),
  /** Builds a {@link BatchNormalization}. */
  batchNormalization: factory(BatchNormalization),
  /** Builds a {@link Dropout}. */
  dropout: factory(Dropout),
  /** Builds a {@link Flatten}. */
  flatten: factory(Flatten),
  /** Builds a {@link Reshape}. */
  reshape: factory(Reshape),
  /** Builds a {@link Normalization}. */
  normalization: factory(Normalization),
  /** Builds a {@link Rescaling}. */
  rescaling: factory(Rescaling),
  /** Builds an {@link Activation}. */
  activation: factory(Activation),
  /** Builds a {@link ReLU} (TensorFlow.js spelling). */
  reLU: factory(ReLU),
  /** Builds a {@link ReLU6}. */
  reLU6: factory(ReLU6),
  /** Builds a {@link LeakyReLU}. */
  leakyReLU: factory(LeakyReLU),
  /** Builds an {@link ELU}. */
  elu: factory(ELU),
  /** Builds a {@link Softmax}. */
  softmax: factory(Softmax),
  /** Builds an {@link Add}. */
  add: factory(Add),
  /** Builds a {@link Concatenate}. */
  concatenate: factory(Concatenate),
  /** Builds a {@link RandomFlip}. */
  randomFlip: factory(RandomFlip),
  /** Builds a {@link RandomRotation}. */
  randomRotation: factory(RandomRotation),
  /** Builds a {@link RandomZoom}. */
  randomZoom: factory(RandomZoom),
  /** Builds a {@link RandomTranslation}. */
  randomTranslation: factory(RandomTranslation),
  /** Builds a {@link RandomContrast}. */
  randomContrast: factory(RandomContrast),
});
