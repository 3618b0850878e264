/**
 * `ConvkitFusedRmsprop` for 'wasm': one SIMD pass (csrc/optim.c
 * `ck_fused_rmsprop`) over every parameter of an RMSprop step, split across
 * the threads. Contract: @convkit/core `op-wrappers/fused-rmsprop.ts`
 * (inputs `p, g, s`, `a` when centered, `b` when momentum > 0; attrs
 * `{ n, lr, rho, momentum, centered, epsilon }`; outputs `[p'.., s'.., a'.., b'..]`).
 */
import { ops } from '@convkit/core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelConfig, KernelFunc, NamedTensorInfoMap } from '@tensorflow/tfjs-core';
import { f32, groupCount, packGroups, paramBlock, unpackGroups } from './fused-optimizer-driver';

interface RmspropAttrs {
  n: number;
  lr: number;
  rho: number;
  momentum: number;
  centered: boolean;
  epsilon: number;
}

function fusedRmsprop(args: { inputs: NamedTensorInfoMap; backend: BackendWasm; attrs: RmspropAttrs }) {
  const { inputs, backend, attrs } = args;
  const kernel = ops.FUSED_RMSPROP_KERNEL;
  const n = groupCount(kernel, attrs);
  const { lr, rho, epsilon } = attrs;
  const mu = attrs.momentum ?? 0;
  const centered = attrs.centered === true;
  const groups = ['p', 'g', 's'];
  if (centered) groups.push('a');
  if (mu > 0) groups.push('b');
  const job = packGroups(kernel, backend, inputs, n, groups);
  const { rt, ptr } = job;
  const block = paramBlock(
    rt,
    [ptr.p, ptr.g, ptr.s, ptr.a ?? 0, ptr.b ?? 0, job.total, centered ? 1 : 0, mu > 0 ? 1 : 0],
    [f32(lr), f32(rho), f32(1 - rho), f32(epsilon), f32(mu)],
  );
  rt.run('ck_fused_rmsprop', [block], job.threads);
  return unpackGroups(
    backend,
    job,
    inputs,
    n,
    groups.filter((g) => g !== 'g'),
  );
}

/** Kernel config for tfjs-core's registry. */
export const fusedRmspropConfig: KernelConfig = {
  kernelName: ops.FUSED_RMSPROP_KERNEL,
  backendName: 'wasm',
  kernelFunc: fusedRmsprop as unknown as KernelFunc,
};
