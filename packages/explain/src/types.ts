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

/**
 * Which number of the model's output is explained: `'logit'`, the output
 * layer's score before its softmax activation (what the Grad-CAM and IG
 * papers use: a confident softmax has vanishing gradients); `'output'`, the
 * model's output itself (a probability for a softmax head); `'auto'`, logits
 * when the output layer has a softmax activation, else the output.
 */
export type ScoreKind = 'auto' | 'logit' | 'output';

/** Options of every attribution method. */
export interface AttributionOptions {
  /** Class to explain per image; default: the predicted class (`argMax` of the model's output). */
  target?: Target;
  /** The score explained; default `'auto'` (logits for a softmax output layer). */
  score?: ScoreKind;
}

/** Options of the methods that differentiate the model in batches. */
export interface BatchedOptions extends AttributionOptions {
  /** Model inputs per forward/backward pass. Default 32. */
  batchSize?: number;
}
