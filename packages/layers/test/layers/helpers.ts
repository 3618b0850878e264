/**
 * Test helpers: independent plain-JS (Float64) reference implementations of
 * convolution and pooling with TensorFlow's padding convention, a seeded
 * random source, and a finite-difference gradient checker.
 */
import { ops, Rng, type Tensor, tensor, tidy, type Variable, variable, variableGrads } from '@convkit/core';
import { expect } from 'vitest';

/** Deterministic random numbers for test data. */
export function randomArray(n: number, seed: number, scale = 1): Float64Array {
  const rng = new Rng(seed);
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.uniform(-scale, scale);
  return a;
}

/** Distinct values (a shuffled ramp), so max-pool and ReLU kinks are far from finite-difference steps. */
export function distinctArray(n: number, seed: number, step = 0.1): Float64Array {
  const p = new Rng(seed).permutation(n);
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = (p[i] - (n - 1) / 2) * step + 0.013;
  return a;
}

export function t(values: ArrayLike<number>, shape: number[]): Tensor {
  return tensor(Float32Array.from(values), shape, 'float32');
}

/** TensorFlow's `same`/`valid` output size and leading pad for one axis. */
export function tfPadding(
  input: number,
  k: number,
  s: number,
  d: number,
  padding: 'valid' | 'same',
): { out: number; before: number } {
  const eff = (k - 1) * d + 1;
  if (padding === 'valid') return { out: Math.ceil((input - eff + 1) / s), before: 0 };
  const out = Math.ceil(input / s);
  const total = Math.max((out - 1) * s + eff - input, 0);
  return { out, before: Math.floor(total / 2) };
}

export interface ConvOpts {
  strides?: [number, number];
  dilation?: [number, number];
  padding?: 'valid' | 'same';
}

/** NHWC × HWIO → NHWC, nested loops in Float64. */
export function naiveConv2d(
  x: ArrayLike<number>,
  xs: number[],
  w: ArrayLike<number>,
  ws: number[],
  { strides = [1, 1], dilation = [1, 1], padding = 'valid' }: ConvOpts = {},
): { data: Float64Array; shape: number[] } {
  const [n, h, wd, c] = xs;
  const [kh, kw, ci, co] = ws;
  if (ci !== c) throw new Error('channel mismatch');
  const ph = tfPadding(h, kh, strides[0], dilation[0], padding);
  const pw = tfPadding(wd, kw, strides[1], dilation[1], padding);
  const out = new Float64Array(n * ph.out * pw.out * co);
  for (let b = 0; b < n; b++)
    for (let oy = 0; oy < ph.out; oy++)
      for (let ox = 0; ox < pw.out; ox++)
        for (let o = 0; o < co; o++) {
          let acc = 0;
          for (let ky = 0; ky < kh; ky++) {
            const iy = oy * strides[0] + ky * dilation[0] - ph.before;
            if (iy < 0 || iy >= h) continue;
            for (let kx = 0; kx < kw; kx++) {
              const ix = ox * strides[1] + kx * dilation[1] - pw.before;
              if (ix < 0 || ix >= wd) continue;
              for (let i = 0; i < c; i++) {
                acc += x[((b * h + iy) * wd + ix) * c + i] * w[((ky * kw + kx) * ci + i) * co + o];
              }
            }
          }
          out[((b * ph.out + oy) * pw.out + ox) * co + o] = acc;
        }
  return { data: out, shape: [n, ph.out, pw.out, co] };
}

/** NHWC depthwise with kernel [kh, kw, C, M]; output channel c·M + m. */
export function naiveDepthwise(
  x: ArrayLike<number>,
  xs: number[],
  w: ArrayLike<number>,
  ws: number[],
  { strides = [1, 1], dilation = [1, 1], padding = 'valid' }: ConvOpts = {},
): { data: Float64Array; shape: number[] } {
  const [n, h, wd, c] = xs;
  const [kh, kw, , m] = ws;
  const ph = tfPadding(h, kh, strides[0], dilation[0], padding);
  const pw = tfPadding(wd, kw, strides[1], dilation[1], padding);
  const co = c * m;
  const out = new Float64Array(n * ph.out * pw.out * co);
  for (let b = 0; b < n; b++)
    for (let oy = 0; oy < ph.out; oy++)
      for (let ox = 0; ox < pw.out; ox++)
        for (let i = 0; i < c; i++)
          for (let q = 0; q < m; q++) {
            let acc = 0;
            for (let ky = 0; ky < kh; ky++) {
              const iy = oy * strides[0] + ky * dilation[0] - ph.before;
              if (iy < 0 || iy >= h) continue;
              for (let kx = 0; kx < kw; kx++) {
                const ix = ox * strides[1] + kx * dilation[1] - pw.before;
                if (ix < 0 || ix >= wd) continue;
                acc += x[((b * h + iy) * wd + ix) * c + i] * w[((ky * kw + kx) * c + i) * m + q];
              }
            }
            out[((b * ph.out + oy) * pw.out + ox) * co + i * m + q] = acc;
          }
  return { data: out, shape: [n, ph.out, pw.out, co] };
}

/** Max or average pooling (average over the real, unpadded elements — TensorFlow's rule). */
export function naivePool(
  x: ArrayLike<number>,
  xs: number[],
  pool: [number, number],
  strides: [number, number],
  padding: 'valid' | 'same',
  kind: 'max' | 'avg',
): { data: Float64Array; shape: number[] } {
  const [n, h, wd, c] = xs;
  const ph = tfPadding(h, pool[0], strides[0], 1, padding);
  const pw = tfPadding(wd, pool[1], strides[1], 1, padding);
  const out = new Float64Array(n * ph.out * pw.out * c);
  for (let b = 0; b < n; b++)
    for (let oy = 0; oy < ph.out; oy++)
      for (let ox = 0; ox < pw.out; ox++)
        for (let i = 0; i < c; i++) {
          let acc = kind === 'max' ? Number.NEGATIVE_INFINITY : 0;
          let count = 0;
          for (let ky = 0; ky < pool[0]; ky++) {
            const iy = oy * strides[0] + ky - ph.before;
            if (iy < 0 || iy >= h) continue;
            for (let kx = 0; kx < pool[1]; kx++) {
              const ix = ox * strides[1] + kx - pw.before;
              if (ix < 0 || ix >= wd) continue;
              const v = x[((b * h + iy) * wd + ix) * c + i];
              acc = kind === 'max' ? Math.max(acc, v) : acc + v;
              count++;
            }
          }
          out[((b * ph.out + oy) * pw.out + ox) * c + i] = kind === 'max' ? acc : acc / count;
        }
  return { data: out, shape: [n, ph.out, pw.out, c] };
}

/** Element-wise closeness with an absolute + relative tolerance. */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-4): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const diff = Math.abs(actual[i] - expected[i]);
    if (diff > tol * (1 + Math.abs(expected[i]))) {
      throw new Error(`element ${i}: got ${actual[i]}, expected ${expected[i]} (diff ${diff})`);
    }
  }
}

export interface GradCheckOpts {
  eps?: number;
  rtol?: number;
  atol?: number;
  /** At most this many coordinates per variable are checked (chosen at random). */
  maxPerVar?: number;
  seed?: number;
}

/**
 * Compares autograd gradients of `L = Σ y ⊙ R` (R fixed random) with central
 * finite differences computed in Float64 from the float32 forward pass.
 * `forward` must read the variables in `vars` (the input is passed as one of them).
 */
export function checkGradients(
  forward: () => Tensor,
  vars: Variable[],
  { eps = 1e-2, rtol = 2e-2, atol = 2e-3, maxPerVar = 24, seed = 7 }: GradCheckOpts = {},
): void {
  const y0 = forward();
  const r = randomArray(y0.size, seed + 1);
  const yShape = y0.shape;
  y0.dispose();
  const rT = t(r, yShape);
  const lossJs = (): number => {
    const y = forward();
    const d = y.dataSync();
    y.dispose();
    let s = 0;
    for (let i = 0; i < d.length; i++) s += d[i] * r[i];
    return s;
  };
  const { grads, value } = variableGrads(() => tidy(() => ops.sum(ops.mul(forward(), rT))) as never, vars);
  value.dispose();
  const rng = new Rng(seed);
  try {
    for (const v of vars) {
      const g = grads[v.name].dataSync();
      const base = Float32Array.from(v.dataSync());
      const idx = base.length <= maxPerVar ? [...base.keys()] : [...rng.permutation(base.length).slice(0, maxPerVar)];
      const gmax = Math.max(...Array.from(g, Math.abs), 1e-3);
      for (const i of idx) {
        const set = (value: number) => {
          const copy = Float32Array.from(base);
          copy[i] = value;
          const nt = tensor(copy, v.shape, 'float32');
          v.assign(nt);
          nt.dispose();
        };
        set(base[i] + eps);
        const lp = lossJs();
        set(base[i] - eps);
        const lm = lossJs();
        const reset = tensor(base, v.shape, 'float32');
        v.assign(reset);
        reset.dispose();
        const numeric = (lp - lm) / (2 * eps);
        const diff = Math.abs(numeric - g[i]);
        if (diff > atol * gmax + rtol * Math.max(Math.abs(numeric), Math.abs(g[i]))) {
          throw new Error(`d/d ${v.name}[${i}]: autograd ${g[i]}, finite difference ${numeric}`);
        }
      }
    }
  } finally {
    rT.dispose();
    for (const k of Object.keys(grads)) grads[k].dispose();
  }
}

let inputCounter = 0;
/** A fresh variable holding test input values (so its gradient can be taken). */
export function inputVar(values: ArrayLike<number>, shape: number[]): Variable {
  const x = t(values, shape);
  const v = variable(x, true, `test_input_${inputCounter++}`);
  x.dispose();
  return v;
}
