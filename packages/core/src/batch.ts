/**
 * The contract between `@convkit/data` (which produces batches) and
 * `@convkit/layers` (whose `fit`/`evaluate` consume them), so neither package
 * imports the other.
 */
import type { Tensor } from '@tensorflow/tfjs-core';

/** One mini-batch: inputs and targets with the same leading (batch) dimension. */
export interface Batch {
  /** Inputs, `[batch, ...]`. */
  xs: Tensor;
  /** Targets (labels or one-hot rows), `[batch, ...]`. */
  ys: Tensor;
}

/**
 * Anything `fit`/`evaluate` can iterate once per epoch. It must be
 * re-iterable (each `for await` starts a fresh pass). The consumer disposes
 * `xs` and `ys` of every batch it receives.
 */
export type BatchSource = (Iterable<Batch> | AsyncIterable<Batch>) & {
  /** Number of batches per pass, when known (used for progress bars and ETA). */
  readonly batchCount?: number;
};
