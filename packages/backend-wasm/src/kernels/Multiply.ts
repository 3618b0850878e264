/**
 * Multiply of a float32 tensor by a scalar (optimizer updates, loss scaling)
 * in SIMD on the thread pool: tfjs-backend-wasm's broadcasting path is a slow
 * generic loop. ReLU gradients, `dy * Step(y)`, run here too when `dy` and `y`
 * are both in convkit's memory (see Step.ts): read from the copy cache, the
 * product is the same bytes tfjs-backend-wasm makes, on all threads, and it
 * stays in the cache for the filter and bias gradients that read it next.
 * When MaxPoolGrad made `dy` and already computed the product in the same
 * pass (see MaxPoolGrad.ts), it is only copied out of the cache.
 * Other same-shape products and broadcasts stay on tfjs-backend-wasm, whose
 * same-shape loop beats copying into convkit's memory.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  type BinaryInputs,
  type KernelConfig,
  type KernelFunc,
  Multiply,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import { getRuntime } from '../runtime';
import { allocKept, copyIn, copyOut, copyOutKept, readIn } from './conv-driver';
import { pendingReluGrad } from './MaxPoolGrad';
import { originalKernel } from './originals';
import { stepSource } from './Step';

const MIN_FLOATS_PER_THREAD = 1 << 16;

function multiply(args: { inputs: BinaryInputs; backend: BackendWasm }) {
  const { inputs, backend } = args;
  let { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
  const fallback = originalKernel(Multiply);
  const na = util.sizeFromShape(a.shape);
  const nb = util.sizeFromShape(b.shape);
  if (na === 1 && nb > 1) [a, b] = [b, a];
  const n = util.sizeFromShape(a.shape);
  const reluGrad = reluGradient(backend, a, b, n);
  if (reluGrad) return reluGrad;
  const bScalar = util.sizeFromShape(b.shape) === 1;
  const scalarOk = bScalar && b.shape.length <= a.shape.length;
  if (fallback && (a.dtype !== 'float32' || b.dtype !== 'float32' || !scalarOk || n < 8192)) {
    return fallback(args);
  }
  const rt = getRuntime();
  rt.reset();
  const threads = rt.threadsFor(n, MIN_FLOATS_PER_THREAD);
  const pa = copyIn(rt, backend, a);
  const pb = copyIn(rt, backend, b);
  const out = rt.allocF32(n);
  rt.run('ck_mul', [pa, pb, out, n, bScalar ? 1 : 0], threads);
  return copyOut(rt, backend, out, [...a.shape]);
}

/** `dy * Step(y)` from `dy` and `y` in the copy cache, or null when this product is not that. */
function reluGradient(backend: BackendWasm, a: TensorInfo, b: TensorInfo, n: number): TensorInfo | null {
  if (a.dtype !== 'float32' || b.dtype !== 'float32' || !util.arraysEqual(a.shape, b.shape)) return null;
  for (const [dy, s] of [
    [a, b],
    [b, a],
  ] as const) {
    const src = stepSource(s.dataId);
    if (!src) continue;
    const out = mulStepFromCache(backend, dy, src.y, src.alpha, n, a.shape);
    if (out) return out;
  }
  return null;
}

/**
 * `dy * step(y)` (float32, `n` floats of `shape`) without tfjs-backend-wasm: a
 * copy of the product MaxPoolGrad computed along with `dy` (alpha 0), or
 * ck_mul_step on the thread pool when `dy` and `y` are in the copy cache
 * (from `n` = 8192 floats); null otherwise.
 *
 * @param backend - The wasm backend.
 * @param dy - The gradient (float32).
 * @param y - dataId of the Step input.
 * @param alpha - Step's value for inputs <= 0.
 * @param n - Floats of `dy` and `y`.
 * @param shape - Shape of `dy` (and of the result).
 * @returns The product, left in the copy cache too, or null.
 */
export function mulStepFromCache(
  backend: BackendWasm,
  dy: TensorInfo,
  y: object,
  alpha: number,
  n: number,
  shape: readonly number[],
): TensorInfo | null {
  const rt = getRuntime();
  const ready = alpha === 0 ? pendingReluGrad(dy.dataId) : undefined;
  if (ready && ready.y === y && rt.cache.holds(ready.key, n * 4)) {
    // MaxPoolGrad computed this product along with dy: copy it out (no kernel run).
    rt.reset();
    const out = copyOut(rt, backend, rt.cache.lookup(ready.key, n * 4)!, [...shape]);
    rt.cache.share(ready.key, out.dataId, n * 4);
    return out;
  }
  if (n < 8192 || !rt.cache.holds(dy.dataId, n * 4) || !rt.cache.holds(y, n * 4)) return null;
  rt.reset();
  const threads = rt.threadsFor(n, MIN_FLOATS_PER_THREAD);
  const pdy = readIn(rt, backend, dy);
  const py = rt.cache.lookup(y, n * 4)!;
  const out = allocKept(rt, n);
  rt.run('ck_mul_step', [pdy, py, out, n, floatBits(alpha)], threads);
  return copyOutKept(rt, backend, out, [...shape]);
}

const bitsView = new DataView(new ArrayBuffer(4));

/** The bits of `v` as a float32, as an int32 (how ck_mul_step takes alpha). */
function floatBits(v: number): number {
  bitsView.setFloat32(0, v, true);
  return bitsView.getInt32(0, true);
}

/** Kernel config for tfjs-core's registry (wraps tfjs-backend-wasm's for general broadcasts). */
export const multiplyConfig: KernelConfig = {
  kernelName: Multiply,
  backendName: 'wasm',
  kernelFunc: multiply as unknown as KernelFunc,
};
