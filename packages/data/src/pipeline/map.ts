/** Lazy element-wise mapping of an async stream. */

/**
 * A per-element function; it may return a promise.
 *
 * @param item - The element.
 * @returns The new element.
 */
export type MapFn<T, U> = (item: T) => U | Promise<U>;

function isPromiseLike<U>(value: U | Promise<U>): value is Promise<U> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** Yields `fn(item)` for each item of `source`, awaiting only results that are promises. */
export async function* mapStream<T, U>(source: AsyncIterable<T>, fn: MapFn<T, U>): AsyncGenerator<U> {
  for await (const item of source) {
    const out = fn(item);
    yield isPromiseLike(out) ? await out : out;
  }
}
