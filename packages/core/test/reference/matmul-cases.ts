/**
 * matMul and fused.matMul with batch broadcasting on one side, both sides,
 * across ranks and with transposes, against the float64 reference.
 */
import { ops } from '@convkit/core';
import type { OpCase } from './check-op';
import { type F64, matMulRef, size } from './ops-f64';

const PAIRS: { a: number[]; b: number[]; tA?: boolean; tB?: boolean; large?: boolean }[] = [
  { a: [3, 1, 31, 7], b: [1, 5, 7, 300], large: true },
  { a: [2, 1, 3, 4], b: [1, 3, 4, 2] },
  { a: [2, 1, 3, 4], b: [3, 4, 2] },
  { a: [4, 1, 2, 3], b: [5, 3, 2] },
  { a: [3, 1, 3, 2], b: [1, 2, 2, 3], tA: true, tB: true },
  { a: [1, 2, 4, 3], b: [2, 1, 4, 2], tA: true },
  { a: [2, 1, 3, 2], b: [1, 3, 4, 2], tB: true },
  { a: [3, 4], b: [2, 4, 5] },
  { a: [2, 3, 4], b: [4, 5] },
  { a: [1, 2, 3], b: [2, 3, 4] },
  { a: [2, 3, 4], b: [2, 4, 5] },
  // Large enough for convkit's wasm GEMM (the smaller ones run on tfjs-backend-wasm's kernel).
  { a: [2, 1, 24, 16], b: [1, 3, 16, 32], large: true },
  { a: [4, 24, 16], b: [16, 48], large: true },
];

/** Sums `g` over the axes where `shape` (left-padded with ones) is 1 but `g` is not. */
function sumTo(g: F64, shape: number[]): F64 {
  const lead = g.shape.length - shape.length;
  const padded = [...Array(lead).fill(1), ...shape];
  const out = new Float64Array(size(shape));
  const idx = new Array<number>(g.shape.length).fill(0);
  for (let i = 0; i < g.values.length; i++) {
    let rest = i;
    for (let k = g.shape.length - 1; k >= 0; k--) {
      idx[k] = rest % g.shape[k];
      rest = Math.floor(rest / g.shape[k]);
    }
    let o = 0;
    for (let k = 0; k < padded.length; k++) o = o * padded[k] + (padded[k] === 1 ? 0 : idx[k]);
    out[o] += g.values[i];
  }
  return { values: out, shape };
}

/** Exact gradients of Σ r · (a × b) for untransposed operands: r × bᵀ and aᵀ × r, summed over broadcast axes. */
function matMulGrads([a, b]: F64[], r: F64): F64[] {
  return [sumTo(matMulRef(r, b, false, true), a.shape), sumTo(matMulRef(a, r, true, false), b.shape)];
}

/** Every matMul case, as op cases. */
export function matMulCases(): OpCase[] {
  const cases: OpCase[] = PAIRS.map(({ a, b, tA = false, tB = false, large }) => ({
    name: `matMul a${JSON.stringify(a)}${tA ? 'ᵀ' : ''} × b${JSON.stringify(b)}${tB ? 'ᵀ' : ''}`,
    shapes: [a, b],
    gradRef: large ? matMulGrads : undefined,
    op: (x, y) => ops.matMul(x, y, tA, tB),
    ref: ([x, y]) => matMulRef(x, y, tA, tB),
  }));
  const relu = (y: F64, bias: F64): F64 => ({
    values: y.values.map((v, i) => Math.max(v + bias.values[i % bias.values.length], 0)),
    shape: y.shape,
  });
  cases.push({
    name: 'fused.matMul a[2,1,3,4] × b[1,3,4,2] + bias[2], relu',
    shapes: [[2, 1, 3, 4], [1, 3, 4, 2], [2]],
    op: (x, y, bias) => ops.fused.matMul({ a: x, b: y, bias, activation: 'relu' }),
    ref: ([x, y, bias]) => relu(matMulRef(x, y), bias),
  });
  cases.push({
    name: 'fused.matMul a[3,4] × b[2,4,5]ᵀ… + bias[5], relu',
    shapes: [[3, 4], [2, 5, 4], [5]],
    op: (x, y, bias) => ops.fused.matMul({ a: x, b: y, transposeB: true, bias, activation: 'relu' }),
    ref: ([x, y, bias]) => relu(matMulRef(x, y, false, true), bias),
  });
  return cases;
}
