/**
 * Multiply of a float32 tensor by a scalar (optimizer updates, loss scaling)
 * in SIMD on the thread pool: tfjs-backend-wasm's broadcasting path is a slow
 * generic loop. Same-shape products (ReLU gradients) and other broadcasts stay
 * on tfjs-backend-wasm, whose same-shape loop beats copying into convkit's memory.
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
import { copyIn, copyOut } from './conv-driver';
import { originalKernel } from './originals';

const MIN_FLOATS_PER_THREAD = 1 << 16;

function multiply(args: { inputs: BinaryInputs; backend: BackendWasm }) {
  const { inputs, backend } = args;
  let { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
  const fallback = originalKernel(Multiply);
  const na = util.sizeFromShape(a.shape);
  const nb = util.sizeFromShape(b.shape);
  if (na === 1 && nb > 1) [a, b] = [b, a];
  const n = util.sizeFromShape(a.shape);
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

/** Kernel config for tfjs-core's registry (wraps tfjs-backend-wasm's for general broadcasts). */
export const multiplyConfig: KernelConfig = {
  kernelName: Multiply,
  backendName: 'wasm',
  kernelFunc: multiply as unknown as KernelFunc,
};
