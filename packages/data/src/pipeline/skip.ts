/** Every item of a stream after the first `count`. */
export async function* skipStream<T>(source: AsyncIterable<T>, count: number): AsyncGenerator<T> {
  let n = 0;
  for await (const item of source) {
    if (n++ < count) continue;
    yield item;
  }
}
