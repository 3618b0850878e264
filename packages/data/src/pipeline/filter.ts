/** Lazy filtering of an async stream. */

/**
 * A predicate; it may return a promise.
 *
 * @param item - The element.
 * @returns Whether to keep it.
 */
export type Predicate<T> = (item: T) => boolean | Promise<boolean>;

/** Yields the items of `source` for which `keep` is true. */
export async function* filterStream<T>(source: AsyncIterable<T>, keep: Predicate<T>): AsyncGenerator<T> {
  for await (const item of source) {
    if (await keep(item)) yield item;
  }
}
