/**
 * The training step's fast finiteness probe (`sumProbe`: one reduction over
 * the concatenation of every gradient, weight and optimizer slot) against a
 * reference computed in JavaScript from the same values, on 'cpu' and 'wasm':
 * finite inputs give their sum, a NaN or ±Infinity in any tensor (first,
 * middle, last, across chunk boundaries) gives a non-finite value, integer
 * tensors are skipped, and no tensor is left behind.
 */
import '@convkit/backend-wasm';
import { numTensors, setBackend, type Tensor, tensor, tidy } from '@convkit/core';
import { describe, expect, it } from 'vitest';
import { nonFiniteProbe, sumProbe } from '../../src/models/finite';

/** Seeded values in [-1, 1). */
function seeded(seed: number, n: number): Float32Array {
  let a = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
    return (a / 4294967296) * 2 - 1;
  });
}

const SHAPES = [[3, 3, 1, 4], [4], [5, 7], [7], [1], [2, 3, 2]];

async function probe(values: Float32Array[], chunk?: number, extra: Tensor[] = [], ownSum?: number): Promise<number> {
  const before = numTensors();
  const ts = values.map((v, i) => tensor(v, SHAPES[i]));
  const p = tidy(() => sumProbe([...ts, ...extra], chunk, ownSum));
  const out = (await p.data())[0];
  p.dispose();
  for (const t of ts) t.dispose();
  expect(numTensors(), 'tensors left by sumProbe').toBe(before);
  return out;
}

describe.each(['cpu', 'wasm'] as const)('sumProbe on %s', (backend) => {
  const values = () =>
    SHAPES.map((s, i) =>
      seeded(
        11 + i,
        s.reduce((a, b) => a * b, 1),
      ),
    );

  it('is the sum of every value when all are finite, for any chunk size', async () => {
    await setBackend(backend);
    const vs = values();
    let ref = 0;
    for (const v of vs) for (const x of v) ref += x;
    // chunk 1 and 10: one reduction per tensor or per few tensors; default: one in all
    for (const chunk of [undefined, 1, 10, 60]) {
      for (const ownSum of [undefined, 1, 20]) {
        const got = await probe(vs, chunk, [], ownSum);
        expect(Math.abs(got - ref), `chunk ${chunk}, ownSum ${ownSum}`).toBeLessThan(1e-4);
      }
    }
  });

  it.each([
    ['NaN', Number.NaN],
    ['+Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
  ])('is not finite when one value anywhere is %s', async (_name, bad) => {
    await setBackend(backend);
    for (const [tensorAt, at] of [
      [0, 0],
      [2, 17],
      [5, 11],
      [4, 0],
    ] as const) {
      for (const [chunk, ownSum] of [
        [undefined, undefined],
        [1, undefined],
        [10, undefined],
        [10, 20],
        [undefined, 1],
      ]) {
        const vs = values();
        vs[tensorAt][at] = bad;
        const got = await probe(vs, chunk, [], ownSum);
        const what = `${bad} in tensor ${tensorAt}[${at}], chunk ${chunk}, ownSum ${ownSum}: got ${got}`;
        expect(Number.isFinite(got), what).toBe(false);
      }
    }
  });

  it('skips integer and empty tensors, and is 0 for none', async () => {
    await setBackend(backend);
    const ints = tensor([1, 2, 3], [3], 'int32');
    const empty = tensor([], [0, 3]);
    expect(await probe([], undefined, [ints, empty])).toBe(0);
    const one = seeded(3, 4);
    const four = tensor(one, [4]);
    expect(await probe([], undefined, [ints, four, empty])).toBeCloseTo(
      one.reduce((a, b) => a + b, 0),
      5,
    );
    four.dispose();
    ints.dispose();
    empty.dispose();
  });

  it('agrees with the exact probe on which inputs are finite', async () => {
    await setBackend(backend);
    const vs = values();
    vs[3][2] = Number.NaN;
    const ts = vs.map((v, i) => tensor(v, SHAPES[i]));
    const flags = tidy(() => [sumProbe(ts), nonFiniteProbe(ts), sumProbe(ts.slice(4)), nonFiniteProbe(ts.slice(4))]);
    const read = await Promise.all(flags.map(async (f) => (await f.data())[0]));
    expect(read.map(Number.isFinite)).toEqual([false, false, true, true]);
    for (const t of [...ts, ...flags]) t.dispose();
  });
});
