/** MaxPoolGrad: routes dy to each window's first maximum (SIMD arg-max over channels), images split across threads. */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  backend_util,
  type KernelConfig,
  type KernelFunc,
  MaxPoolGrad,
  type MaxPoolGradAttrs,
  type MaxPoolGradInputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { runConv } from './conv-driver';

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
  return runConv(backend, {
    fn: 'ck_max_pool_grad',
    info,
    x: input,
    dy,
    outShape: [...input.shape],
    mult: 1,
    // The ReLU gradient below reads it next (Multiply.ts).
    keepOutput: true,
  });
}

/** Kernel config for tfjs-core's registry (replaces tfjs-backend-wasm's, which disagrees with tfjs-cpu). */
export const maxPoolGradConfig: KernelConfig = {
  kernelName: MaxPoolGrad,
  backendName: 'wasm',
  kernelFunc: maxPoolGrad as unknown as KernelFunc,
};
