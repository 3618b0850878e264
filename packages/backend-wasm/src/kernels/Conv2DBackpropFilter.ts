/**
 * Conv2DBackpropFilter: dW = im2col(x)ᵀ · dy on the SIMD GEMM, batch split across threads;
 * one-input-channel convs on the direct kernel (csrc/conv1ch.c), which also sums dy over
 * batch, height and width in the same pass: the bias gradient that the fused conv's gradient
 * asks `Sum` for next (Sum.ts then only copies it out).
 */
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

/** Tuning of the filter gradient (benchmarks switch the fused bias gradient off). */
export const convFilterGradTuning = {
  /** One-input-channel filter gradients also compute the bias gradient (sum of dy over all but channels). */
  fuseBiasGrad: true,
};

/** A bias gradient computed along with a filter gradient: dy summed over all axes but the last. */
export interface PendingBiasGrad {
  /** Shape of dy. */
  shape: number[];
  /** One sum per channel (dy's last axis). */
  values: Float32Array;
}

const biasGrads = new WeakMap<object, PendingBiasGrad>();

/**
 * The sum over all axes but the last of tensor data `dataId`, when a filter
 * gradient computed it with `dataId` as its dy.
 *
 * @param dataId - dataId of a Conv2DBackpropFilter dy.
 * @returns dy's shape and the per-channel sums, or undefined.
 */
export function pendingBiasGrad(dataId: object): PendingBiasGrad | undefined {
  return biasGrads.get(dataId);
}

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
  const withBias = c1 && convFilterGradTuning.fuseBiasGrad && dy.dtype === 'float32';
  const Co = filterShape[3];
  return runConv(backend, {
    fn: c1 ? 'ck_conv2d_c1_backprop_filter' : 'ck_conv2d_backprop_filter',
    info,
    x,
    dy,
    outShape: [...filterShape],
    reducesBatch: true,
    // The bias gradient needs a second plane (of ones) per thread.
    scratchFloats: c1 ? c1ConvScratch(info) * (withBias ? 2 : 1) : gemmConvScratch(info),
    act: withBias ? 2 : 0,
    tailFloats: withBias ? Co : 0,
    onTail: withBias ? (values) => biasGrads.set(dy.dataId, { shape: [...dy.shape], values }) : undefined,
  });
}

/** Kernel config for tfjs-core's registry. */
export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilter as unknown as KernelFunc,
};
