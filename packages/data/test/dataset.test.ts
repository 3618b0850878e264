import { type Batch, numTensors } from '@convkit/core';
import { Dataset, ImageDataset } from '@convkit/data';
import { describe, expect, it } from 'vitest';

function images(n: number, shape: [number, number, number] = [2, 3, 1]): ImageDataset {
  const size = shape[0] * shape[1] * shape[2];
  const data = new Float32Array(n * size);
  for (let i = 0; i < data.length; i++) data[i] = Math.floor(i / size); // every pixel of image i is i
  return new ImageDataset({ images: data, labels: Array.from({ length: n }, (_, i) => i % 3), shape });
}

describe('Dataset laziness and re-iteration', () => {
  it('calls map only when iterated, and every pass starts afresh', async () => {
    let calls = 0;
    const ds = Dataset.fromArray([1, 2, 3]).map((x) => {
      calls++;
      return x * 10;
    });
    expect(calls).toBe(0);
    expect(ds.size).toBe(3);
    expect(await ds.toArray()).toEqual([10, 20, 30]);
    expect(await ds.toArray()).toEqual([10, 20, 30]);
    expect(calls).toBe(6);
  });

  it('fromGenerator calls the generator once per pass and accepts async maps', async () => {
    let opened = 0;
    const ds = Dataset.fromGenerator(
      function* () {
        opened++;
        yield* [1, 2, 3];
      },
      { size: 3 },
    ).map(async (x) => x + 1);
    expect(opened).toBe(0);
    expect(await ds.toArray()).toEqual([2, 3, 4]);
    expect(await ds.toArray()).toEqual([2, 3, 4]);
    expect(opened).toBe(2);
  });

  it('filter, take, skip, repeat, concatenate and their sizes', async () => {
    const ds = Dataset.range(10);
    expect(await ds.take(3).toArray()).toEqual([0, 1, 2]);
    expect(ds.take(30).size).toBe(10);
    expect(await ds.skip(7).toArray()).toEqual([7, 8, 9]);
    expect(ds.skip(12).size).toBe(0);
    const even = ds.filter((x) => x % 2 === 0);
    expect(even.size).toBeUndefined();
    expect(await even.toArray()).toEqual([0, 2, 4, 6, 8]);
    expect(await ds.take(2).repeat(3).toArray()).toEqual([0, 1, 0, 1, 0, 1]);
    expect(ds.repeat().size).toBe(Number.POSITIVE_INFINITY);
    expect(ds.repeat().batchCount).toBeUndefined();
    expect(await ds.repeat().take(12).toArray()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
    const both = Dataset.range(2).concatenate(Dataset.fromArray([5, 6]));
    expect(both.size).toBe(4);
    expect(await both.toArray()).toEqual([0, 1, 5, 6]);
    await expect(ds.repeat().toArray()).rejects.toThrow(/infinite/);
  });

  it('forEach visits every element in order', async () => {
    const seen: number[] = [];
    await Dataset.range(4).forEach((x) => {
      seen.push(x);
    });
    expect(seen).toEqual([0, 1, 2, 3]);
  });
});

describe('shuffle', () => {
  it('is a permutation, reproducible for a seed, different each epoch', async () => {
    const ds = Dataset.range(100).shuffle(100, 7);
    const e1 = await ds.toArray();
    const e2 = await ds.toArray();
    expect([...e1].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(e1).not.toEqual(e2);
    expect(e1).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
    const again = Dataset.range(100).shuffle(100, 7);
    expect(await again.toArray()).toEqual(e1);
    expect(await again.toArray()).toEqual(e2);
    expect(await Dataset.range(100).shuffle(100, 8).toArray()).not.toEqual(e1);
  });

  it('with a small buffer still yields every element once', async () => {
    const out = await Dataset.range(50).shuffle(4, 1).toArray();
    expect(out).toHaveLength(50);
    expect(new Set(out).size).toBe(50);
  });
});

describe('batch', () => {
  it('groups plain elements with and without the remainder', async () => {
    expect(await Dataset.range(7).batch(3).toArray()).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    expect(Dataset.range(7).batch(3).size).toBe(3);
    const dropped = Dataset.range(7).batch(3, { dropRemainder: true });
    expect(dropped.size).toBe(2);
    expect(await dropped.toArray()).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
  });

  it('stacks image samples into Batch tensors with int32 labels or one-hot', async () => {
    const ds = images(5);
    const batches = ds.batch(2);
    expect(batches.batchCount).toBe(3);
    const shapes: number[][] = [];
    for await (const b of batches) {
      shapes.push(b.xs.shape);
      expect(b.xs.dtype).toBe('float32');
      expect(b.ys.dtype).toBe('int32');
      b.xs.dispose();
      b.ys.dispose();
    }
    expect(shapes).toEqual([
      [2, 2, 3, 1],
      [2, 2, 3, 1],
      [1, 2, 3, 1],
    ]);
    const [first] = await ds.batch(4, { oneHot: 3 }).take(1).toArray();
    expect(first.ys.shape).toEqual([4, 3]);
    expect(Array.from(first.ys.dataSync())).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0]);
    expect(Array.from(first.xs.dataSync()).filter((_, i) => i % 6 === 0)).toEqual([0, 1, 2, 3]);
    first.xs.dispose();
    first.ys.dispose();
  });

  it('samples are views into the shared buffer, not copies', async () => {
    const ds = images(3);
    const [a, b] = await ds.take(2).toArray();
    expect(a.image.buffer).toBe(b.image.buffer);
    expect(Array.from(b.image)).toEqual([1, 1, 1, 1, 1, 1]);
  });
});

describe('prefetch', () => {
  it('keeps order and reads ahead', async () => {
    const pulled: number[] = [];
    const ds = Dataset.range(6)
      .map((x) => {
        pulled.push(x);
        return x;
      })
      .prefetch(3);
    const seen: number[] = [];
    for await (const x of ds) {
      seen.push(x);
      if (x === 0) {
        await new Promise((r) => setTimeout(r, 5));
        expect(pulled.length).toBeGreaterThanOrEqual(3);
      }
    }
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe('tensor memory', () => {
  it('leaves the live tensor count unchanged after a full epoch and after stopping early', async () => {
    const ds = images(50, [4, 4, 3]);
    const before = numTensors();
    const pipeline = ds.shuffle(50, 3).batch(8).prefetch(3);
    for (let epoch = 0; epoch < 2; epoch++) {
      for await (const b of pipeline) {
        b.xs.dispose();
        b.ys.dispose();
      }
    }
    expect(numTensors()).toBe(before);
    let first: Batch | undefined;
    for await (const b of pipeline) {
      first = b;
      break;
    }
    first?.xs.dispose();
    first?.ys.dispose();
    expect(numTensors()).toBe(before);
    const all = ds.toBatch();
    expect(all.xs.shape).toEqual([50, 4, 4, 3]);
    all.xs.dispose();
    all.ys.dispose();
    expect(numTensors()).toBe(before);
  });
});
