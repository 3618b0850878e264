/**
 * tfjs-backend-wasm's own kernels that convkit replaces, kept so a convkit
 * kernel can hand cases it does not specialise (batch 1, odd axes) back to them.
 */
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';

const originals = new Map<string, KernelConfig>();

/** Remembers tfjs-backend-wasm's config for a kernel before convkit replaces it. */
export function rememberOriginal(config: KernelConfig): void {
  if (!originals.has(config.kernelName)) originals.set(config.kernelName, config);
}

/**
 * tfjs-backend-wasm's kernel function for `name`, or undefined when it had none.
 * Its setup (cwrap of the XNNPACK entry) runs through the replacing config's
 * `setupFunc` (see register-all-kernels.ts).
 *
 * @param name - A kernel name, e.g. `'Conv2D'`.
 * @returns The original kernel function (called with tfjs's kernel arguments `{ inputs, backend, attrs }`),
 *   or `undefined` when tfjs-backend-wasm has no such kernel.
 */
export function originalKernel(name: string): ((args: unknown) => TensorInfo | TensorInfo[]) | undefined {
  const config = originals.get(name);
  return config ? (args) => config.kernelFunc(args as Parameters<KernelFunc>[0]) : undefined;
}

/** tfjs-backend-wasm's config for `name` as it was before convkit replaced it. */
export function originalConfig(name: string): KernelConfig | undefined {
  return originals.get(name);
}
