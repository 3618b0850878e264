/**
 * Turning a list of image samples into one `Batch` of tensors, and releasing
 * batches that were produced but never handed to a consumer.
 */
import {
  type Batch,
  ConfigError,
  dispose,
  formatShape,
  ShapeError,
  type Tensor,
  TensorClass,
  tensor,
} from '@convkit/core';
import { checkOptionalInteger, checkOptions, describeValue } from './check';
import { type ImageSample, imageSize } from './image-sample';

/** Options for turning image samples into a batch. */
export interface CollateOptions {
  /**
   * Emit one-hot float32 targets `[b, numClasses]` instead of int32 labels `[b]`.
   * Ignored when the samples carry their own `target` vectors.
   */
  oneHot?: number;
}

/** Checks a `oneHot` option (a number of classes) of public function `fn`. */
export function checkOneHot(fn: string, oneHot: unknown): number | undefined {
  return checkOptionalInteger(fn, 'options.oneHot', oneHot, { min: 1, max: 1 << 24 });
}

/**
 * Stacks image samples into a `Batch`: `xs` float32 `[b, h, w, c]`; `ys` int32
 * labels `[b]`, or float32 `[b, k]` when the samples carry `target` vectors or
 * `oneHot` is given. The caller owns (and must dispose) both tensors.
 *
 * @param samples - Image samples of one shape.
 * @param options - `oneHot`: number of classes for one-hot targets.
 * @returns The batch; the caller disposes `xs` and `ys`.
 * @throws {ConfigError} when `samples` is not an array or `oneHot` is invalid.
 * @throws {ShapeError} when there are no samples, shapes differ, targets differ in length, or a label is outside `0..oneHot-1`.
 */
export function collateImages(samples: readonly ImageSample[], options: CollateOptions = {}): Batch {
  const oneHot = checkOneHot('collateImages', checkOptions('collateImages', options).oneHot);
  if (!Array.isArray(samples)) {
    throw new ConfigError(`collateImages: samples must be an array of image samples, got ${describeValue(samples)}`);
  }
  if (samples.length === 0) throw new ShapeError('collateImages: cannot build a batch from zero samples');
  const shape = samples[0].shape;
  const size = imageSize(shape);
  const xs = new Float32Array(samples.length * size);
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i];
    if (s.shape[0] !== shape[0] || s.shape[1] !== shape[1] || s.shape[2] !== shape[2] || s.image.length !== size) {
      throw new ShapeError(
        `collateImages: sample ${i} has shape ${formatShape(s.shape)} (${s.image.length} values), expected ${formatShape(shape)} like sample 0`,
      );
    }
    xs.set(s.image, i * size);
  }
  const b = samples.length;
  const withTargets = samples[0].target !== undefined;
  let ys: Tensor;
  if (withTargets) {
    const k = samples[0].target!.length;
    const values = new Float32Array(b * k);
    for (let i = 0; i < b; i++) {
      const t = samples[i].target;
      if (!t || t.length !== k) {
        throw new ShapeError(`collateImages: sample ${i} has a target of length ${t?.length ?? 0}, expected ${k}`);
      }
      values.set(t, i * k);
    }
    ys = tensor(values, [b, k], 'float32');
  } else if (oneHot !== undefined) {
    const k = oneHot;
    const values = new Float32Array(b * k);
    for (let i = 0; i < b; i++) {
      const label = samples[i].label;
      if (!Number.isInteger(label) || label < 0 || label >= k) {
        throw new ShapeError(`collateImages: sample ${i} has label ${label}, outside 0..${k - 1} for oneHot: ${k}`);
      }
      values[i * k + label] = 1;
    }
    ys = tensor(values, [b, k], 'float32');
  } else {
    const labels = new Int32Array(b);
    for (let i = 0; i < b; i++) labels[i] = samples[i].label;
    ys = tensor(labels, [b], 'int32');
  }
  return { xs: tensor(xs, [b, shape[0], shape[1], shape[2]], 'float32'), ys };
}

/**
 * True when `value` is a `Batch` (an object whose `xs` and `ys` are tensors).
 *
 * @param value - Anything.
 * @returns True for a `Batch`.
 */
export function isBatch(value: unknown): value is Batch {
  const v = value as Partial<Batch> | null;
  return typeof v === 'object' && v !== null && v.xs instanceof TensorClass && v.ys instanceof TensorClass;
}

/**
 * Disposes the tensors of `value` when it is a `Batch` or a single tensor; does nothing otherwise.
 *
 * @param value - A batch, a tensor, or anything else.
 */
export function disposeBatchLike(value: unknown): void {
  if (value instanceof TensorClass) dispose(value);
  else if (isBatch(value)) dispose([value.xs, value.ys]);
}
