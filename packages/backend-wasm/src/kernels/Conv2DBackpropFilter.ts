/** Conv2DBackpropFilter: dW = im2col(x)ᵀ · dy on the SIMD GEMM, batch split across threads. */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  backend_util,
  Conv2DBackpropFilter,
  type Conv2DBackpropFilterAttrs,
  type Conv2DBackpropFilterInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { c1ConvScratch, gemmConvScratch, runConv, useC1Kernels } from './conv-driver';

function conv2DBackpropFilter(args: {
  inputs: Conv2DBackpropFilterInputs;
  backend: BackendWasm;
  attrs: Conv2DBackpropFilterAttrs;
}) {
  const { inputs, backend, attrs } = args;
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs;
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    backend_util.convertConv2DDataFormat(dataFormat),
  );
  const c1 = useC1Kernels(info);
  return runConv(backend, {
    fn: c1 ? 'ck_conv2d_c1_backprop_filter' : 'ck_conv2d_backprop_filter',
    info,
    x,
    dy,
    outShape: [...filterShape],
    reducesBatch: true,
    scratchFloats: c1 ? c1ConvScratch(info) : gemmConvScratch(info),
  });
}

/** Kernel config for tfjs-core's registry. */
export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilter as unknown as KernelFunc,
};
