/**
 * The bias and activation of the fused kernels (FusedConv2D,
 * FusedDepthwiseConv2D, _FusedMatMul), for the cases tfjs-backend-wasm's
 * XNNPACK kernels get wrong.
 *
 * The fused ops accept any bias that broadcasts to the output: a per-channel
 * vector, a scalar, `[1, 1, 1, C]`, a full `[H, W, C]` map. tfjs-backend-wasm
 * takes only a rank-1 bias, and checks the rank of the bias's *storage*
 * (`dataIdMap`), which is the shape the data was created with: a bias made by
 * `reshape`, or by a kernel that computes in a flattened layout (GatherV2
 * writes `[1, 1, k, 1]`), fails with "only supports rank-1 bias but got rank 4"
 * although the tensor has shape `[k]`. Here a per-channel bias is handed over
 * as a fresh rank-1 tensor when its storage is not one already, and any other
 * bias is added after the unfused product by tfjs-backend-wasm's Add kernel.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  Add,
  Elu,
  getKernel,
  LeakyRelu,
  Prelu,
  Relu,
  Relu6,
  Sigmoid,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';

/**
 * Whether `bias` is one value per output channel (the last axis of an output
 * of rank `outRank` with `channels` channels): a vector `[C]`, or `[1, …, 1, C]`
 * of at most the output's rank, or a single value (a scalar, `[1]`, `[1, 1]`…).
 */
export function isChannelBias(bias: TensorInfo, channels: number, outRank: number): boolean {
  const s = bias.shape;
  if (s.length > outRank) return false;
  if (s.every((d) => d === 1)) return true;
  return s[s.length - 1] === channels && s.slice(0, -1).every((d) => d === 1);
}

/** A per-channel bias as a float32 tensor with rank-1 storage `[channels]`, and whether the caller must free it. */
export function rank1Bias(
  backend: BackendWasm,
  bias: TensorInfo,
  channels: number,
): { bias: TensorInfo; owned: boolean } {
  const storage = backend.dataIdMap.get(bias.dataId)?.shape;
  if (bias.dtype === 'float32' && storage?.length === 1 && storage[0] === channels && bias.shape.length === 1) {
    return { bias, owned: false };
  }
  const src = backend.typedArrayFromHeap(bias);
  const out = backend.makeOutput([channels], 'float32');
  const dst = backend.typedArrayFromHeap(out) as Float32Array;
  if (util.sizeFromShape(bias.shape) === 1) dst.fill(Number(src[0]));
  else for (let c = 0; c < channels; c++) dst[c] = Number(src[c]);
  return { bias: out, owned: true };
}

const ACTIVATION_KERNELS: Record<string, string> = {
  relu: Relu,
  relu6: Relu6,
  elu: Elu,
  sigmoid: Sigmoid,
  leakyrelu: LeakyRelu,
  prelu: Prelu,
};

/** `activation(y)` by tfjs-backend-wasm's kernel, as a new tensor (`'linear'` returns `y` itself). */
export function applyActivation(
  backend: BackendWasm,
  y: TensorInfo,
  activation: string | undefined,
  leakyreluAlpha: number | undefined,
  preluWeights: TensorInfo | undefined,
): TensorInfo {
  const act = activation ?? 'linear';
  if (act === 'linear') return y;
  const name = ACTIVATION_KERNELS[act];
  const kernel = name ? getKernel(name, 'wasm') : undefined;
  if (!kernel) throw new Error(`convkit wasm: fused activation '${act}' is not supported`);
  const inputs = act === 'prelu' ? { x: y, alpha: preluWeights } : { x: y };
  const attrs = act === 'leakyrelu' ? { alpha: leakyreluAlpha ?? 0.2 } : {};
  return kernel.kernelFunc({ inputs, attrs, backend } as never) as TensorInfo;
}

/**
 * `activation(y + bias)` for a product `y` computed without its bias; frees `y`
 * and the intermediate sum. Any bias that broadcasts to `y` works.
 */
export function addBiasAndActivate(
  backend: BackendWasm,
  y: TensorInfo,
  bias: TensorInfo | undefined,
  activation: string | undefined,
  leakyreluAlpha: number | undefined,
  preluWeights: TensorInfo | undefined,
): TensorInfo {
  let z = y;
  if (bias) {
    const add = getKernel(Add, 'wasm');
    try {
      if (!add) throw new Error('convkit wasm: the Add kernel is not registered');
      z = add.kernelFunc({ inputs: { a: y, b: bias }, attrs: {}, backend } as never) as TensorInfo;
    } finally {
      backend.disposeData(y.dataId);
    }
  }
  if ((activation ?? 'linear') === 'linear') return z;
  try {
    return applyActivation(backend, z, activation, leakyreluAlpha, preluWeights);
  } finally {
    backend.disposeData(z.dataId);
  }
}
