/**
 * Read-ahead: keeps up to `bufferSize` requests to the upstream in flight so
 * that producing the next elements (reading, decoding, augmenting, building a
 * batch) overlaps with the consumer's work on the current one. Order is kept.
 */
import { disposeBatchLike } from '../collate';

/**
 * Yields the items of `source` in order while pulling up to `bufferSize` ahead.
 * If the consumer stops early, the elements already pulled but never handed
 * out are released (batches have their tensors disposed), so nothing leaks.
 */
export async function* prefetchStream<T>(source: AsyncIterable<T>, bufferSize: number): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  const pending: Promise<IteratorResult<T>>[] = [];
  let finished = false;
  const fill = () => {
    while (!finished && pending.length < bufferSize) pending.push(iterator.next());
  };
  let completed = false;
  try {
    fill();
    while (pending.length > 0) {
      const result = await pending.shift()!;
      if (result.done) {
        finished = true;
        break;
      }
      fill();
      yield result.value;
    }
    completed = true;
  } finally {
    // Requests still queued are settled before closing, and what they bring is released.
    const left = await Promise.allSettled(pending);
    for (const r of left) if (r.status === 'fulfilled' && !r.value.done) disposeBatchLike(r.value.value);
    if (!completed) await iterator.return?.();
  }
}
