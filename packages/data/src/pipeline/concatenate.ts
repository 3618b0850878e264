/** All items of each source in turn. */
export async function* concatenateStreams<T>(sources: readonly AsyncIterable<T>[]): AsyncGenerator<T> {
  for (const source of sources) {
    yield* source;
  }
}
