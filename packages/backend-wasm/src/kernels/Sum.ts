/**
 * Sum over leading axes (bias gradients: [batch, h, w, c] -> [c]) as a
 * threaded SIMD column sum, or a copy of the sums that the one-input-channel
 * filter gradient computed from the same dy (see Conv2DBackpropFilter.ts);
 * every other reduction goes to tfjs-backend-wasm.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  type KernelConfig,
  type KernelFunc,
  Sum,
  type SumAttrs,
  type SumInputs,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import { getRuntime } from '../runtime';
import { pendingBiasGrad } from './Conv2DBackpropFilter';
import { copyOut, readIn } from './conv-driver';
import { originalKernel } from './originals';
import { syncStorageShape } from './storage-shape';

/** Rows per thread below which one thread sums alone. */
const MIN_FLOATS_PER_THREAD = 1 << 16;

function sum(args: { inputs: SumInputs; backend: BackendWasm; attrs: SumAttrs }) {
  const { inputs, backend, attrs } = args;
  const { x } = inputs as { x: TensorInfo };
  const rank = x.shape.length;
  const axes = util.parseAxisParam(attrs.axis, x.shape).sort((p, q) => p - q);
  const leading = axes.length > 0 && axes.length < rank && axes.every((ax, i) => ax === i);
  const fallback = originalKernel(Sum);
  const size = util.sizeFromShape(x.shape);
  if (fallback && (!leading || x.dtype !== 'float32' || size < 4096)) return syncStorageShape(backend, fallback(args));
  const R = util.sizeFromShape(x.shape.slice(0, axes.length));
  const C = size / R;
  const outShape = attrs.keepDims ? x.shape.map((d, i) => (i < axes.length ? 1 : d)) : x.shape.slice(axes.length);
  const ready = axes.length === rank - 1 && x.dtype === 'float32' ? pendingBiasGrad(x.dataId) : undefined;
  if (ready && ready.values.length === C && util.arraysEqual(ready.shape, x.shape)) {
    // A filter gradient already summed this dy (Conv2DBackpropFilter.ts).
    const y = backend.makeOutput(outShape, 'float32');
    (backend.typedArrayFromHeap(y) as Float32Array).set(ready.values);
    return y;
  }
  const rt = getRuntime();
  rt.reset();
  const threads = rt.threadsFor(size, MIN_FLOATS_PER_THREAD);
  const px = readIn(rt, backend, x);
  const out = rt.allocF32(C);
  const partial = threads > 1 ? rt.allocF32(C * (threads - 1)) : 0;
  rt.run('ck_sum_rows', [px, R, C, out, partial], threads);
  if (partial) rt.run('ck_reduce_partials', [out, partial, C, threads - 1], threads);
  return copyOut(rt, backend, out, outShape);
}

/** Kernel config for tfjs-core's registry (wraps tfjs-backend-wasm's for other axes). */
export const sumConfig: KernelConfig = {
  kernelName: Sum,
  backendName: 'wasm',
  kernelFunc: sum as unknown as KernelFunc,
};
