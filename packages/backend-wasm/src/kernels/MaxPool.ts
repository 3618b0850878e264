/**
 * MaxPool on the thread pool (images split across threads, SIMD max over
 * channels). In a training step its input is the conv output that convkit's
 * FusedConv2D just left in the copy cache, and its output is the next conv's
 * and the dense layer's input (also convkit kernels), so running it here
 * takes a single-threaded tfjs-backend-wasm op out of the step and saves the
 * next kernel a copy. Inputs not in the copy cache (copying them in would cost
 * about what the pool saves), single images and small tensors stay on tfjs-backend-wasm
 * (through rounding-pad.ts, which fixes its rounding-mode padding).
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  backend_util,
  type KernelConfig,
  type KernelFunc,
  MaxPool,
  type MaxPoolAttrs,
  type MaxPoolInputs,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import { getRuntime } from '../runtime';
import { runConv } from './conv-driver';
import { maxPoolConfig as tfjsMaxPoolConfig } from './rounding-pad';

/** Tuning of the MaxPool kernel (tests lower `minFloats` to run small shapes here). */
export const maxPoolTuning = {
  /** Input floats below which tfjs-backend-wasm's kernel runs (no copies, one thread). */
  minFloats: 1 << 14,
  /** Run only on inputs found in the copy cache (tests turn it off to run any input here). */
  requireCached: true,
};

function maxPool(args: { inputs: MaxPoolInputs; backend: BackendWasm; attrs: MaxPoolAttrs }) {
  const { inputs, backend, attrs } = args;
  const { x } = inputs as { x: TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = attrs;
  const info = backend_util.computePool2DInfo(
    x.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  // A 1x1 window whose output has the input's shape is the identity in tfjs-cpu (and tfjs's other
  // backends), even with a stride that leaves windows outside the input ('round' padding).
  // tfjs-backend-wasm 4.22 writes garbage there.
  if (info.filterHeight === 1 && info.filterWidth === 1 && util.arraysEqual(info.inShape, info.outShape)) {
    backend.incRef(x.dataId);
    return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
  }
  const size = util.sizeFromShape(x.shape);
  // Copying the input in would cost about what tfjs-backend-wasm's pool costs: run here only
  // when the input is already in convkit's memory (a convkit conv's output).
  const inCache = maxPoolTuning.requireCached ? getRuntime().cache.holds(x.dataId, size * 4) : true;
  if (x.dtype !== 'float32' || x.shape[0] < 2 || size < maxPoolTuning.minFloats || !inCache) {
    return tfjsMaxPoolConfig.kernelFunc(args as unknown as Parameters<KernelFunc>[0]);
  }
  return runConv(backend, { fn: 'ck_max_pool', info, x, outShape: info.outShape, mult: 1, keepOutput: true });
}

/** Kernel config for tfjs-core's registry (hands single images and small inputs to tfjs-backend-wasm's). */
export const maxPoolConfig: KernelConfig = {
  kernelName: MaxPool,
  backendName: 'wasm',
  kernelFunc: maxPool as unknown as KernelFunc,
};
