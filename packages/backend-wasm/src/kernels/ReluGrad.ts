/**
 * The ReLU gradient kernel of @convkit/core (`ops.RELU_GRAD_KERNEL`:
 * `dy * step(y)`, the trainable fused conv's relu). When MaxPoolGrad computed
 * that product along with `dy` (see MaxPoolGrad.ts) it is only copied out of
 * the copy cache; when `dy` and `y` are in convkit's memory it runs
 * ck_mul_step on the thread pool (Multiply.ts); otherwise tfjs-backend-wasm's
 * Step and Multiply, as the two ops would. No Step tensor in the first two cases.
 */

import { ops } from '@convkit/core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { type KernelConfig, type KernelFunc, Multiply, Step, type TensorInfo, util } from '@tensorflow/tfjs-core';
import { mulStepFromCache } from './Multiply';
import { originalKernel } from './originals';

function reluGrad(args: { inputs: { dy: TensorInfo; y: TensorInfo }; backend: BackendWasm }) {
  const { backend } = args;
  const { dy, y } = args.inputs;
  if (dy.dtype === 'float32' && y.dtype === 'float32' && util.arraysEqual(dy.shape, y.shape)) {
    const out = mulStepFromCache(backend, dy, y.dataId, 0, util.sizeFromShape(dy.shape), dy.shape);
    if (out) return out;
  }
  const step = originalKernel(Step);
  const mul = originalKernel(Multiply);
  if (!step || !mul) throw new Error('convkit wasm: tfjs-backend-wasm has no Step or Multiply kernel');
  const s = step({ inputs: { x: y }, backend, attrs: { alpha: 0 } }) as TensorInfo;
  try {
    return mul({ inputs: { a: dy, b: s }, backend, attrs: {} });
  } finally {
    backend.disposeData(s.dataId);
  }
}

/** Kernel config for tfjs-core's registry (@convkit/core's ReLU gradient kernel). */
export const reluGradConfig: KernelConfig = {
  kernelName: ops.RELU_GRAD_KERNEL,
  backendName: 'wasm',
  kernelFunc: reluGrad as unknown as KernelFunc,
};
