/**
 * The streaming-metric protocol. A metric is fed one batch at a time in two
 * halves: `prepare` computes on the device, without reading, the few values
 * the metric needs from the batch (counts, class ids, scores) as one tensor;
 * the caller reads the tensors of every metric together with its own checks
 * in one asynchronous read, then hands each metric its slice (`apply`). So
 * `fit` and `evaluate` read once per batch however many metrics there are.
 */
import { dispose, ops, type Tensor, tidy } from '@convkit/core';

/** One batch prepared by a metric: the values to read, and what to do with them. */
export interface MetricBatch {
  /** What the metric needs from the batch, on the device (any shape; read as float32). */
  readonly values: Tensor;
  /**
   * Adds the batch to the metric's state.
   *
   * @param values - The elements of `values`, read from the device.
   */
  apply(values: Float32Array): void;
}

/**
 * Anything that `fit` and `evaluate` can feed batch by batch: a `Metric`, or
 * an accumulator with a richer result such as `ConfusionMatrix`.
 */
export interface BatchAccumulator {
  /** Forgets everything seen so far. */
  reset(): void;
  /**
   * The device half of an update (see the file comment): does not dispose its
   * arguments; the caller reads and disposes `values`, then calls `apply`.
   * Optional for metrics of your own: without it the caller awaits `update`.
   *
   * @param yTrue - Labels of the batch.
   * @param yPred - The model's outputs for the batch.
   * @returns The batch's values and their consumer.
   */
  prepare?(yTrue: Tensor, yPred: Tensor): MetricBatch;
  /**
   * Adds one batch, reading its values asynchronously; does not dispose its arguments.
   *
   * @param yTrue - Labels of the batch (sparse, one-hot or binary).
   * @param yPred - The model's outputs for the batch.
   */
  update(yTrue: Tensor, yPred: Tensor): Promise<void> | void;
}

/** A streaming metric with one number as its result. */
export interface Metric extends BatchAccumulator {
  /** Key in logs and history (`accuracy`, `val_accuracy`, ...). */
  readonly name: string;
  /**
   * True when `result()` is costly (it sorts every score seen, as `RocAuc`):
   * `fit` then reports the metric once per epoch, not in every batch's logs.
   */
  readonly epochOnly?: boolean;
  /**
   * The value over everything seen since `reset`.
   *
   * @returns The metric value.
   */
  result(): number;
}

/**
 * `update` for a metric that has `prepare`: prepares, reads once, applies.
 *
 * @param metric - The metric.
 * @param yTrue - Labels.
 * @param yPred - Predictions.
 */
export async function updateByReading(
  metric: { prepare(yTrue: Tensor, yPred: Tensor): MetricBatch },
  yTrue: Tensor,
  yPred: Tensor,
): Promise<void> {
  const batch = metric.prepare(yTrue, yPred);
  let values: Float32Array;
  try {
    values = (await batch.values.data()) as Float32Array;
  } finally {
    batch.values.dispose();
  }
  batch.apply(values);
}

/** What `readWithMetrics` read: the caller's own values, and the metric updates still to apply. */
export interface MetricsRead {
  /** The elements of `head`, as float32. */
  head: Float32Array;
  /** Applies the batch to every accumulator (call while the batch's tensors are alive). */
  commit(): Promise<void>;
}

/**
 * Prepares every accumulator on a batch and reads their values together with
 * `head` (the caller's own checks) in one asynchronous read. Nothing is
 * applied until `commit`, so a batch refused by the caller's checks leaves
 * the metrics untouched. Accumulators without `prepare` are updated by
 * `commit` with their own `update`.
 *
 * @param head - The caller's values (e.g. a batch's loss and checks), or `undefined`.
 * @param accumulators - The metrics to feed.
 * @param yTrue - The batch's labels.
 * @param yPred - The batch's predictions.
 * @returns The head's values, and `commit`.
 */
export async function readWithMetrics(
  head: Tensor | undefined,
  accumulators: readonly BatchAccumulator[],
  yTrue: Tensor,
  yPred: Tensor,
): Promise<MetricsRead> {
  const batches: (MetricBatch | undefined)[] = [];
  let values: Float32Array;
  try {
    for (const a of accumulators) batches.push(a.prepare ? a.prepare(yTrue, yPred) : undefined);
    const parts = [head, ...batches.map((b) => b?.values)].filter((t): t is Tensor => t !== undefined);
    if (parts.length === 0) {
      values = new Float32Array(0);
    } else {
      const all = tidy(() => ops.concat(parts.map((t) => ops.reshape(ops.cast(t, 'float32'), [-1]))));
      try {
        values = (await all.data()) as Float32Array;
      } finally {
        all.dispose();
      }
    }
  } finally {
    dispose(batches.filter((b): b is MetricBatch => b !== undefined).map((b) => b.values));
  }
  const headSize = head?.size ?? 0;
  const sizes = batches.map((b) => b?.values.size ?? 0);
  return {
    head: values.subarray(0, headSize),
    async commit() {
      let offset = headSize;
      for (let i = 0; i < accumulators.length; i++) {
        const b = batches[i];
        if (b) b.apply(values.subarray(offset, offset + sizes[i]));
        else await accumulators[i].update(yTrue, yPred);
        offset += sizes[i];
      }
    },
  };
}
