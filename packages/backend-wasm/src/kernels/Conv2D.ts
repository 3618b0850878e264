/**
 * Conv2D forward: convkit's im2col + SIMD GEMM on the thread pool for batched
 * NHWC inputs; single images (latency-bound inference) stay on XNNPACK.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  backend_util,
  Conv2D,
  type Conv2DAttrs,
  type Conv2DInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { gemmConvScratch, runConv } from './conv-driver';
import { originalKernel } from './originals';

function conv2D(args: { inputs: Conv2DInputs; backend: BackendWasm; attrs: Conv2DAttrs }) {
  const { inputs, backend, attrs } = args;
  const { x, filter } = inputs as { x: TensorInfo; filter: TensorInfo };
  const { strides, pad, dataFormat, dilations, dimRoundingMode } = attrs;
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filter.shape as [number, number, number, number],
    strides,
    dilations,
    pad,
    dimRoundingMode,
    false,
    backend_util.convertConv2DDataFormat(dataFormat),
  );
  const fallback = originalKernel(Conv2D);
  // XNNPACK wins on single images; batched inputs always run here (tfjs-backend-wasm 4.22's
  // Conv2D also returns wrong values for e.g. a 1x3 filter, strides [2,1], 'same').
  if (fallback && (info.batchSize < 2 || info.dataFormat !== 'channelsLast')) return fallback(args);
  return runConv(backend, {
    fn: 'ck_conv2d',
    info,
    x,
    filter,
    outShape: info.outShape,
    scratchFloats: gemmConvScratch(info),
  });
}

/** Kernel config for tfjs-core's registry (wraps tfjs-backend-wasm's XNNPACK kernel for batch 1). */
export const conv2DConfig: KernelConfig = {
  kernelName: Conv2D,
  backendName: 'wasm',
  kernelFunc: conv2D as unknown as KernelFunc,
};
