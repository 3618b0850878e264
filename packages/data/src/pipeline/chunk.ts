/** Groups a stream into arrays of `size` items (the last one shorter unless `dropRemainder`). */
export async function* chunkStream<T>(
  source: AsyncIterable<T>,
  size: number,
  dropRemainder: boolean,
): AsyncGenerator<T[]> {
  let chunk: T[] = [];
  for await (const item of source) {
    chunk.push(item);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0 && !dropRemainder) yield chunk;
}
