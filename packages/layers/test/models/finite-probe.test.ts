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
import { nonFiniteProbe, nonFiniteRows, sumProbe, withNonFiniteRows } from '../../src/models/finite';

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

describe('withNonFiniteRows (predict’s per-sample guard)', () => {
  // [input shape, output shape, rows holding a NaN / ±Infinity]
  const cases: [number[], number[], number[]][] = [
    [[1, 4, 4, 1], [1, 10], []],
    [[1, 4, 4, 1], [1, 10], [0]],
    [[3, 4, 4, 2], [3, 10], [1]],
    [
      [3, 5],
      [3, 2, 2, 3],
      [0, 2],
    ],
    [[4, 6], [4, 3], []],
  ];
  it.each(['cpu', 'wasm'])('equals out + the nonFiniteRows reference on %s, new tensor, no leaks', async (b) => {
    await setBackend(b);
    for (const [xShape, outShape, bad] of cases) {
      const n = xShape[0];
      const per = xShape.slice(1).reduce((a, v) => a * v, 1);
      const xv = seeded(7, n * per);
      for (const [k, r] of bad.entries()) xv[r * per + ((k * 3) % per)] = k % 2 ? Number.NEGATIVE_INFINITY : Number.NaN;
      const size = outShape.reduce((a, v) => a * v, 1);
      const ov = seeded(9, size);
      const x = tensor(xv, xShape);
      const out = tensor(ov, outShape);
      const before = numTensors();
      const got = tidy(() => withNonFiniteRows(out, x));
      expect(numTensors()).toBe(before + 1);
      expect(got).not.toBe(out);
      expect(got.shape).toEqual(outShape);
      const v = await got.data();
      const row = size / n;
      for (let i = 0; i < size; i++) {
        if (bad.includes(Math.floor(i / row))) expect(v[i], `${xShape} at ${i}`).toBeNaN();
        else expect(v[i], `${xShape} at ${i}`).toBe(ov[i]);
      }
      const ref = tidy(() => {
        const rows = nonFiniteRows(x);
        return rows;
      });
      expect(Array.from(await ref.data()).map(Number.isNaN)).toEqual(
        Array.from({ length: n }, (_, r) => bad.includes(r)),
      );
      for (const t of [x, out, got, ref]) t.dispose();
    }
  });
});
