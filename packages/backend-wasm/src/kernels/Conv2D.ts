/**
 * Conv2D and FusedConv2D (conv + bias + relu) forward: convkit's im2col + SIMD
 * GEMM on the thread pool for batched NHWC inputs, and for single images large
 * enough to be worth splitting over threads; small single-image convs
 * (latency-bound) and activations other than linear/relu stay on XNNPACK.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  backend_util,
  Conv2D,
  type Conv2DAttrs,
  type Conv2DInputs,
  FusedConv2D,
  type FusedConv2DAttrs,
  type FusedConv2DInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { getRuntime } from '../runtime';
import { c1ConvScratch, driverTuning, gemmConvScratch, runConv, useC1Kernels } from './conv-driver';
import { withExplicitPadding } from './explicit-padding';
import { addBiasAndActivate, isChannelBias, rank1Bias } from './fused-epilogue';
import { originalKernel } from './originals';

type ConvArgs = { inputs: Conv2DInputs; backend: BackendWasm; attrs: Conv2DAttrs };
type FusedArgs = { inputs: FusedConv2DInputs; backend: BackendWasm; attrs: FusedConv2DAttrs };

function conv2D(args: ConvArgs) {
  return convForward(explicitPadding(args), originalKernel(Conv2D), null, 0);
}

/**
 * FusedConv2D: the bias and a relu run in the GEMM's epilogue; other fusions go to
 * tfjs-backend-wasm. Any bias the op allows works (see `fused-epilogue.ts`): a
 * per-channel one reaches the kernels as a rank-1 tensor, others are added after the conv.
 */
function fusedConv2D(rawArgs: FusedArgs) {
  const args = explicitPadding(rawArgs);
  const { backend, attrs } = args;
  const { bias, preluActivationWeights, filter } = args.inputs as {
    bias?: TensorInfo;
    preluActivationWeights?: TensorInfo;
    filter: TensorInfo;
  };
  const outC = filter.shape[3];
  if (bias && !isChannelBias(bias, outC, 4)) {
    const y = convForward(args, originalKernel(Conv2D), null, 0) as TensorInfo;
    return addBiasAndActivate(backend, y, bias, attrs.activation, attrs.leakyreluAlpha, preluActivationWeights);
  }
  const channelBias = bias ? rank1Bias(backend, bias, outC) : undefined;
  try {
    const withBias = channelBias ? { ...args, inputs: { ...args.inputs, bias: channelBias.bias } } : args;
    return fusedChannelBias(withBias, channelBias?.bias);
  } finally {
    if (channelBias?.owned) backend.disposeData(channelBias.bias.dataId);
  }
}

/** FusedConv2D whose bias (if any) is a float32 vector with rank-1 storage. */
function fusedChannelBias(args: FusedArgs, bias: TensorInfo | undefined) {
  const fallback = originalKernel(FusedConv2D);
  const { preluActivationWeights, filter } = args.inputs as { preluActivationWeights?: TensorInfo; filter: TensorInfo };
  const act = args.attrs.activation ?? 'linear';
  if (act === 'linear' || act === 'relu') return convForward(args, fallback, bias ?? null, act === 'relu' ? 1 : 0);
  // Other activations: XNNPACK's fused kernel where its conv is right, else convkit's
  // conv + bias followed by tfjs-backend-wasm's activation kernel.
  const { strides, dilations } = args.attrs;
  if (fallback && args.attrs.dataFormat !== 'NCHW' && squareAndEqual(filter.shape, strides, dilations)) {
    return fallback(args);
  }
  const y = convForward(args, undefined, bias ?? null, 0) as TensorInfo;
  return addBiasAndActivate(args.backend, y, undefined, act, args.attrs.leakyreluAlpha, preluActivationWeights);
}

/** `args` with a numeric pad + dimRoundingMode written as explicit padding (see `explicit-padding.ts`). */
function explicitPadding<A extends ConvArgs | FusedArgs>(args: A): A {
  const { attrs } = args;
  if (typeof attrs.pad !== 'number' || attrs.dimRoundingMode == null) return args;
  const { x, filter } = args.inputs as { x: TensorInfo; filter: TensorInfo };
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filter.shape as [number, number, number, number],
    attrs.strides,
    attrs.dilations,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    backend_util.convertConv2DDataFormat(attrs.dataFormat),
  );
  return { ...args, attrs: withExplicitPadding(attrs, info) };
}

function convForward(
  args: ConvArgs | FusedArgs,
  fallback: ReturnType<typeof originalKernel>,
  bias: TensorInfo | null,
  act: number,
) {
  const { inputs, backend, attrs } = args;
  const { x, filter } = inputs as { x: TensorInfo; filter: TensorInfo };
  const { strides, pad, dataFormat, dilations, dimRoundingMode } = attrs;
  // Fast path for single images (latency-bound inference): hand over to XNNPACK before
  // computing the conv info, when the shape is one XNNPACK gets right (see below) and
  // the conv is too small to gain from the thread pool.
  if (
    fallback &&
    x.shape[0] < 2 &&
    dataFormat !== 'NCHW' &&
    squareAndEqual(filter.shape, strides, dilations) &&
    !worthThreading(x.shape, filter.shape, strides)
  ) {
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
  // Here: batched inputs, single images worth threading, and the single-image shapes
  // tfjs-backend-wasm 4.22's XNNPACK conv gets wrong (non-square filters or strides with
  // 'same' padding, e.g. 1x3 with strides [2,1]); the early return above took the rest.
  if (fallback && info.dataFormat !== 'channelsLast') return fallback(args);
  const c1 = useC1Kernels(info);
  return runConv(backend, {
    fn: c1 ? 'ck_conv2d_c1' : 'ck_conv2d',
    info,
    x,
    bias: bias ?? undefined,
    act,
    filter,
    outShape: info.outShape,
    scratchFloats: c1 ? c1ConvScratch(info) : gemmConvScratch(info),
    keepOutput: true,
  });
}

/**
 * Whether a single-image conv has enough multiply-adds (estimated at stride `strides`,
 * output about the input's size) for convkit's threaded kernel to beat XNNPACK's one thread.
 */
function worthThreading(xShape: readonly number[], filterShape: readonly number[], strides: Conv2DAttrs['strides']) {
  if (getRuntime().threads < 2) return false;
  const [sh, sw] = pair(strides);
  const macs =
    ((xShape[1] * xShape[2]) / (sh * sw)) * filterShape[0] * filterShape[1] * filterShape[2] * filterShape[3];
  return macs >= driverTuning.minMacsSingleImage;
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

/** FusedConv2D config (wraps tfjs-backend-wasm's XNNPACK kernel for batch 1 and other activations). */
export const fusedConv2DConfig: KernelConfig = {
  kernelName: FusedConv2D,
  backendName: 'wasm',
  kernelFunc: fusedConv2D as unknown as KernelFunc,
};
