/**
 * avgPool (2-D and 3-D) and maxPool over window sizes, strides and paddings
 * ('same', 'valid', numeric with a rounding mode), against the float64
 * references: the gradient of an average over a window that overlaps the
 * padding divides by the in-bounds count, as the forward pass does.
 */
import { ops, type Tensor, type Tensor3D, type Tensor4D } from '@convkit/core';
import * as tf from '@tensorflow/tfjs-core';
import type { OpCase } from './check-op';
import { type PoolSpec, poolRef } from './ops-f64';

const pool = (filter: number[], strides: number[], pad: PoolSpec['pad'], rounding?: PoolSpec['rounding']) => ({
  filter,
  strides,
  pad,
  rounding,
});

const AVG_2D: { x: number[]; p: PoolSpec }[] = [
  { x: [1, 3, 3, 1], p: pool([3, 3], [1, 1], 'same') },
  { x: [2, 7, 6, 2], p: pool([3, 3], [2, 2], 'same') },
  { x: [1, 5, 7, 1], p: pool([2, 3], [2, 1], 'same') },
  { x: [1, 5, 5, 2], p: pool([2, 2], [2, 2], 'same') },
  { x: [1, 6, 6, 1], p: pool([3, 3], [1, 1], 'valid') },
  { x: [1, 7, 6, 2], p: pool([2, 3], [2, 2], 'valid') },
  { x: [1, 7, 7, 1], p: pool([3, 3], [2, 2], 1) },
  { x: [1, 6, 6, 1], p: pool([3, 3], [2, 2], 1, 'ceil') },
  { x: [2, 8, 6, 2], p: pool([3, 2], [2, 2], 1, 'round') },
];

const MAX_2D: { x: number[]; p: PoolSpec }[] = [
  { x: [1, 7, 6, 2], p: pool([3, 3], [2, 2], 'same') },
  { x: [1, 5, 5, 1], p: pool([2, 2], [2, 2], 'same') },
  { x: [1, 6, 7, 1], p: pool([3, 2], [1, 2], 'valid') },
  { x: [2, 6, 6, 2], p: pool([3, 3], [2, 2], 1, 'ceil') },
];

const AVG_3D: { x: number[]; p: PoolSpec }[] = [
  { x: [1, 4, 5, 5, 2], p: pool([3, 3, 3], [2, 2, 2], 'same') },
  { x: [1, 3, 4, 4, 1], p: pool([2, 3, 3], [1, 1, 1], 'same') },
  { x: [2, 4, 4, 5, 1], p: pool([2, 2, 3], [2, 2, 1], 'valid') },
];

const name = (kind: string, x: number[], p: PoolSpec) =>
  `${kind} x${JSON.stringify(x)} window ${p.filter} strides ${p.strides} pad ${p.pad}${p.rounding ? ` ${p.rounding}` : ''}`;

/** Every pooling case, as op cases. */
export function poolCases(): OpCase[] {
  const cases: OpCase[] = [];
  for (const { x, p } of AVG_2D) {
    cases.push({
      name: name('avgPool', x, p),
      shapes: [x],
      op: (t) =>
        ops.avgPool(t as Tensor4D, p.filter as [number, number], p.strides as [number, number], p.pad, p.rounding),
      ref: ([t]) => poolRef(t, p, 'avg'),
    });
  }
  const p3 = AVG_2D[1].p;
  cases.push({
    name: 'avgPool of an unbatched x[7,6,2] window 3 strides 2 same',
    shapes: [[7, 6, 2]],
    op: (t) => ops.avgPool(t as Tensor3D, 3, 2, 'same'),
    ref: ([t]) => {
      const y = poolRef({ values: t.values, shape: [1, ...t.shape] }, p3, 'avg');
      return { values: y.values, shape: y.shape.slice(1) };
    },
  });
  for (const { x, p } of MAX_2D) {
    cases.push({
      name: name('maxPool', x, p),
      shapes: [x],
      distinct: true,
      op: (t) =>
        ops.maxPool(t as Tensor4D, p.filter as [number, number], p.strides as [number, number], p.pad, p.rounding),
      ref: ([t]) => poolRef(t, p, 'max'),
    });
  }
  for (const { x, p } of AVG_3D) {
    cases.push({
      name: name('avgPool3d', x, p),
      shapes: [x],
      op: (t: Tensor) =>
        tf.avgPool3d(
          t as tf.Tensor5D,
          p.filter as [number, number, number],
          p.strides as [number, number, number],
          p.pad,
          p.rounding,
        ),
      ref: ([t]) => poolRef(t, p, 'avg'),
    });
  }
  return cases;
}
