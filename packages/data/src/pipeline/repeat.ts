/**
 * Passes over a re-iterable source `count` times (forever when `count` is
 * `Infinity`). Each pass asks the source for a fresh iterator, so a shuffled
 * source gives a new order every pass.
 */
export async function* repeatStream<T>(source: AsyncIterable<T>, count: number): AsyncGenerator<T> {
  for (let pass = 0; pass < count; pass++) {
    let any = false;
    for await (const item of source) {
      any = true;
      yield item;
    }
    // An empty source repeated forever would spin without yielding.
    if (!any) return;
  }
}
