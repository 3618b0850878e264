/**
 * Options every attribution method shares, and the names of its choices.
 */

/**
 * The class whose score a map explains: one class for every image, one per
 * image, or (undefined) the class the model predicts for each image.
 */
export type Target = number | readonly number[];

/**
 * How a per-channel attribution `[N, H, W, C]` becomes a map `[N, H, W]`:
 * `'sum'` keeps the sign and the total (Integrated Gradients' completeness),
 * `'maxAbs'` is the largest magnitude over the channels (Simonyan et al.'s
 * saliency), `'sumAbs'` the summed magnitude, `'l2'` the Euclidean norm.
 */
export type ChannelReduction = 'sum' | 'maxAbs' | 'sumAbs' | 'l2';

/** Options of every attribution method. */
export interface AttributionOptions {
  /** Class to explain per image; default: the predicted class (`argMax` of the model's output). */
  target?: Target;
}

/** Options of the methods that differentiate the model in batches. */
export interface BatchedOptions extends AttributionOptions {
  /** Model inputs per forward/backward pass. Default 32. */
  batchSize?: number;
}
