/**
 * _FusedMatMul (matMul + bias + activation). tfjs-backend-wasm's kernel adds
 * the bias wrongly as soon as there is more than one matrix in the batch
 * (off by whole bias entries), and takes only a bias with rank-1 storage.
 * Batched products with a bias, and biases that are not one value per
 * column, run as BatchMatMul, then Add and the activation
 * (`fused-epilogue.ts`); the rest goes to tfjs-backend-wasm with a rank-1 bias.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  _FusedMatMul,
  type _FusedMatMulAttrs,
  type _FusedMatMulInputs,
  BatchMatMul,
  getKernel,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import { addBiasAndActivate, isChannelBias, rank1Bias } from './fused-epilogue';
import { originalKernel } from './originals';

type Args = { inputs: _FusedMatMulInputs; backend: BackendWasm; attrs: _FusedMatMulAttrs };

function fusedMatMul(args: Args) {
  const { backend, attrs } = args;
  const { a, b, bias, preluActivationWeights } = args.inputs as {
    a: TensorInfo;
    b: TensorInfo;
    bias?: TensorInfo;
    preluActivationWeights?: TensorInfo;
  };
  const columns = attrs.transposeB ? b.shape[b.shape.length - 2] : b.shape[b.shape.length - 1];
  const batch = Math.max(util.sizeFromShape(a.shape.slice(0, -2)), util.sizeFromShape(b.shape.slice(0, -2)));
  const outRank = Math.max(a.shape.length, b.shape.length);
  const fallback = originalKernel(_FusedMatMul);
  if (bias && (batch > 1 || !isChannelBias(bias, columns, outRank) || !fallback)) {
    const matMul = getKernel(BatchMatMul, 'wasm');
    if (!matMul) throw new Error('convkit wasm: the BatchMatMul kernel is not registered');
    const y = matMul.kernelFunc({
      inputs: { a, b },
      attrs: { transposeA: attrs.transposeA, transposeB: attrs.transposeB },
      backend,
    } as never) as TensorInfo;
    return addBiasAndActivate(backend, y, bias, attrs.activation, attrs.leakyreluAlpha, preluActivationWeights);
  }
  if (!fallback) throw new Error('convkit wasm: tfjs-backend-wasm has no _FusedMatMul kernel');
  const channelBias = bias ? rank1Bias(backend, bias, columns) : undefined;
  try {
    return fallback({ ...args, inputs: { ...args.inputs, bias: channelBias?.bias } });
  } finally {
    if (channelBias?.owned) backend.disposeData(channelBias.bias.dataId);
  }
}

/** Kernel config for tfjs-core's registry (wraps tfjs-backend-wasm's kernel). */
export const fusedMatMulConfig: KernelConfig = {
  kernelName: _FusedMatMul,
  backendName: 'wasm',
  kernelFunc: fusedMatMul as unknown as KernelFunc,
};
