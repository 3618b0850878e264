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
import { c1ConvScratch, gemmConvScratch, runConv, useC1Kernels } from './conv-driver';
import { originalKernel } from './originals';

function conv2D(args: { inputs: Conv2DInputs; backend: BackendWasm; attrs: Conv2DAttrs }) {
  const { inputs, backend, attrs } = args;
  const { x, filter } = inputs as { x: TensorInfo; filter: TensorInfo };
  const { strides, pad, dataFormat, dilations, dimRoundingMode } = attrs;
  const fallback = originalKernel(Conv2D);
  // Fast path for single images (latency-bound inference): hand over to XNNPACK before
  // computing the conv info, when the shape is one XNNPACK gets right (see below).
  if (fallback && x.shape[0] < 2 && dataFormat !== 'NCHW' && squareAndEqual(filter.shape, strides, dilations)) {
    return fallback(args);
  }
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
  // XNNPACK wins on single images, but tfjs-backend-wasm 4.22's Conv2D returns wrong values
  // for non-square filters or strides with 'same' padding (e.g. 1x3, strides [2,1]; 3x1,
  // strides [1,2]); those, and every batched input, run here.
  const xnnpackSafe =
    info.filterHeight === info.filterWidth &&
    info.strideHeight === info.strideWidth &&
    info.dilationHeight === info.dilationWidth;
  if (fallback && ((info.batchSize < 2 && xnnpackSafe) || info.dataFormat !== 'channelsLast')) return fallback(args);
  const c1 = useC1Kernels(info);
  return runConv(backend, {
    fn: c1 ? 'ck_conv2d_c1' : 'ck_conv2d',
    info,
    x,
    filter,
    outShape: info.outShape,
    scratchFloats: c1 ? c1ConvScratch(info) : gemmConvScratch(info),
  });
}

function pair(v: number | [number, number]): [number, number] {
  return typeof v === 'number' ? [v, v] : v;
}

/** Square filter, equal strides and equal dilations: the shapes XNNPACK's batch-1 conv handles correctly. */
function squareAndEqual(
  filterShape: readonly number[],
  strides: Conv2DAttrs['strides'],
  dilations: Conv2DAttrs['dilations'],
): boolean {
  const [sh, sw] = pair(strides);
  const [dh, dw] = pair(dilations ?? 1);
  return filterShape[0] === filterShape[1] && sh === sw && dh === dw;
}

/** Kernel config for tfjs-core's registry (wraps tfjs-backend-wasm's XNNPACK kernel for batch 1). */
export const conv2DConfig: KernelConfig = {
  kernelName: Conv2D,
  backendName: 'wasm',
  kernelFunc: conv2D as unknown as KernelFunc,
};
