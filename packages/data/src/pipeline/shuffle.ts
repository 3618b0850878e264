/**
 * Buffered shuffle, as in tf.data: keep `bufferSize` items, emit a random one
 * and put the next upstream item in its place. With a buffer at least as large
 * as the dataset this is a uniform random permutation; smaller buffers trade
 * randomness for memory on streams that do not fit.
 */
import type { Rng } from '@convkit/core';

/** Yields the items of `source` in an order drawn from `rng`. */
export async function* shuffleStream<T>(source: AsyncIterable<T>, bufferSize: number, rng: Rng): AsyncGenerator<T> {
  const buffer: T[] = [];
  for await (const item of source) {
    if (buffer.length < bufferSize) {
      buffer.push(item);
      continue;
    }
    const j = rng.int(bufferSize);
    const out = buffer[j];
    buffer[j] = item;
    yield out;
  }
  // Drain what is left as a Fisher–Yates shuffle.
  rng.shuffle(buffer);
  for (let i = 0; i < buffer.length; i++) yield buffer[i];
}
