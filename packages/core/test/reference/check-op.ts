/**
 * Checks one op on the active backend against its float64 reference: the
 * forward values, the gradient of L = Σ r · op(inputs) with respect to each
 * input against central finite differences of the reference, and that
 * nothing leaks.
 */
import { dispose, grads, numTensors, ops, type Tensor, tensor } from '@convkit/core';
import { expect } from 'vitest';
import { type F64, finiteDiff, size } from './ops-f64';

/** Deterministic floats in [-1, 1) (mulberry32), exactly representable in float32. */
export function randomF32(n: number, seed: number): Float32Array {
  let a = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2147483648 - 1;
  });
}

/** Distinct values 0.01 apart in a shuffled order (max pooling needs no ties within the finite-difference step). */
export function distinctF32(n: number, seed: number): Float32Array {
  const order = Array.from(randomF32(n, seed), (v, i) => ({ v, i })).sort((p, q) => p.v - q.v);
  const out = new Float32Array(n);
  order.forEach(({ i }, rank) => {
    out[i] = (rank - n / 2) * 0.01;
  });
  return out;
}

/** |got − ref| ≤ tol · (1 + |ref|) elementwise, reporting the worst element. */
export function expectClose(got: ArrayLike<number>, ref: ArrayLike<number>, what: string, tol = 1e-4): void {
  expect(got.length, `${what}: length`).toBe(ref.length);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < ref.length; i++) {
    const err = Math.abs(got[i] - ref[i]) / (1 + Math.abs(ref[i]));
    if (!(err <= worst)) {
      worst = err;
      at = i;
    }
  }
  expect(worst, `${what}: worst relative error at ${at} (got ${got[at]}, ref ${ref[at]})`).toBeLessThanOrEqual(tol);
}

export interface OpCase {
  name: string;
  /** Shapes of the op's tensor inputs. */
  shapes: number[][];
  /** The op under test. */
  op: (...inputs: Tensor[]) => Tensor;
  /** The float64 reference of the op. */
  ref: (inputs: F64[]) => F64;
  /** Inputs whose gradient is checked; default all. */
  wrt?: number[];
  /** Inputs of distinct values (max pooling). */
  distinct?: boolean;
  /**
   * The exact gradients of L = Σ r · op(inputs) in float64, where finite
   * differences would be too slow (large linear ops); default finite differences.
   */
  gradRef?: (inputs: F64[], r: F64) => F64[];
}

/** Runs `c` on the active backend and compares with the reference. */
export async function checkOp(c: OpCase, seed: number): Promise<void> {
  const f32 = c.shapes.map((s, k) => (c.distinct ? distinctF32 : randomF32)(size(s), seed * 31 + k));
  const f64 = f32.map((v, k) => ({ values: Float64Array.from(v), shape: c.shapes[k] }));
  const refY = c.ref(f64);
  const r = randomF32(refY.values.length, seed * 17 + 5);
  const before = numTensors();
  const inputs = f32.map((v, k) => tensor(v, c.shapes[k]));
  const y = c.op(...inputs);
  try {
    expect(y.shape, `${c.name}: output shape`).toEqual(refY.shape);
    expectClose(await y.data(), refY.values, `${c.name}: forward`);
  } finally {
    y.dispose();
  }
  const rT = tensor(r, refY.shape);
  const gs = grads((...xs: Tensor[]) => ops.sum(ops.mul(c.op(...xs), rT)))(inputs);
  try {
    const r64 = Float64Array.from(r);
    const exact = c.gradRef?.(f64, { values: r64, shape: refY.shape });
    for (const k of c.wrt ?? c.shapes.map((_, i) => i)) {
      const ref = exact ? exact[k] : finiteDiff(c.ref, f64, k, r64);
      expect(gs[k].shape, `${c.name}: gradient ${k} shape`).toEqual(c.shapes[k]);
      expectClose(await gs[k].data(), ref.values, `${c.name}: gradient of input ${k}`);
    }
  } finally {
    dispose([rT, ...gs]);
  }
  dispose(inputs);
  expect(numTensors(), `${c.name}: live tensors after`).toBe(before);
}
