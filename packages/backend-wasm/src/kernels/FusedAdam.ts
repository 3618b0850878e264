/**
 * `ConvkitFusedAdam` for 'wasm': one SIMD pass (csrc/optim.c `ck_fused_adam`)
 * over every parameter of an Adam/AdamW step, split across the threads.
 * Contract: @convkit/core `op-wrappers/fused-adam.ts` (inputs `p, g, m, v`
 * × n; attrs `{ n, lr, beta1, beta2, epsilon, step, weightDecay }`; outputs
 * `[p'.., m'.., v'..]`), reproduced to the bit on the same float32 operations.
 */
import { ops } from '@convkit/core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelConfig, KernelFunc, NamedTensorInfoMap } from '@tensorflow/tfjs-core';
import { f32, groupCount, packGroups, paramBlock, unpackGroups } from './fused-optimizer-driver';

interface AdamAttrs {
  n: number;
  lr: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  step: number;
  weightDecay: number;
}

function fusedAdam(args: { inputs: NamedTensorInfoMap; backend: BackendWasm; attrs: AdamAttrs }) {
  const { inputs, backend, attrs } = args;
  const kernel = ops.FUSED_ADAM_KERNEL;
  const n = groupCount(kernel, attrs);
  const { lr, beta1, beta2, epsilon, step } = attrs;
  const wd = attrs.weightDecay ?? 0;
  const job = packGroups(kernel, backend, inputs, n, ['p', 'g', 'm', 'v']);
  const { rt, ptr } = job;
  const block = paramBlock(
    rt,
    [ptr.p, ptr.g, ptr.m, ptr.v, job.total, wd > 0 ? 1 : 0],
    [
      f32(lr),
      f32(beta1),
      f32(1 - beta1),
      f32(beta2),
      f32(1 - beta2),
      f32(1 - beta1 ** step),
      f32(1 - beta2 ** step),
      f32(epsilon),
      f32(1 - lr * wd),
    ],
  );
  rt.run('ck_fused_adam', [block], job.threads);
  return unpackGroups(backend, job, inputs, n, ['p', 'm', 'v']);
}

/** Kernel config for tfjs-core's registry. */
export const fusedAdamConfig: KernelConfig = {
  kernelName: ops.FUSED_ADAM_KERNEL,
  backendName: 'wasm',
  kernelFunc: fusedAdam as unknown as KernelFunc,
};
