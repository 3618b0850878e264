/**
 * `@convkit/data` — lazy datasets ({@link Dataset}, {@link ImageDataset}: map,
 * shuffle, batch, prefetch), IDX (MNIST, Fashion-MNIST) and CIFAR-10 readers,
 * image augmentation, normalisation, splits ({@link trainValidationSplit}) and
 * k-fold ({@link kFold}). This entry is browser-safe: the file-system loaders
 * live in `@convkit/data/node`, the embedded MNIST digits in `@convkit/data/mnist`.
 *
 * @packageDocumentation
 */

export type { CollateOptions } from './collate';
export { collateImages, disposeBatchLike, isBatch } from './collate';
export type { ArrayDatasetOptions, BatchOptions, GeneratorOptions, SourceOf } from './dataset';
export { ArrayDataset, Dataset } from './dataset';
export type { FromUint8Options, ImageDatasetInit } from './image-dataset';
export { ImageDataset } from './image-dataset';
export type { ImageSample, ImageShape } from './image-sample';
export { imageSize, isImageSample } from './image-sample';
export type { Predicate } from './pipeline/filter';
export type { MapFn } from './pipeline/map';
export type { BytesLike, ReadOptions } from './readers/bytes';

export { DEFAULT_MAX_BYTES, isGzip, toPlainBytes } from './readers/bytes';
export type { Cifar10Options, Cifar10Records } from './readers/cifar10';
export { CIFAR10_CLASSES, CIFAR10_RECORD_BYTES, cifar10FromBatches, readCifar10 } from './readers/cifar10';
export type { IdxArray, IdxDtype } from './readers/idx';
export { encodeIdx, readIdx } from './readers/idx';
export type { IdxDatasetOptions, IdxImages } from './readers/idx-images';
export { imageDatasetFromIdx, readIdxImages, readIdxLabels } from './readers/idx-images';
export type { MnistFiles, TrainTest } from './readers/mnist';
export {
  FASHION_MNIST_CLASSES,
  fashionMnistFromFiles,
  MNIST_CLASSES,
  MNIST_FILE_NAMES,
  mnistFromFiles,
} from './readers/mnist';
export type { KFoldOptions } from './splits/k-fold';
export { kFold } from './splits/k-fold';
export type { SplitOptions, TrainValidation } from './splits/train-validation-split';
export { trainValidationSplit } from './splits/train-validation-split';
export type { Splittable } from './splittable';
export type { AffineMap, FillMode, Interpolation, WarpOptions } from './transforms/affine';
export { warpImage } from './transforms/affine';
export type { RandomBrightnessOptions } from './transforms/brightness';
export { adjustBrightness, randomBrightness } from './transforms/brightness';
export { computeChannelStats } from './transforms/channel-stats';
export type { RandomContrastOptions } from './transforms/contrast';
export { adjustContrast, randomContrast } from './transforms/contrast';
export type { PadMode, RandomCropOptions } from './transforms/crop';
export { padAndCropImage, randomCrop } from './transforms/crop';
export type { PatchOrigin, RandomCutoutOptions } from './transforms/cutout';
export { cutoutImage, randomCutout } from './transforms/cutout';
export type { FlipMode, RandomFlipModeOptions, RandomFlipOptions } from './transforms/flip';
export { flipImageHorizontal, flipImageVertical, randomFlip, randomFlipHorizontal } from './transforms/flip';
export type { ChannelStats } from './transforms/normalize';
export { normalizeChannels } from './transforms/normalize';
export { oneHot } from './transforms/one-hot';
export type { FactorRange } from './transforms/range';
export { rescale } from './transforms/rescale';
export type { RandomRotationOptions } from './transforms/rotation';
export { randomRotation, rotateImage } from './transforms/rotation';
export type { RandomShiftOptions } from './transforms/shift';
export { randomShift } from './transforms/shift';
export type { ImageTransform, RandomTransformOptions } from './transforms/transform';
export { compose } from './transforms/transform';
export { translateImage } from './transforms/translate';
export type { RandomZoomOptions } from './transforms/zoom';
export { randomZoom, zoomImage } from './transforms/zoom';
