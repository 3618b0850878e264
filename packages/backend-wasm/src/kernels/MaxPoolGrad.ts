/**
 * MaxPoolGrad on the thread pool (images split across threads). Windows that
 * do not overlap (stride >= window, the usual 2x2/2 pool) take a one-pass
 * kernel (csrc/pool_grad_tiled.c) that writes each window's gradient directly;
 * overlapping windows take the scatter kernel (ck_max_pool_grad, csrc/pool.c).
 *
 * When the pool input is in convkit's memory (a convkit conv's output, which
 * in a training step is a ReLU's output), the tiled kernel also writes the
 * ReLU gradient `dx * Step(x)` in the same pass and leaves it in the copy
 * cache; the `Multiply(dx, Step(x))` that tfjs's fused-conv gradient runs
 * next then only copies it out (see Multiply.ts).
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  backend_util,
  type KernelConfig,
  type KernelFunc,
  MaxPoolGrad,
  type MaxPoolGradAttrs,
  type MaxPoolGradInputs,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import { getRuntime } from '../runtime';
import { runConv } from './conv-driver';

/** Tuning of the MaxPoolGrad kernel (benchmarks and tests switch the paths). */
export const maxPoolGradTuning = {
  /** Non-overlapping windows take the one-pass kernel (false: always the scatter kernel). */
  tiled: true,
  /** The tiled kernel also writes the ReLU gradient `dx * Step(x)` when x is in convkit's memory. */
  fuseReluGrad: true,
};

/** A ReLU gradient that MaxPoolGrad already computed, waiting in the copy cache. */
export interface PendingReluGrad {
  /** dataId of the pool input (the ReLU output whose Step it is multiplied by). */
  y: object;
  /** Copy-cache key of the block holding `dx * Step(y)` (alpha 0). */
  key: object;
}

const pending = new WeakMap<object, PendingReluGrad>();

/**
 * The ReLU gradient `dx * Step(y)` (alpha 0) that MaxPoolGrad computed along
 * with its result `dx` (by `dx`'s dataId), when it did.
 *
 * @param dataId - dataId of a MaxPoolGrad result.
 * @returns The pool input's dataId and the copy-cache key of the product, or undefined.
 */
export function pendingReluGrad(dataId: object): PendingReluGrad | undefined {
  return pending.get(dataId);
}

function maxPoolGrad(args: { inputs: MaxPoolGradInputs; backend: BackendWasm; attrs: MaxPoolGradAttrs }) {
  const { inputs, backend, attrs } = args;
  const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = attrs;
  const info = backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const tiled =
    maxPoolGradTuning.tiled && info.strideHeight >= info.filterHeight && info.strideWidth >= info.filterWidth;
  const bytes = util.sizeFromShape(input.shape) * 4;
  const fuse =
    tiled &&
    maxPoolGradTuning.fuseReluGrad &&
    input.dtype === 'float32' &&
    getRuntime().cache.holds(input.dataId, bytes);
  let key: object | undefined;
  const dx = runConv(backend, {
    fn: tiled ? 'ck_max_pool_grad_tiled' : 'ck_max_pool_grad',
    info,
    x: input,
    dy,
    outShape: [...input.shape],
    mult: 1,
    act: fuse ? 1 : 0,
    // The ReLU gradient below reads it next (Multiply.ts).
    keepOutput: true,
    secondOutput: fuse
      ? (k) => {
          key = k;
        }
      : undefined,
  });
  if (key) pending.set(dx.dataId, { y: input.dataId, key });
  return dx;
}

/** Kernel config for tfjs-core's registry (replaces tfjs-backend-wasm's, which disagrees with tfjs-cpu). */
export const maxPoolGradConfig: KernelConfig = {
  kernelName: MaxPoolGrad,
  backendName: 'wasm',
  kernelFunc: maxPoolGrad as unknown as KernelFunc,
};
