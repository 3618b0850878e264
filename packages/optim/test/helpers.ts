/**
 * Test helpers: run an optimizer on small variables with fixed gradients, and
 * a float64 element-wise reference runner to compare it against.
 */
import { type Optimizer, tensor, variable } from '@convkit/core';
import { expect } from 'vitest';

/** Starting values of two variables: a 2×2 "kernel" and a length-3 "bias". */
export const P0: number[][] = [
  [0.5, -1.2, 2.0, 0.03],
  [-0.7, 0.25, 1.5],
];
export const SHAPES: number[][] = [[2, 2], [3]];

/** Gradients of each step (step → variable → values), including a zero and a sign change. */
export const GRADS: number[][][] = [
  [
    [0.1, -0.3, 0.8, 0],
    [1.5, -0.05, 0.2],
  ],
  [
    [-0.2, 0.4, 0.5, 0.01],
    [0.7, 0.3, -0.9],
  ],
  [
    [0.3, 0.1, -0.6, -0.02],
    [-1.1, 0.2, 0.4],
  ],
];

let counter = 0;

/** A fresh trainable variable with a unique name (its initial-value tensor is freed). */
export function makeVariable(values: number[], shape: number[] = [values.length], prefix = 'w') {
  const init = tensor(values, shape);
  const v = variable(init, true, `${prefix}_${counter++}`);
  init.dispose();
  return v;
}

/**
 * Runs `steps` updates of `opt` from `p0` with gradients `grads`, one call per
 * step with all variables, and returns the final values. Disposes everything
 * except the optimizer.
 */
export function runOptimizer(opt: Optimizer, grads: number[][][] = GRADS, p0: number[][] = P0): number[][] {
  const shapes = p0 === P0 ? SHAPES : p0.map((p) => [p.length]);
  const vars = p0.map((p, i) => makeVariable(p, shapes[i]));
  for (const step of grads) {
    const gs = step.map((g, i) => tensor(g, vars[i].shape));
    opt.applyGradients(vars.map((v, i) => ({ variable: v, gradient: gs[i] })));
    gs.forEach((g) => g.dispose());
  }
  const out = vars.map((v) => Array.from(v.dataSync()));
  vars.forEach((v) => v.dispose());
  return out;
}

/** Per-element update rule: parameter, gradient, 1-based step, learning rate, per-element state. */
export type ElementRule = (p: number, g: number, t: number, lr: number, s: Record<string, number>) => number;

/** Float64 reference: applies `rule` element by element; `lr(step0)` gives the rate of 0-based step `step0`. */
export function runReference(
  rule: ElementRule,
  lr: number | ((step: number) => number),
  grads: number[][][] = GRADS,
  p0: number[][] = P0,
): number[][] {
  const rate = typeof lr === 'number' ? () => lr : lr;
  return p0.map((values, vi) =>
    values.map((start, j) => {
      const s: Record<string, number> = {};
      let p = start;
      grads.forEach((step, t) => {
        p = rule(p, step[vi][j], t + 1, rate(t), s);
      });
      return p;
    }),
  );
}

/** Asserts element-wise closeness with a relative-plus-absolute tolerance. */
export function expectClose(actual: number[][], expected: number[][], tol = 1e-5): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => {
    expect(row.length).toBe(expected[i].length);
    row.forEach((a, j) => {
      const e = expected[i][j];
      if (Math.abs(a - e) > tol * (1 + Math.abs(e))) {
        throw new Error(`element [${i}][${j}]: got ${a}, expected ${e} (tolerance ${tol})`);
      }
    });
  });
}

/** Largest absolute element-wise difference. */
export function maxDiff(a: number[][], b: number[][]): number {
  let m = 0;
  a.forEach((row, i) => row.forEach((x, j) => (m = Math.max(m, Math.abs(x - b[i][j])))));
  return m;
}
