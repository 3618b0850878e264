/** The element type of image datasets and of every image transform. */

/** Height, width and channels of one image (HWC layout). */
export type ImageShape = readonly [height: number, width: number, channels: number];

/**
 * One labelled image. `image` holds `height * width * channels` floats in HWC
 * order. Samples read from an `ImageDataset` are views into its shared buffer:
 * treat them as read-only (every transform in this package returns a new array).
 */
export interface ImageSample {
  /** Pixels, HWC order, length `shape[0] * shape[1] * shape[2]`. */
  readonly image: Float32Array;
  /** `[height, width, channels]`. */
  readonly shape: ImageShape;
  /** Class index (0-based). */
  readonly label: number;
  /** Optional dense target (e.g. one-hot); when every sample of a batch has one, it becomes the batch's `ys`. */
  readonly target?: Float32Array;
}

/**
 * True when `value` has the fields of an `ImageSample`.
 *
 * @param value - Anything.
 * @returns True when `value` has `image` (Float32Array), a 3-element `shape` and a numeric `label`.
 */
export function isImageSample(value: unknown): value is ImageSample {
  const v = value as Partial<ImageSample> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.image instanceof Float32Array &&
    Array.isArray(v.shape) &&
    v.shape.length === 3 &&
    typeof v.label === 'number'
  );
}

/**
 * Number of floats in one image of `shape`.
 *
 * @param shape - `[height, width, channels]`.
 * @returns `height * width * channels`.
 */
export function imageSize(shape: ImageShape): number {
  return shape[0] * shape[1] * shape[2];
}
