/**
 * FusedDepthwiseConv2D: tfjs-backend-wasm's XNNPACK kernel, handed only what
 * it gets right: a per-channel bias as a rank-1 tensor, and a numeric pad with
 * a rounding mode as explicit padding. Any other bias the op allows is added
 * after the unfused depthwise conv (see `fused-epilogue.ts`).
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  backend_util,
  DepthwiseConv2dNative,
  FusedDepthwiseConv2D,
  type FusedDepthwiseConv2DAttrs,
  type FusedDepthwiseConv2DInputs,
  getKernel,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { withExplicitPadding } from './explicit-padding';
import { addBiasAndActivate, isChannelBias, rank1Bias } from './fused-epilogue';
import { originalKernel } from './originals';

type Args = { inputs: FusedDepthwiseConv2DInputs; backend: BackendWasm; attrs: FusedDepthwiseConv2DAttrs };

function fusedDepthwiseConv2D(rawArgs: Args) {
  const { x, filter, bias, preluActivationWeights } = rawArgs.inputs as {
    x: TensorInfo;
    filter: TensorInfo;
    bias?: TensorInfo;
    preluActivationWeights?: TensorInfo;
  };
  const { backend } = rawArgs;
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filter.shape as [number, number, number, number],
    rawArgs.attrs.strides,
    rawArgs.attrs.dilations,
    rawArgs.attrs.pad,
    rawArgs.attrs.dimRoundingMode,
    true,
  );
  const attrs = withExplicitPadding(rawArgs.attrs, info);
  const fallback = originalKernel(FusedDepthwiseConv2D);
  if (bias && !isChannelBias(bias, info.outChannels, 4)) {
    const depthwise = getKernel(DepthwiseConv2dNative, 'wasm');
    if (!depthwise) throw new Error('convkit wasm: the DepthwiseConv2dNative kernel is not registered');
    const y = depthwise.kernelFunc({ inputs: { x, filter }, attrs, backend } as never) as TensorInfo;
    return addBiasAndActivate(backend, y, bias, attrs.activation, attrs.leakyreluAlpha, preluActivationWeights);
  }
  if (!fallback) throw new Error('convkit wasm: tfjs-backend-wasm has no FusedDepthwiseConv2D kernel');
  const channelBias = bias ? rank1Bias(backend, bias, info.outChannels) : undefined;
  try {
    return fallback({ ...rawArgs, attrs, inputs: { ...rawArgs.inputs, bias: channelBias?.bias } });
  } finally {
    if (channelBias?.owned) backend.disposeData(channelBias.bias.dataId);
  }
}

/** Kernel config for tfjs-core's registry (wraps tfjs-backend-wasm's XNNPACK kernel). */
export const fusedDepthwiseConv2DConfig: KernelConfig = {
  kernelName: FusedDepthwiseConv2D,
  backendName: 'wasm',
  kernelFunc: fusedDepthwiseConv2D as unknown as KernelFunc,
};
