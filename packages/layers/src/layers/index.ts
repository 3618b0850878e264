// Layer implementations (Conv2D, Dense, pooling, normalisation, activations, merge layers),
// plus initializers, regularizers, activations and the layer registry.

export type { ActivationIdentifier } from '../activations';
export {
  activationNames,
  gelu,
  getActivation,
  registerActivation,
  serializeActivation,
  softmaxAlong,
} from '../activations';
export type { InitializerIdentifier, VarianceScalingConfig } from '../initializers';
export {
  Constant,
  computeFans,
  GlorotNormal,
  GlorotUniform,
  getInitializer,
  HeNormal,
  HeUniform,
  initializerRegistry,
  LecunNormal,
  LecunUniform,
  Ones,
  RandomNormal,
  RandomUniform,
  registerInitializer,
  serializeInitializer,
  TruncatedNormal,
  VarianceScaling,
  Zeros,
} from '../initializers';
export type { RegularizerIdentifier } from '../regularizers';
export {
  getRegularizer,
  L1,
  L1L2,
  L2,
  registerRegularizer,
  regularizerRegistry,
  serializeRegularizer,
} from '../regularizers';
export type { ActivationArgs } from './activation';
export { Activation } from './activation';
export { Add } from './add';
export {
  AveragePooling2D,
  AvgPooling2D,
  Convolution2D,
  GlobalAveragePooling2D,
  GlobalMaxPooling2D,
  KERAS_CLASS_NAMES,
  kerasClassName,
  LAYER_ALIASES,
  MaxPooling2D,
  SeparableConvolution2D,
} from './aliases';
export { AvgPool2D } from './avg-pool2d';
export type { BatchNormalizationArgs } from './batch-normalization';
export { BatchNormalization } from './batch-normalization';
export type { ConcatenateArgs } from './concatenate';
export { Concatenate } from './concatenate';
export type { Conv2DArgs } from './conv2d';
export { Conv2D } from './conv2d';
export type { DenseArgs } from './dense';
export { Dense } from './dense';
export type { DepthwiseConv2DArgs } from './depthwise-conv2d';
export { DepthwiseConv2D } from './depthwise-conv2d';
export type { DropoutArgs } from './dropout';
export { Dropout } from './dropout';
export { ElementwiseLayer } from './elementwise';
export type { ELUArgs } from './elu';
export { ELU } from './elu';
export { layers } from './factories';
export type { FlattenArgs } from './flatten';
export { Flatten } from './flatten';
export { GlobalAvgPool2D } from './global-avg-pool2d';
export { GlobalMaxPool2D } from './global-max-pool2d';
export type { GlobalPooling2DArgs } from './global-pooling2d';
export { GlobalPooling2D } from './global-pooling2d';
export type { AffineMap, FillMode, Interpolation } from './image-warp';
export type { InputLayerArgs } from './input-layer';
export { Input, InputLayer } from './input-layer';
export type { LeakyReLUArgs } from './leaky-relu';
export { LeakyReLU } from './leaky-relu';
export { MaxPool2D } from './max-pool2d';
export { Merge } from './merge';
export type { NormalizationArgs } from './normalization';
export { Normalization } from './normalization';
export type { Pooling2DArgs } from './pooling2d';
export { Pooling2D } from './pooling2d';
export type { RandomAffineLayerArgs } from './random-affine-layer';
export { RandomAffineLayer } from './random-affine-layer';
export type { RandomContrastArgs } from './random-contrast';
export { RandomContrast } from './random-contrast';
export type { FactorRange } from './random-factor';
export type { FlipMode, RandomFlipArgs } from './random-flip';
export { RandomFlip } from './random-flip';
export type { RandomImageLayerArgs } from './random-image-layer';
export { RandomImageLayer } from './random-image-layer';
export type { RandomRotationArgs } from './random-rotation';
export { RandomRotation } from './random-rotation';
export type { RandomTranslationArgs } from './random-translation';
export { RandomTranslation } from './random-translation';
export type { RandomZoomArgs } from './random-zoom';
export { RandomZoom } from './random-zoom';
export type { LayerClass } from './registry';
export {
  BUILTIN_LAYERS,
  deserializeLayer,
  layerRegistry,
  registerLayer,
  serializeLayer,
} from './registry';
export type { ReLUArgs } from './relu';
export { ReLU } from './relu';
export { ReLU6 } from './relu6';
export type { RescalingArgs } from './rescaling';
export { Rescaling } from './rescaling';
export type { ReshapeArgs } from './reshape';
export { Reshape } from './reshape';
export type { SeparableConv2DArgs } from './separable-conv2d';
export { SeparableConv2D } from './separable-conv2d';
export type { SoftmaxArgs } from './softmax';
export { Softmax } from './softmax';
export type { PaddingMode } from './utils';
export { convOutputLength } from './utils';
