/** Batching helpers of the training loop: tensors split into batches, argument checks. */
import { type Batch, type BatchSource, ConfigError, ops, type Tensor, tensor1d } from '@convkit/core';

/** Throws a `ConfigError` naming `name` unless `value` is a positive integer. */
export function positiveInt(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) throw new ConfigError(`${name} must be a positive integer, got ${value}`);
  return value;
}

/** True for a tfjs tensor (duck-typed: it survives several copies of tfjs-core). */
export function isTensor(x: unknown): x is Tensor {
  return typeof x === 'object' && x !== null && 'dataId' in x && 'shape' in x && 'dtype' in x;
}

/** Rows `[start, start + size)` of `x` along the batch axis. */
export function sliceBatch(x: Tensor, start: number, size: number): Tensor {
  return ops.slice(x, [start, ...x.shape.slice(1).map(() => 0)], [size, ...x.shape.slice(1).map(() => -1)]);
}

/** Batches of `x, y` in order or by `order`, as a one-pass source (each batch owned by the consumer). */
export function tensorBatches(x: Tensor, y: Tensor, batchSize: number, order: Int32Array | null): BatchSource {
  const n = x.shape[0];
  const batchCount = Math.ceil(n / batchSize);
  function* gen(): Generator<Batch> {
    for (let start = 0; start < n; start += batchSize) {
      const size = Math.min(batchSize, n - start);
      if (order) {
        const idx = tensor1d(order.subarray(start, start + size), 'int32');
        const batch = { xs: ops.gather(x, idx), ys: ops.gather(y, idx) };
        idx.dispose();
        yield batch;
      } else {
        yield { xs: sliceBatch(x, start, size), ys: sliceBatch(y, start, size) };
      }
    }
  }
  return Object.assign({ [Symbol.iterator]: gen }, { batchCount });
}
