/**
 * `ConvkitFusedSgd` for 'wasm': one SIMD pass (csrc/optim.c `ck_fused_sgd`)
 * over every parameter of an SGD step (plain, momentum or Nesterov, with
 * decoupled weight decay), split across the threads. Contract: @convkit/core
 * `op-wrappers/fused-sgd.ts` (inputs `p, g` and `b` when momentum > 0;
 * attrs `{ n, lr, momentum, nesterov, weightDecay }`; outputs `[p'.., b'..]`).
 */
import { ops } from '@convkit/core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelConfig, KernelFunc, NamedTensorInfoMap } from '@tensorflow/tfjs-core';
import { f32, groupCount, packGroups, paramBlock, unpackGroups } from './fused-optimizer-driver';

interface SgdAttrs {
  n: number;
  lr: number;
  momentum: number;
  nesterov: boolean;
  weightDecay: number;
}

function fusedSgd(args: { inputs: NamedTensorInfoMap; backend: BackendWasm; attrs: SgdAttrs }) {
  const { inputs, backend, attrs } = args;
  const kernel = ops.FUSED_SGD_KERNEL;
  const n = groupCount(kernel, attrs);
  const { lr } = attrs;
  const mu = attrs.momentum ?? 0;
  const wd = attrs.weightDecay ?? 0;
  const groups = mu > 0 ? ['p', 'g', 'b'] : ['p', 'g'];
  const job = packGroups(kernel, backend, inputs, n, groups);
  const { rt, ptr } = job;
  const mode = mu > 0 ? (attrs.nesterov ? 2 : 1) : 0;
  const block = paramBlock(
    rt,
    [ptr.p, ptr.g, ptr.b ?? 0, job.total, mode, wd > 0 ? 1 : 0],
    [f32(lr), f32(mu), f32(1 - lr * wd)],
  );
  rt.run('ck_fused_sgd', [block], job.threads);
  return unpackGroups(backend, job, inputs, n, mu > 0 ? ['p', 'b'] : ['p']);
}

/** Kernel config for tfjs-core's registry. */
export const fusedSgdConfig: KernelConfig = {
  kernelName: ops.FUSED_SGD_KERNEL,
  backendName: 'wasm',
  kernelFunc: fusedSgd as unknown as KernelFunc,
};
