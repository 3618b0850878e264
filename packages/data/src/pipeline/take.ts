/** The first `count` items of a stream; the upstream is closed as soon as they are out. */
export async function* takeStream<T>(source: AsyncIterable<T>, count: number): AsyncGenerator<T> {
  if (count <= 0) return;
  let n = 0;
  for await (const item of source) {
    yield item;
    if (++n >= count) return;
  }
}
